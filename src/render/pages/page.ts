import type { PageKind } from '../templates.ts';

/** One page to render: where it goes, which template, and its view model. The registry says which top-bar entry it is under. */
export interface PageSpec {
  /** Path in the out dir, e.g. `people/dana/index.html`. */
  path: string;
  kind: PageKind;
  title: string;
  description?: string;
  /** Prefix of every site link on the page; default: relative to `path` (`../../`). */
  root?: string;
  view: object;
}
