import path from 'node:path/posix';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { safeDecode } from '../core/text.ts';
import type { Edit } from './edits.ts';

/** Where an imported page was and where it goes. */
export interface PageTarget {
  /** Source path, relative to the collection. */
  rel: string;
  /** Path under the content folder: `runbooks/x/y.md` or `guides/y.md`. */
  to: string;
  /** URL paths the old site served it at. */
  urls: string[];
}

/** The imported pages, findable by source path, by old URL, and (for Hugo's ref) by file name. */
export interface PageIndex {
  byRel: Map<string, PageTarget>;
  byUrl: Map<string, PageTarget>;
  byName: Map<string, PageTarget[]>;
  /** Every file of the collection, for images and other linked files. */
  files: Set<string>;
}

const INDEX_NAME = /(^|\/)(index|_index|readme)$/i;

/** `kubernetes/_index.md` and `kubernetes.md` are both "kubernetes"; `x.html.md` is "x". */
export function relKey(rel: string): string {
  return rel.replace(/\.(md|markdown)$/i, '').replace(/\.html?$/i, '').replace(INDEX_NAME, '').toLowerCase();
}

/** `/Manual/X.html`, `/manual/x/` and `/manual/x` are one page to a web server. */
function urlKey(url: string): string {
  return safeDecode(url.split(/[?#]/)[0]!).toLowerCase().replace(/\/+$/, '').replace(/\.html?$/, '').replace(/\/(index|_index)$/, '');
}

export function pageIndex(pages: PageTarget[], files: string[]): PageIndex {
  const byRel = new Map<string, PageTarget>();
  const byUrl = new Map<string, PageTarget>();
  const byName = new Map<string, PageTarget[]>();
  for (const page of pages) {
    byRel.set(relKey(page.rel), page);
    for (const url of page.urls) if (!byUrl.has(urlKey(url))) byUrl.set(urlKey(url), page);
    const name = path.basename(page.rel).toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), page]);
  }
  return { byRel, byUrl, byName, files: new Set(files) };
}

/** What rewriting one page's links did. */
export interface LinkReport {
  edits: Edit[];
  rewritten: number;
  /** Files to copy: source path -> path under the content folder. */
  assets: Map<string, string>;
  /** Links that could not be mapped, for the table. */
  left: string[];
  refused: string[];
}

export interface LinkOptions {
  /** `--site-url`: links to other areas of the old site become absolute under it. */
  siteUrl?: string;
  /** Path under the content folder where a source file beside the pages is copied. */
  assetPath(rel: string): string;
  /** Null when the file may be published, else why not. */
  refusal(rel: string): string | null;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Rewrites every link, image and link definition of a page's tree: links to other imported pages
 * (by file, by old URL, site-absolute or relative) become relative `.md` links to where they go,
 * images and files beside the pages are copied, other site-absolute links become absolute URLs under
 * `--site-url`. External links and `#anchors` are left as they are.
 */
export function rewriteLinks(tree: Root, body: string, page: PageTarget, index: PageIndex, options: LinkOptions): LinkReport {
  const report: LinkReport = { edits: [], rewritten: 0, assets: new Map(), left: [], refused: [] };
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const url = node.url;
    if (!url || EXTERNAL.test(url) || url.startsWith('#')) return;
    const next = resolve(url, page, index, options, report);
    if (next === null || next === url) return;
    const edit = relink(node, body, next);
    if (!edit) return;
    report.edits.push(edit);
    report.rewritten++;
  });
  return report;
}

/** The new URL of a link, or null to leave it (noted in the report). */
function resolve(url: string, page: PageTarget, index: PageIndex, options: LinkOptions, report: LinkReport): string | null {
  const cut = url.indexOf('#');
  const [rawPath, anchor] = cut < 0 ? [url, ''] : [url.slice(0, cut), url.slice(cut)];
  const filePath = safeDecode(rawPath.split('?')[0]!);
  const fromDir = path.dirname(page.to);
  const toPage = (target: PageTarget) => encode(path.relative(fromDir, target.to)) + anchor;
  if (filePath.startsWith('/')) {
    const target = index.byUrl.get(urlKey(filePath));
    if (target) return toPage(target);
    const rel = filePath.slice(1);
    if (index.files.has(rel)) return asset(rel, anchor, fromDir, options, report, url);
    if (options.siteUrl) return new URL(url.slice(1), options.siteUrl.replace(/\/?$/, '/')).href;
    report.left.push(`${url} (another area of the old site; pass --site-url to link it there)`);
    return null;
  }
  const inCollection = path.normalize(path.join(path.dirname(page.rel), filePath));
  const byFile = inCollection.startsWith('..') ? undefined : index.byRel.get(relKey(inCollection));
  if (byFile) return toPage(byFile);
  if (index.files.has(inCollection)) return asset(inCollection, anchor, fromDir, options, report, url);
  // Hugo and static sites resolve relative links against the page's URL, not its file.
  for (const base of page.urls) {
    const target = index.byUrl.get(urlKey(path.normalize(path.join(base.endsWith('/') ? base : path.dirname(base), filePath))));
    if (target) return toPage(target);
  }
  report.left.push(`${url} (no such page or file in the collection)`);
  return null;
}

