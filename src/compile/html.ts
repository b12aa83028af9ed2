/** What the compiler does to the HTML tree after sanitizing: heading ids, link slots, mermaid blocks, tables, checkboxes. */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { Slot } from './types.ts';
import { placeKey } from './outline.ts';

/** Ids are set after sanitizing, so they keep no `user-content-` prefix. */
export function setHeadingIds(tree: HastRoot, slugs: Map<string, string>): void {
  visit(tree, 'element', (node) => {
    if (!/^h[1-6]$/.test(node.tagName)) return;
    const slug = slugs.get(placeKey(node));
    if (slug) node.properties.id = slug;
  });
}

/**
 * Replaces each link's and image's attributes with a slot number. Text and attribute values are
 * escaped by the stringifier (`<` and `"` never appear raw), so `<a href="@N">` in the HTML can only
 * be one of these tags. Footnote links point within the page: they only get the prefix the sanitizer
 * gave the ids they point at (`#fn-1` -> `#user-content-fn-1`).
 */
export function makeSlots(tree: HastRoot, idPrefix: string): Slot[] {
  const slots: Slot[] = [];
  visit(tree, 'element', (node) => {
    const attribute = node.tagName === 'a' ? 'href' : node.tagName === 'img' ? 'src' : null;
    if (!attribute) return;
    const { properties } = node;
    const url = properties[attribute];
    if (typeof url !== 'string') return;
    if ('dataFootnoteRef' in properties || 'dataFootnoteBackref' in properties) {
      if (url.startsWith('#')) properties[attribute] = `#${idPrefix}${url.slice(1)}`;
      return;
    }
    const slot: Slot = { url, image: attribute === 'src' };
    if (typeof properties.title === 'string') slot.title = properties.title;
    if (typeof properties.alt === 'string') slot.alt = properties.alt;
    node.properties = { [attribute]: `@${slots.length}` };
    slots.push(slot);
  });
  return slots;
}

/** Mermaid blocks become `<pre class="mermaid">` (text still escaped); tables scroll inside a wrapper on phones. */
export function shapeBlocks(tree: HastRoot): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.tagName === 'code' && Array.isArray(node.properties.className))
      // The info string is free text; a class is only useful (and only kept) when it names a language.
      node.properties.className = node.properties.className.filter((name) => /^language-[\w.+#-]+$/.test(String(name)));
    if (node.tagName === 'pre' && isMermaid(node.children[0])) {
      const code = node.children[0] as Element;
      parent.children[index] = { type: 'element', tagName: 'pre', properties: { className: ['mermaid'] }, children: code.children };
      return SKIP;
    }
    if (node.tagName === 'input' && node.properties.type === 'checkbox' && parent.type === 'element') {
      // A checkbox needs a name for screen readers; its list item's text is that name.
      node.properties.ariaLabel = textOf(parent).trim().slice(0, 120) || 'Checklist item';
      return;
    }
    if (node.tagName === 'table') {
      const wrap: Element = { type: 'element', tagName: 'div', properties: { className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: tableLabel(node) }, children: [node] };
      parent.children[index] = wrap;
      return SKIP;
    }
  });
}

function isMermaid(node: ElementContent | undefined): boolean {
  if (node?.type !== 'element' || node.tagName !== 'code') return false;
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes('language-mermaid');
}

function textOf(node: ElementContent): string {
  return node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/** Names the scrollable region after the table's header row, so keyboard users know which table it is. */
function tableLabel(table: Element): string {
  const head = table.children.find((child): child is Element => child.type === 'element' && child.tagName === 'thead');
  const row = head?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'tr');
  const cells = (row?.children ?? []).filter((c) => c.type === 'element').map((c) => textOf(c).trim()).filter(Boolean);
  const label = cells.join(', ');
  return label ? `Table: ${label.length > 80 ? `${label.slice(0, 79)}…` : label}` : 'Table';
}
