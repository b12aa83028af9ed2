/** The import's options and results, shared by its steps. */
import type { Config, Status } from '../config.ts';
import type { Stub } from './people.ts';
import type { Skipped } from './source.ts';
import type { Style, StyleName } from './styles/index.ts';

export interface ImportOptions {
  /** The collection's folder. */
  from: string;
  contentDir: string;
  config: Config;
  style: StyleName;
  /** Folder under runbooks/ and guides/ for the imported pages ('' for none). */
  into: string;
  /** Status of every imported runbook (default: the collection's lifecycle, else experiment). */
  status?: Status;
  /** Owner of pages that name none: a person or team id, `#channel` or `@user`. */
  owner?: string;
  /** Text and name of the `--map` file. */
  map?: { text: string; file: string };
  codeowners?: string;
  siteUrl?: string;
  /** Pages matching this glob (relative to the collection) become guides. */
  guides?: string;
  dryRun: boolean;
}

/** One page the import writes, with what the mapping table says about it. */
export interface ImportedPage {
  source: string;
  kind: 'runbook' | 'guide';
  /** Path under the content folder. */
  to: string;
  text: string;
  mapped: string[];
  missed: string[];
}

export interface ImportResult {
  style: Style['name'];
  pages: ImportedPage[];
  /** Files copied beside the pages: source -> path under the content folder. */
  assets: { source: string; to: string }[];
  skipped: Skipped[];
  /** Markdown the style does not import (Backstage: outside any component's docs). */
  ignored: string[];
  stubs: Stub[];
  peopleFile: string;
  written: boolean;
}