function asset(rel: string, anchor: string, fromDir: string, options: LinkOptions, report: LinkReport, url: string): string | null {
  const refused = options.refusal(rel);
  if (refused) {
    report.refused.push(`${url}: ${refused}; not copied`);
    return null;
  }
  const to = options.assetPath(rel);
  report.assets.set(rel, to);
  return encode(path.relative(fromDir, to)) + anchor;
}

/** Each path segment percent-encoded, so names with spaces stay one link destination. */
function encode(relative: string): string {
  return relative.split('/').map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part))).join('/');
}

/** The edit that gives a link, image or definition its new destination, keeping its text and title. */
function relink(node: { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; title?: string | null; children?: { position?: { start: { offset?: number }; end: { offset?: number } } }[]; alt?: string | null; label?: string | null }, body: string, url: string): Edit | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const source = body.slice(start, end);
  const dest = /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
  const title = node.title ? ` "${node.title.replace(/["\\]/g, '\\$&')}"` : '';
  if (node.type === 'definition') {
    const label = /^\s*\[((?:\\.|[^\]\\])*)\]:/.exec(source);
    return label ? { start, end, text: `[${label[1]}]: ${dest}${title}` } : null;
  }
  if (node.type === 'image') {
    if (!source.startsWith('![')) return null;
    const alt = (node.alt ?? '').replace(/[[\]\\]/g, '\\$&');
    return { start, end, text: `![${alt}](${dest}${title})` };
  }
  // Only inline links `[text](url)` are rewritten here; reference links get their definition rewritten.
  if (!source.startsWith('[') || !/\]\(/.test(source)) return null;
  const children = node.children ?? [];
  const text = children.length ? body.slice(children[0]!.position!.start.offset!, children.at(-1)!.position!.end.offset!) : '';
  return { start, end, text: `[${text}](${dest}${title})` };
}

const SHORTCODE = /\{\{([<%])\s*(relref|ref)\s+(?:"([^"]*)"|'([^']*)'|([^\s%>]+))\s*[%>]\}\}/g;
const ANY_SHORTCODE = /\{\{[<%]\s*\/?\s*([\w-]+)[^}]*?[%>]\}\}/g;

/**
 * Hugo's `{{< ref "x.md" >}}` and `{{< relref "x.md#a" >}}` become the path of that page, relative to this
 * source file, so `[x]({{< ref "x.md" >}})` reads as an ordinary Markdown link (rewritten like the others);
 * one standing in text becomes a link named after the file.
 * Code is left alone; other shortcodes are kept as text and named in the report.
 */
export function expandShortcodes(body: string, tree: Root, page: PageTarget, index: PageIndex): { body: string; expanded: number; left: string[] } {
  const code: [number, number][] = [];
  visit(tree, (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') && node.position) code.push([node.position.start.offset!, node.position.end.offset!]);
  });
  const inCode = (at: number) => code.some(([a, b]) => at >= a && at < b);
  let expanded = 0;
  const left: string[] = [];
  const out = body.replace(SHORTCODE, (all, _open: string, _kind: string, dq?: string, sq?: string, bare?: string, offset?: number) => {
    if (inCode(offset!)) return all;
    const ref = (dq ?? sq ?? bare ?? '').trim();
    const [target, anchor] = ref.includes('#') ? [ref.slice(0, ref.indexOf('#')), ref.slice(ref.indexOf('#'))] : [ref, ''];
    const found = target === '' ? page : findRef(target, page, index);
    if (!found) {
      left.push(`{{< ref "${ref}" >}} (no such page in the collection)`);
      return encodeURI(ref);
    }
    expanded++;
    const link = (target === '' ? '' : encode(path.relative(path.dirname(page.rel), found.rel))) + anchor;
    // In a link's destination it is the address; standing in text, Hugo printed the address, so it becomes a link.
    const before = body.slice(Math.max(0, offset! - 3), offset);
    if (/\]\($|\]:\s*$|\]: $/.test(before) || /\]\(\s*$/.test(before)) return link;
    return `[${path.basename(target || page.rel).replace(/\.(md|markdown)$/i, '') || 'this page'}](${link})`;
  });
  for (const match of out.matchAll(ANY_SHORTCODE)) if (!inCode(match.index)) left.push(`shortcode "${match[1]}" kept as text`);
  return { body: out, expanded, left: [...new Set(left)] };
}

/** Hugo's lookup: relative to the page, then from the content root, then by file name when that is unique. */
function findRef(target: string, page: PageTarget, index: PageIndex): PageTarget | undefined {
  const clean = target.replace(/^\.\//, '');
  if (!clean.startsWith('/')) {
    const near = index.byRel.get(relKey(path.normalize(path.join(path.dirname(page.rel), clean))));
    if (near) return near;
  }
  const fromRoot = index.byRel.get(relKey(path.normalize(clean.replace(/^\//, ''))));
  if (fromRoot) return fromRoot;
  const named = index.byName.get(path.basename(clean).toLowerCase()) ?? index.byName.get(`${path.basename(clean).toLowerCase()}.md`);
  return named?.length === 1 ? named[0] : index.byUrl.get(urlKey(clean.startsWith('/') ? clean : `/${clean}`));
}
