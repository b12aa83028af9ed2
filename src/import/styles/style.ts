import type { Status } from '../../config.ts';
import type { OwnerRef } from '../owners.ts';
import type { Skipped, SourceDoc } from '../source.ts';

export const STYLE_NAMES = ['auto', 'alerts', 'techdocs', 'backstage', 'plain'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

/** The collection being imported: its files, and each Markdown page read (or why it could not be). */
export interface Collection {
  root: string;
  /** Every file, relative to `root`, sorted. */
  files: string[];
  /** Markdown pages by path. */
  docs: Map<string, SourceDoc | Skipped>;
  /** Text of each SVG file (null when not UTF-8), to refuse one that could run script. */
  svg: Map<string, string | null>;
  maxBytes: number;
}

/** What is known about a page's fields, and where each came from: the mapping table prints it. */
export interface Found {
  title?: { value: string; from: string };
  summary?: { value: string; from: string };
  status?: { value: Status; from: string };
  owners: OwnerRef[];
  review?: { last?: string; every?: string; next?: string; from: string };
  tags: string[];
  /** The team's other fields, kept under `extra`. */
  extra: Record<string, unknown>;
  /** Table lines: what was mapped (`+`) and what could not be (`-`). */
  mapped: string[];
  missed: string[];
}

/** One page a style found: which file, what its id is made from, and where the old site served it. */
export interface StylePage {
  rel: string;
  /** Path its id is made from, without extension (`kubernetes/KubePodCrashLooping`). */
  idPath: string;
  /** URL paths the old site served it at (`/manual/x.html`), so site-absolute links to it can be rewritten. */
  urls: string[];
  /** Fields known from outside the page (a Backstage entity). */
  context?: Partial<Found>;
}

/** One import style: how to recognise a collection, find its pages, and read the frontmatter fields it adds. */
export interface Style {
  name: Exclude<StyleName, 'auto'>;
  /** True when the collection looks like this style (`--style auto` tries backstage, techdocs, alerts, then plain). */
  detect(collection: Collection): boolean;
  /** The pages to import; files left out are listed with a reason. */
  pages(collection: Collection): Promise<{ pages: StylePage[]; skipped: Skipped[]; ignored: string[] }>;
  /** Maps the frontmatter fields only this style knows into `found`; returns the keys it used (the rest go under `extra`). */
  fields(fm: Record<string, unknown>, found: Found, page: StylePage): string[];
  /** Hugo's `{{< ref >}}` and `{{< relref >}}` shortcodes are links. */
  shortcodes: boolean;
}

/** Markdown files: `.md` and `.markdown`. */
export const isMarkdown = (rel: string) => /\.(md|markdown)$/i.test(rel);

/** `a/b/x.md` -> `a/b/x`; `x.html.md` -> `x`. */
export function withoutExtension(rel: string): string {
  return rel.replace(/\.(md|markdown)$/i, '').replace(/\.html?$/i, '');
}

/** Every Markdown page of the collection, one StylePage each, with `urls` made by `url`. */
export function markdownPages(collection: Collection, url: (rel: string) => string[]): { pages: StylePage[]; skipped: Skipped[]; ignored: string[] } {
  const pages: StylePage[] = [];
  const skipped: Skipped[] = [];
  for (const [rel, doc] of collection.docs) {
    if ('reason' in doc) skipped.push(doc);
    else pages.push({ rel, idPath: withoutExtension(rel), urls: url(rel) });
  }
  return { pages, skipped, ignored: [] };
}

/** Level-2 headings of a page, as text. */
export function headings(doc: SourceDoc, depth = 2): string[] {
  return doc.tree.children.flatMap((node) => (node.type === 'heading' && node.depth === depth ? [plain(node)] : []));
}

function plain(node: { children?: unknown[]; value?: unknown }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((child) => plain(child as { children?: unknown[]; value?: unknown })).join('');
}
