/** What the compiler does to the HTML tree after sanitizing: heading ids, link slots, mermaid blocks, tables, checkboxes. */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Slot } from './types.ts';
import { placeKey } from './outline.ts';

/**
 * Finishes the sanitized HTML tree in one walk, in document order: heading ids (set after sanitizing, so
 * they keep no `user-content-` prefix), the block shapes (`shapeBlock`), and a slot for each link and image
 * (`slotOf`). Returns the slots in order. One plain walk instead of three unist-util-visit passes: the
 * general walker's machinery cost more than the work (about 100 ms per 1,000 runbooks).
 */
export function finishHtml(tree: HastRoot, slugs: Map<string, string>, idPrefix: string): Slot[] {
  const slots: Slot[] = [];
  // `shaping` is off inside a block that was reshaped (a wrapped table): its contents keep their shape.
  const walk = (parent: HastRoot | Element, shaping: boolean) => {
    const children = parent.children as ElementContent[];
    for (let index = 0; index < children.length; index++) {
      let node = children[index]!;
      if (node.type !== 'element') continue;
      if (/^h[1-6]$/.test(node.tagName)) {
        const slug = slugs.get(placeKey(node));
        if (slug) node.properties.id = slug;
      }
      let inside = shaping;
      if (shaping) {
        const shaped = shapeBlock(node, parent);
        if (shaped) {
          children[index] = node = shaped;
          inside = false;
        }
      }
      slotOf(node, slots, idPrefix);
      walk(node, inside);
    }
  };
  walk(tree, true);
  return slots;
}

/**
 * Replaces a link's or image's attributes with a slot number. Text and attribute values are
 * escaped by the stringifier (`<` and `"` never appear raw), so `<a href="@N">` in the HTML can only
 * be one of these tags. Footnote links point within the page: they only get the prefix the sanitizer
 * gave the ids they point at (`#fn-1` -> `#user-content-fn-1`).
 */
function slotOf(node: Element, slots: Slot[], idPrefix: string): void {
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
}

/**
 * Mermaid blocks become `<pre class="mermaid">` (text still escaped); tables scroll inside a wrapper on
 * phones; code keeps only language classes; checkboxes get a name. Returns the block that replaces
 * `node`, whose contents are then left as they are, or undefined.
 */
function shapeBlock(node: Element, parent: HastRoot | Element): Element | undefined {
  if (node.tagName === 'code' && Array.isArray(node.properties.className))
    // The info string is free text; a class is only useful (and only kept) when it names a language.
    node.properties.className = node.properties.className.filter((name) => /^language-[\w.+#-]+$/.test(String(name)));
  if (node.tagName === 'pre' && isMermaid(node.children[0])) {
    const code = node.children[0] as Element;
    return { type: 'element', tagName: 'pre', properties: { className: ['mermaid'] }, children: code.children };
  }
  if (node.tagName === 'input' && node.properties.type === 'checkbox' && parent.type === 'element') {
    // A checkbox needs a name for screen readers; its list item's text is that name.
    node.properties.ariaLabel = textOf(parent).trim().slice(0, 120) || 'Checklist item';
    return undefined;
  }
  if (node.tagName === 'table')
    return { type: 'element', tagName: 'div', properties: { className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: tableLabel(node) }, children: [node] };
  return undefined;
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
