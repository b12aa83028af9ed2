/**
 * Raw HTML in a body: only `<details>` (with `open`) and `<summary>` are kept, as GitHub renders them.
 * Before rehype-raw reparses the tree, each raw node is cut into its details and summary tags, written
 * anew (`<details open>`, `</summary>`), and the rest, which becomes the text a reader would see of it
 * (no tags; nothing of script, style, svg and the like). So the HTML parser only ever meets those four
 * tags, and an unclosed `<style>` or `<select>` cannot swallow the Markdown after it; rehype-raw's job
 * is to put the Markdown between `<details>` and `</details>` inside the fold. rehype-sanitize still runs
 * after, as the guard.
 */
import type { ElementContent, Root as HastRoot, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

/** Raw elements whose content is code, a document of its own or not prose: none of their text is shown. */
const DROPPED = new Set(['script', 'style', 'template', 'textarea', 'title', 'iframe', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'object', 'embed', 'svg', 'math', 'select']);

/** A comment, or a details or summary tag (`<details open>`, `</summary>`). */
const KEPT_TAG = /<!--[\s\S]*?-->|<(\/?)(details|summary)(?=[\s/>])[^>]*>/gi;

/** True when the Markdown tree holds raw HTML (most bodies do not, and skip the reparse). */
export function hasHtml(tree: Root): boolean {
  const holds = (node: { type: string; children?: unknown[] }): boolean => node.type === 'html' || (node.children?.some((child) => holds(child as typeof node)) ?? false);
  return holds(tree);
}

/** Replaces each raw node of the HTML tree by its details and summary tags, written anew, and its visible text. */
export function onlyDetails(tree: HastRoot): void {
  visit(tree, 'raw', (node, index, parent) => {
    if (!parent || index === undefined) return;
    const pieces: RootContent[] = [];
    const text = (html: string) => {
      const value = visibleText(html);
      if (value) pieces.push({ type: 'text', value });
    };
    let last = 0;
    for (const match of node.value.matchAll(KEPT_TAG)) {
      text(node.value.slice(last, match.index));
      last = match.index + match[0].length;
      const [tag, close, name] = match;
      if (name) pieces.push({ type: 'raw', value: `<${close}${name.toLowerCase()}${!close && isOpen(tag) ? ' open' : ''}>`, position: node.position });
    }
    text(node.value.slice(last));
    (parent.children as RootContent[]).splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
}

/** Whether a `<details ...>` tag has the `open` attribute, as an HTML parser reads it. */
function isOpen(tag: string): boolean {
  const [details] = fromHtml(`${tag}</details>`, { fragment: true }).children;
  return details?.type === 'element' && details.properties.open !== undefined;
}

/** The text a reader sees of some raw HTML: a `<summary>`'s title, a `<div>`'s words; for the page and for search. */
export function visibleText(html: string): string {
  const text = (node: RootContent | ElementContent): string =>
    node.type === 'text' ? node.value : node.type === 'element' && !DROPPED.has(node.tagName) ? node.children.map(text).join('') : '';
  return fromHtml(html, { fragment: true }).children.map(text).join('');
}
