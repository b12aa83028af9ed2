import path from 'node:path/posix';
import type { OutFile, PageLinks } from '../render/types.ts';

export type { PageLinks };
import { safeDecode } from '../core/text.ts';

/** An internal link in the built site that points at no file or no anchor. */
export interface BrokenLink {
  page: string;
  href: string;
}

const ATTRIBUTE_OR_ID = /\s(href|src|id)="([^"]*)"/g;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
/** Between a path and an anchor in a key: a file name may hold "#", never a NUL. */
const SEP = '\u0000';


/**
 * The ids and link targets of one HTML page, each once, as strings that share no memory with the page
 * (V8 keeps a regex match as a view into the whole page; keeping such strings kept every page alive,
 * about 35 KB a page). Stored with the build record, so a page that is not rendered again is still checked.
 * `memo` carries resolved links from page to page (see `linkKey`); pass the same map for the pages of one build.
 */
export function scanPage(file: OutFile, memo: Map<string, string> = new Map()): PageLinks {
  const text = String(file.content);
  const ids = new Set<string>();
  const hrefs = new Set<string>();
  // One pass over the page for ids and links; a page repeats most of its links (the top bar, owners), so each is resolved once.
  for (const match of text.matchAll(ATTRIBUTE_OR_ID)) (match[1] === 'id' ? ids : hrefs).add(match[2]!);
  const depth = file.path.split('/').length - 1;
  const root = '../'.repeat(depth);
  const links = new Set<string>();
  for (const raw of hrefs) {
    // A link that climbs to the site root first resolves the same from every page as deep (the folder names cancel out);
    // the site's pages link to each other that way, so most links are resolved once per depth, not once per page.
    const shared = raw.startsWith(root) && raw[0] !== '#' && raw[0] !== '&' ? `${depth}${SEP}${raw}` : undefined;
    let key = shared === undefined ? undefined : memo.get(shared);
    if (key === undefined) {
      key = linkKey(file.path, raw);
      // Copies: a key cut from the page would keep the whole page alive as long as the map.
      if (shared !== undefined) memo.set(own(shared), own(key));
    }
    if (key !== '') links.add(key);
  }
  // One copy of the whole list is cheaper than one per string.
  return JSON.parse(JSON.stringify({ ids: [...ids].map(decode), links: [...links] })) as PageLinks;
}

/** What a relative `href` of the page at `pagePath` points at, as path + SEP + anchor; '' for an external or empty link. */
function linkKey(pagePath: string, raw: string): string {
  const href = decode(raw);
  if (href === '' || EXTERNAL.test(href)) return '';
  // As a browser reads it: the fragment ends the path, the query ends the path, then the path is decoded once.
  const cut = href.indexOf('#');
  const [target, anchor] = cut < 0 ? [href, ''] : [href.slice(0, cut), href.slice(cut + 1)];
  const filePath = safeDecode(target.split('?')[0]!);
  const resolved = target === '' ? pagePath : path.normalize(path.join(path.dirname(pagePath), filePath));
  const page = resolved.endsWith('/') || resolved === '.' ? `${resolved === '.' ? '' : resolved}index.html` : resolved;
  return `${page}${SEP}${anchor}`;
}

/**
 * Checks every relative href and src in the built HTML against the files (and heading ids)
 * the build writes. Files are added as they are rendered, so a large site is checked without
 * holding its pages: only one key per file, per id and per distinct link target is kept.
 * Body links that are broken were already reported as gaps and are
 * rendered without an href, so anything found here is a bug in a template.
 */
export class LinkChecker {
  /** `path` + SEP for every file, `path` + SEP + `id` for every id of an HTML page. */
  private readonly targets = new Set<string>();
  /** HTML pages: only their anchors are checked (a PDF's #page=2 is not ours to check). */
  private readonly pages = new Set<string>();
  /** Each distinct path + SEP + anchor linked to, with the first page that links to it. */
  private readonly wanted = new Map<string, string>();
  /** Links resolved on earlier pages (see `scanPage`). */
  private readonly resolved = new Map<string, string>();

  /** Records a file the build writes, and the links and ids of an HTML page (read from it unless the file carries them); returns those of a page. */
  add(file: OutFile): PageLinks | undefined {
    if (file.links) {
      this.addPage(file.path, file.links);
      return file.links;
    }
    if (!file.path.endsWith('.html') || typeof file.content !== 'string') {
      this.addFile(file.path);
      return undefined;
    }
    const scanned = scanPage(file, this.resolved);
    this.addPage(file.path, scanned);
    return scanned;
  }

  /** Records a file that is not an HTML page. */
  addFile(filePath: string): void {
    this.targets.add(own(`${filePath}${SEP}`));
  }

  /** Records an HTML page from its scan (see `scanPage`). */
  addPage(pagePath: string, scanned: PageLinks): void {
    const page = own(pagePath);
    this.targets.add(`${page}${SEP}`);
    this.pages.add(page);
    for (const id of scanned.ids) this.targets.add(`${page}${SEP}${id}`);
    for (const key of scanned.links) if (!this.wanted.has(key)) this.wanted.set(key, page);
  }

  /** Every distinct link target that resolves to nothing, with the first page that links to it and the link as seen from there. */
  broken(): BrokenLink[] {
    const broken: BrokenLink[] = [];
    for (const [key, from] of this.wanted) {
      const cut = key.indexOf(SEP);
      const [page, anchor] = [key.slice(0, cut), key.slice(cut + 1)];
      const file = this.targets.has(`${page}${SEP}`) ? page : this.targets.has(`${page}/index.html${SEP}`) ? `${page}/index.html` : null;
      // A browser looks for the fragment as written, then percent-decoded (HTML's "indicated part of the document").
      const anchorOk = !anchor || !this.pages.has(page) || this.targets.has(key) || this.targets.has(`${page}${SEP}${safeDecode(anchor)}`);
      if (file && anchorOk) continue;
      const relative = page === from ? '' : path.relative(path.dirname(from), page);
      broken.push({ page: from, href: `${relative}${anchor ? `#${anchor}` : ''}` });
    }
    return broken;
  }
}

/** A copy of `text` that shares no memory with a string it was cut from (see `scanPage`). */
function own(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function decode(text: string): string {
  if (!text.includes('&')) return text;
  const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (all, hex?: string, dec?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (named[name!.toLowerCase()] ?? all),
  );
}
