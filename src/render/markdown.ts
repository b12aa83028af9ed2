import { toHtml } from 'hast-util-to-html';
import path from 'node:path/posix';
import type { Slot } from '../compile/index.ts';
import { isGuide, resolveLink } from '../links.ts';
import type { Document, Site } from '../site.ts';
import { guidePath, personPath, runbookPath, teamPath } from './types.ts';

/** A slot left by src/compile.ts; only the stringifier writes `<` and `"` raw, so nothing from content can look like one. */
const SLOT = /<(?:a href|img src)="@(\d+)">/g;

/**
 * A runbook or guide body as safe HTML for the page at `pagePath`, and the asset paths (under `runbooks/`) its links
 * and images point at. `part`: a piece of the compiled body (`workflow.body.html`) to fill instead of the whole.
 */
export function renderMarkdown(workflow: Document, site: Site, pagePath: string, part: string = workflow.body.html): { html: string; assets: string[] } {
  const assets = new Set<string>();
  const { slots } = workflow.body;
  const filled = part.replace(SLOT, (_, n: string) => slotHtml(slots[Number(n)]!, { workflow, site, pagePath, assets }));
  return { html: filled, assets: [...assets].sort() };
}

interface LinkContext {
  workflow: Document;
  site: Site;
  pagePath: string;
  assets: Set<string>;
}

/** The opening tag a slot becomes: the link pointed at the built site, or marked broken. */
function slotHtml(slot: Slot, ctx: LinkContext): string {
  const target = linkTarget(slot.url, ctx);
  if (!slot.image) {
    const properties = target === null ? { className: ['broken-link'], title: 'Broken link (listed on the report page)' } : { href: target, title: slot.title };
    return openTag('a', properties);
  }
  // A broken image shows its alt text; the span is closed here because an image has no end tag.
  if (target === null) return toHtml({ type: 'element', tagName: 'span', properties: { className: ['broken-link'] }, children: [{ type: 'text', value: slot.alt ?? '' }] });
  return openTag('img', { src: target, alt: slot.alt, title: slot.title });
}

function openTag(tagName: string, properties: Record<string, string | string[] | undefined>): string {
  const html = toHtml({ type: 'element', tagName, properties, children: [] });
  return tagName === 'img' ? html : html.slice(0, -`</${tagName}>`.length);
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
      return target.id === workflow.id && target.anchor && !isGuide(workflow) ? hash(target.anchor) : to(runbookPath(target.id)) + hash(target.anchor);
    case 'guide':
      return target.id === workflow.id && target.anchor && isGuide(workflow) ? hash(target.anchor) : to(guidePath(target.id)) + hash(target.anchor);
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
