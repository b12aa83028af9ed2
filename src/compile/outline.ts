/** What the compiler reads from the Markdown tree: heading slugs, level-2 sections, links and plain text. */
import GithubSlugger from 'github-slugger';
import type { Html, Node, Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visibleText } from './raw.ts';
import type { BodySection, Link } from './types.ts';

/** A node's source position as a key; hast nodes keep the position of the mdast node they came from. */
export const placeKey = (node: { position?: { start: { line: number; column: number } } }) =>
  node.position ? `${node.position.start.line}:${node.position.start.column}` : '';

/**
 * Heading ids keyed by source position. Top-level headings are slugged first, in document order,
 * so `#rollback` links the audit accepts always land; nested headings (in quotes, lists) continue
 * the same slugger so no id is used twice.
 */
export function headingSlugs(tree: Root): Map<string, string> {
  const slugger = new GithubSlugger();
  const slugs = new Map<string, string>();
  for (const node of tree.children) if (node.type === 'heading') slugs.set(placeKey(node), slugger.slug(toString(node)));
  // Then every heading in document order (a plain walk: unist-util-visit's general machinery cost more than the slugging).
  const walk = (node: Node) => {
    if (node.type === 'heading' && !slugs.has(placeKey(node))) slugs.set(placeKey(node), slugger.slug(toString(node)));
    for (const child of (node as Parent).children ?? []) walk(child);
  };
  walk(tree);
  return slugs;
}

/** Level-2 sections (each running to the next heading of level 1 or 2) and the top-level anchors. */
export function readSections(tree: Root, slugs: Map<string, string>): { sections: BodySection[]; anchors: string[] } {
  const sections: BodySection[] = [];
  const anchors: string[] = [];
  let current: { section: BodySection; body: RootContent[] } | null = null;
  const close = () => {
    if (current) current.section.empty = current.body.every((node) => toString(node).trim() === '' && node.type !== 'image');
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const slug = slugs.get(placeKey(node)) ?? '';
      anchors.push(slug);
      if (node.depth <= 2) close(), (current = null);
      if (node.depth === 2) {
        const section: BodySection = { heading: toString(node), slug, line: node.position?.start.line ?? 1, empty: true };
        sections.push(section);
        current = { section, body: [] };
        continue;
      }
    }
    current?.body.push(node);
  }
  close();
  return { sections, anchors };
}

/** Every link, image and link definition in the body, with its place. */
export function collectLinks(tree: Root): Link[] {
  const links: Link[] = [];
  const walk = (node: { type: string; url?: string; children?: unknown[]; position?: { start: { line: number; column: number } } }) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined)
      links.push({ url: node.url, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, image: node.type === 'image' });
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return links;
}

/** Block-level leaves whose text is read whole; everything else is walked into. */
const LEAVES = new Set(['paragraph', 'heading', 'tableCell', 'code']);

/**
 * The body as plain text, one block per line: no HTML tags, no link targets, words of neighbouring blocks
 * kept apart. A block of raw HTML gives the text the page shows of it (a `<summary>`'s title).
 */
export function bodyText(tree: Parent): string {
  const lines: string[] = [];
  const walk = (node: Node) => {
    if (node.type === 'yaml') return;
    if (node.type === 'html') {
      const text = visibleText((node as Html).value).replace(/\s+/g, ' ').trim();
      if (text) lines.push(text);
      return;
    }
    if (LEAVES.has(node.type)) {
      const text = toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
      if (text) lines.push(text);
      return;
    }
    for (const child of (node as Parent).children ?? []) walk(child);
  };
  walk(tree);
  return lines.join('\n');
}

