import type { PageKind } from '../templates.ts';
import type { PageViews } from '../views.ts';

/** One page to render: where it goes, which template, and its typed view model. The registry says which top-bar entry it is under. */
export type PageSpec = { [K in PageKind]: PageOf<K> }[PageKind];

export interface PageOf<K extends PageKind> {
  /** Path in the out dir, e.g. `people/dana/index.html`. */
  path: string;
  kind: K;
  title: string;
  description?: string;
  /** Prefix of every site link on the page; default: relative to `path` (`../../`). */
  root?: string;
  view: PageViews[K];
}
