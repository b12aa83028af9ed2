import path from 'node:path/posix';
import type { Document, Site } from './site.ts';
import { didYouMean } from './core/suggest.ts';
import { oneLine } from './diagnostic.ts';
import { safeDecode } from './core/text.ts';

/** What a link in a runbook or guide body points at. */
export type Target =
  | { kind: 'external'; url: string }
  | { kind: 'runbook'; id: string; anchor: string }
  | { kind: 'guide'; id: string; anchor: string }
  | { kind: 'person'; id: string }
  | { kind: 'team'; id: string }
  | { kind: 'asset'; path: string; anchor: string }
  | { kind: 'broken'; reason: string; hint?: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True when the page is a guide, not a workflow. */
export function isGuide(page: Document): page is Extract<Document, { kind: 'guide' }> {
  return 'kind' in page && page.kind === 'guide';
}

/** The folder a page's Markdown file lives in, under the content folder. */
function folderOf(page: Document): 'runbooks' | 'guides' {
  return isGuide(page) ? 'guides' : 'runbooks';
}

/**
 * Resolves a body link the way the site will: `../billing/x.md#rollback` to a runbook page and anchor,
 * `../guides/start-here.md` to a guide, `people:dana` and `teams:ops` to their pages, other relative
 * files under runbooks/ to copied assets. Paths are read from the file's own folder, as an editor does.
 */
export function resolveLink(url: string, from: Document, site: Site): Target {
  const person = /^people:([a-z0-9-]+)$/.exec(url);
  if (person) return site.person.has(person[1]!) ? { kind: 'person', id: person[1]! } : { kind: 'broken', reason: `no person has the id "${person[1]}"` };
  const team = /^teams:([a-z0-9-]+)$/.exec(url);
  if (team) return site.team.has(team[1]!) ? { kind: 'team', id: team[1]! } : { kind: 'broken', reason: `no team has the id "${team[1]}"` };
  if (SCHEME.test(url) || url.startsWith('//')) return { kind: 'external', url };
  const [rawPath = '', rawAnchor = ''] = url.split('#', 2);
  const anchor = safeDecode(rawAnchor);
  if (rawPath === '')
    return hasAnchor(from, anchor) ? { kind: isGuide(from) ? 'guide' : 'runbook', id: from.id, anchor } : noAnchor('this page', from, anchor);
  if (rawPath.startsWith('/')) return { kind: 'broken', reason: 'absolute paths break when the site is served from a sub-path; link relatively' };
  const inContent = path.normalize(path.join(folderOf(from), path.dirname(from.id), safeDecode(rawPath.split('?')[0]!)));
  if (inContent.startsWith('guides/')) return guideTarget(inContent, anchor, site);
  const resolved = path.relative('runbooks', inContent);
  if (resolved.startsWith('..')) return { kind: 'broken', reason: `"${rawPath}" points outside the runbooks folder` };
  if (resolved.endsWith('.md')) {
    const id = resolved.slice(0, -3);
    const target = site.workflow.get(id);
    if (!target) return { kind: 'broken', reason: `no runbook at runbooks/${resolved}` };
    if (anchor && !hasAnchor(target, anchor)) return noAnchor(`runbooks/${resolved}`, target, anchor);
    return { kind: 'runbook', id, anchor };
  }
  if (site.assets.has(resolved)) return { kind: 'asset', path: resolved, anchor };
  return { kind: 'broken', reason: `no file at runbooks/${resolved}` };
}

/** A link into guides/: a guide page, or a file there (never published: files go beside runbooks). */
function guideTarget(inContent: string, anchor: string, site: Site): Target {
  if (!inContent.endsWith('.md')) return { kind: 'broken', reason: `files beside guides are not published; put ${inContent} under runbooks/ and link it there` };
  const id = inContent.slice('guides/'.length, -3);
  const target = site.guide.get(id);
  if (!target) return { kind: 'broken', reason: `no guide at ${inContent}` };
  if (anchor && !hasAnchor(target, anchor)) return noAnchor(inContent, target, anchor);
  return { kind: 'guide', id, anchor };
}

/** A link to a heading the page lacks; `#Dependabot` for `#dependabot` (or a typo) gets the id to use. */
function noAnchor(where: string, page: Document, anchor: string): Target {
  const near = didYouMean(anchor, [...page.anchors]);
  return { kind: 'broken', reason: `${where} has no heading "#${anchor}"`, ...(near ? { hint: oneLine(`did you mean '#${near}'?`) } : {}) };
}

function hasAnchor(page: Document, anchor: string): boolean {
  return anchor === '' || page.anchors.has(anchor);
}

/**
 * The files beside runbooks that the site publishes: those a body links to, of a type that may be
 * published (refused ones are an `unsafe-file` error instead), by path under runbooks/, sorted.
 * Build copies exactly these and dev serves exactly these.
 */
export function publishedAssets(site: Site): string[] {
  const wanted = new Set<string>();
  // Guides link to files beside runbooks too.
  for (const workflow of [...site.workflows, ...site.guides])
    for (const link of workflow.links) {
      const target = resolveLink(link.url, workflow, site);
      if (target.kind === 'asset' && !site.assets.get(target.path)!.refused) wanted.add(target.path);
    }
  return [...wanted].sort();
}
