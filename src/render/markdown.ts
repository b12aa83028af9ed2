import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import path from 'node:path/posix';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { resolveLink } from '../links.ts';
import type { Site, Workflow } from '../model.ts';
import { personPath, runbookPath, teamPath } from './types.ts';

/** The default (GitHub) schema, plus the link schemes the runbook format adds; rewritten before output. */
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'tel', 'people', 'teams'] },
};

/** Raw HTML is never passed through (remark-rehype drops it without `allowDangerousHtml`). */
const processor = unified().use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify);

/** A runbook body as safe HTML, and the asset paths (under `runbooks/`) its links and images point at. */
export function renderMarkdown(workflow: Workflow, site: Site, pagePath: string): { html: string; assets: string[] } {
  const tree = structuredClone(workflow.tree) as Root;
  const slugs = headingSlugs(tree);
  const hast = processor.runSync(tree) as unknown as HastRoot;
  const assets = new Set<string>();
  setHeadingIds(hast, slugs);
  rewriteLinks(hast, { workflow, site, pagePath, assets });
  shapeBlocks(hast);
  return { html: processor.stringify(hast as never), assets: [...assets].sort() };
}

const placeKey = (node: { position?: { start: { line: number; column: number } } }) =>
  node.position ? `${node.position.start.line}:${node.position.start.column}` : '';

/**
 * Heading ids keyed by source position. Top-level headings are slugged first, in the same order
 * and from the same text as src/outline.ts, so `#rollback` links the audit accepts always land;
 * nested headings (in quotes, lists) continue the same slugger so no id is used twice.
 */
function headingSlugs(tree: Root): Map<string, string> {
  const slugger = new GithubSlugger();
  const slugs = new Map<string, string>();
  for (const node of tree.children) if (node.type === 'heading') slugs.set(placeKey(node), slugger.slug(toString(node)));
  visit(tree, 'heading', (node) => {
    if (!slugs.has(placeKey(node))) slugs.set(placeKey(node), slugger.slug(toString(node)));
  });
  return slugs;
}

/** Ids are set after sanitizing, so they keep no `user-content-` prefix. */
function setHeadingIds(tree: HastRoot, slugs: Map<string, string>): void {
  visit(tree, 'element', (node) => {
    if (!/^h[1-6]$/.test(node.tagName)) return;
    const slug = slugs.get(placeKey(node));
    if (slug) node.properties.id = slug;
  });
}

interface LinkContext {
  workflow: Workflow;
  site: Site;
  pagePath: string;
  assets: Set<string>;
}

/** Points runbook, people, team and file links at the built site; marks broken ones. */
function rewriteLinks(tree: HastRoot, ctx: LinkContext): void {
  visit(tree, 'element', (node, index, parent) => {
    const attribute = node.tagName === 'a' ? 'href' : node.tagName === 'img' ? 'src' : null;
    if (!attribute) return;
    const url = node.properties[attribute];
    if (typeof url !== 'string') return;
    if ('dataFootnoteRef' in node.properties || 'dataFootnoteBackref' in node.properties) return;
    const target = linkTarget(url, ctx);
    if (target !== null) return void (node.properties[attribute] = target);
    if (node.tagName === 'a') {
      delete node.properties.href;
      node.properties.className = ['broken-link'];
      node.properties.title = 'Broken link (listed on the report page)';
      return;
    }
    if (parent && index !== undefined) {
      const alt = String(node.properties.alt ?? '');
      parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['broken-link'] }, children: [{ type: 'text', value: alt }] };
      return SKIP;
    }
  });
}

/** Sanitizing already dropped other schemes; `people:Dana` (not an id) must not slip through as "external". */
const SAFE_SCHEME = /^(https?:|mailto:|tel:|\/\/)/i;

/** The URL a link gets on its page, or null when it is broken. */
function linkTarget(url: string, { workflow, site, pagePath, assets }: LinkContext): string | null {
  const target = resolveLink(url, workflow, site);
  const from = path.dirname(pagePath);
  const to = (sitePath: string) => encodePath(path.relative(from, sitePath) || path.basename(sitePath));
  const hash = (anchor: string) => (anchor ? `#${encodeURIComponent(anchor)}` : '');
  switch (target.kind) {
    case 'external':
      return SAFE_SCHEME.test(target.url) ? target.url : null;
    case 'runbook':
      return target.id === workflow.id && target.anchor ? hash(target.anchor) : to(runbookPath(target.id)) + hash(target.anchor);
    case 'person':
      return to(personPath(target.id));
    case 'team':
      return to(teamPath(target.id));
    case 'asset':
      assets.add(target.path);
      return to(`runbooks/${target.path}`) + hash(target.anchor);
    case 'broken':
      return null;
  }
}

function encodePath(relative: string): string {
  return relative.split('/').map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part))).join('/');
}

/** Mermaid blocks become `<pre class="mermaid">` (text still escaped); tables scroll inside a wrapper on phones. */
function shapeBlocks(tree: HastRoot): void {
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
  const text = textOf;
  const head = table.children.find((child): child is Element => child.type === 'element' && child.tagName === 'thead');
  const row = head?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'tr');
  const cells = (row?.children ?? []).filter((c) => c.type === 'element').map((c) => text(c).trim()).filter(Boolean);
  const label = cells.join(', ');
  return label ? `Table: ${label.length > 80 ? `${label.slice(0, 79)}…` : label}` : 'Table';
}
