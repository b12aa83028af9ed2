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
 * the build is about to write. Body links that are broken were already reported as gaps and
 * are rendered without an href, so anything found here is a bug in a template.
 */
export function findBrokenLinks(files: OutFile[]): BrokenLink[] {
  const paths = new Set(files.map((file) => file.path));
  const html = files.filter((file) => file.path.endsWith('.html') && typeof file.content === 'string');
  const ids = new Map(html.map((file) => [file.path, new Set([...(file.content as string).matchAll(ID)].map((m) => decode(m[1]!)))]));
  const broken: BrokenLink[] = [];
  for (const file of html) {
    for (const match of (file.content as string).matchAll(ATTRIBUTE)) {
      const href = decode(match[1]!);
      if (href === '' || EXTERNAL.test(href)) continue;
      const [target = '', anchor = ''] = href.split('#', 2);
      const resolved = target === '' ? file.path : path.normalize(path.join(path.dirname(file.path), target.split('?')[0]!));
      const page = resolved.endsWith('/') || resolved === '.' ? `${resolved === '.' ? '' : resolved}index.html` : resolved;
      const exists = paths.has(page) || paths.has(`${page}/index.html`);
      const anchorOk = !anchor || !ids.has(page) || ids.get(page)!.has(safeDecodeURI(anchor));
      if (!exists || !anchorOk) broken.push({ page: file.path, href });
    }
  }
  return broken;
}

function decode(text: string): string {
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
