import path from 'node:path/posix';
import type { OutFile } from './render/types.ts';

/** An internal link in the built site that points at no file or no anchor. */
export interface BrokenLink {
  page: string;
  href: string;
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Checks every relative href and src in the built HTML against the files (and heading ids)
 * the build writes. Files are added as they are rendered, so a large site is checked without
 * holding its pages: only paths, ids and each distinct link target are kept, the latter with
 * the first page and href that asked for it. Body links that are broken were already reported
 * as gaps and are rendered without an href, so anything found here is a bug in a template.
 */
export class LinkChecker {
  private readonly paths = new Set<string>();
  private readonly ids = new Map<string, Set<string>>();
  private readonly wanted = new Map<string, BrokenLink & { target: string; anchor: string }>();

  /** Records a file the build writes, and the links and ids of an HTML page. */
  add(file: OutFile): void {
    this.paths.add(file.path);
    if (!file.path.endsWith('.html') || typeof file.content !== 'string') return;
    this.ids.set(file.path, new Set(Array.from(file.content.matchAll(ID), (m) => decode(m[1]!))));
    for (const match of file.content.matchAll(ATTRIBUTE)) {
      const href = decode(match[1]!);
      if (href === '' || EXTERNAL.test(href)) continue;
      const [target = '', anchor = ''] = href.split('#', 2);
      const resolved = target === '' ? file.path : path.normalize(path.join(path.dirname(file.path), target.split('?')[0]!));
      const page = resolved.endsWith('/') || resolved === '.' ? `${resolved === '.' ? '' : resolved}index.html` : resolved;
      const key = `${page}#${anchor}`;
      if (!this.wanted.has(key)) this.wanted.set(key, { page: file.path, href, target: page, anchor });
    }
  }

  /** Every distinct link target that resolves to nothing, with the first page that links to it. */
  broken(): BrokenLink[] {
    const broken: BrokenLink[] = [];
    for (const { page, href, target, anchor } of this.wanted.values()) {
      const exists = this.paths.has(target) || this.paths.has(`${target}/index.html`);
      const ids = this.ids.get(target);
      const anchorOk = !anchor || !ids || ids.has(safeDecodeURI(anchor));
      if (!exists || !anchorOk) broken.push({ page, href });
    }
    return broken;
  }
}

/** The broken internal links of a whole set of files (see LinkChecker). */
export function findBrokenLinks(files: OutFile[]): BrokenLink[] {
  const checker = new LinkChecker();
  for (const file of files) checker.add(file);
  return checker.broken();
}

function decode(text: string): string {
  if (!text.includes('&')) return text;
  const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (all, hex?: string, dec?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (named[name!.toLowerCase()] ?? all),
  );
}

function safeDecodeURI(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
