import path from 'node:path/posix';
import type { OutFile } from '../render/types.ts';
import { safeDecode } from '../core/text.ts';

/** An internal link in the built site that points at no file or no anchor. */
export interface BrokenLink {
  page: string;
  href: string;
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
/** Between a path and an anchor in a key: a file name may hold "#", never a NUL. */
const SEP = '\u0000';

/**
 * Checks every relative href and src in the built HTML against the files (and heading ids)
 * the build writes. Files are added as they are rendered, so a large site is checked without
 * holding its pages: only one key per file, per id and per distinct link target is kept.
 * Keys are copied before they are kept (see `own`). Body links that are broken were already reported as gaps and are
 * rendered without an href, so anything found here is a bug in a template.
 */
export class LinkChecker {
  /** `path` + SEP for every file, `path` + SEP + `id` for every id of an HTML page. */
  private readonly targets = new Set<string>();
  /** HTML pages: only their anchors are checked (a PDF's #page=2 is not ours to check). */
  private readonly pages = new Set<string>();
  /** Each distinct path + SEP + anchor linked to, with the first page that links to it. */
  private readonly wanted = new Map<string, string>();

  /** Records a file the build writes, and the links and ids of an HTML page. */
  add(file: OutFile): void {
    this.targets.add(own(`${file.path}${SEP}`));
    if (!file.path.endsWith('.html') || typeof file.content !== 'string') return;
    this.pages.add(file.path);
    for (const match of file.content.matchAll(ID)) {
      const key = `${file.path}${SEP}${decode(match[1]!)}`;
      if (!this.targets.has(key)) this.targets.add(own(key));
    }
    for (const match of file.content.matchAll(ATTRIBUTE)) {
      const href = decode(match[1]!);
      if (href === '' || EXTERNAL.test(href)) continue;
      // As a browser reads it: the fragment ends the path, the query ends the path, then the path is decoded once.
      const cut = href.indexOf('#');
      const [target, anchor] = cut < 0 ? [href, ''] : [href.slice(0, cut), href.slice(cut + 1)];
      const filePath = safeDecode(target.split('?')[0]!);
      const resolved = target === '' ? file.path : path.normalize(path.join(path.dirname(file.path), filePath));
      const page = resolved.endsWith('/') || resolved === '.' ? `${resolved === '.' ? '' : resolved}index.html` : resolved;
      const key = `${page}${SEP}${anchor}`;
      if (!this.wanted.has(key)) this.wanted.set(own(key), file.path);
    }
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

/**
 * A copy of `text` that shares no memory with the page it came from. V8 keeps a regex match as a
 * view into the whole page, and a string built from one still points at it, so keeping such keys
 * kept every page of the site alive (about 35 KB a page).
 */
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
