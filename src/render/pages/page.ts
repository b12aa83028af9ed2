import type { LayoutView, PageKind } from '../templates.ts';

/** One page to render: where it goes, which template, its view model and top-bar state. */
export interface PageSpec {
  /** Path in the out dir, e.g. `people/dana/index.html`. */
  path: string;
  kind: PageKind;
  title: string;
  nav: LayoutView['nav'];
  description?: string;
  /** Prefix of every site link on the page; default: relative to `path` (`../../`). */
  root?: string;
  view: object;
}
