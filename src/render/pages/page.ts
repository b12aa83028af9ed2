import type { LayoutView, PageKind } from '../templates.ts';

/** One page to render: where it goes, which template, its view model and top-bar state. */
export interface PageSpec {
  /** Path in the out dir, e.g. `people/dana/index.html`. */
  path: string;
  kind: PageKind;
  title: string;
  nav: LayoutView['nav'];
  description?: string;
  view: object;
}
