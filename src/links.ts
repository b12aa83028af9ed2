import path from 'node:path/posix';
import type { Site, Workflow } from './site.ts';
import { safeDecode } from './core/text.ts';

/** What a link in a runbook body points at. */
export type Target =
  | { kind: 'external'; url: string }
  | { kind: 'runbook'; id: string; anchor: string }
  | { kind: 'person'; id: string }
  | { kind: 'team'; id: string }
  | { kind: 'asset'; path: string; anchor: string }
  | { kind: 'broken'; reason: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves a body link the way the site will: `../billing/x.md#rollback` to a runbook page and anchor,
 * `people:dana` and `teams:ops` to their pages, other relative files to copied assets.
 */
export function resolveLink(url: string, from: Workflow, site: Site): Target {
  const person = /^people:([a-z0-9-]+)$/.exec(url);
  if (person) return site.person.has(person[1]!) ? { kind: 'person', id: person[1]! } : { kind: 'broken', reason: `no person has the id "${person[1]}"` };
  const team = /^teams:([a-z0-9-]+)$/.exec(url);
  if (team) return site.team.has(team[1]!) ? { kind: 'team', id: team[1]! } : { kind: 'broken', reason: `no team has the id "${team[1]}"` };
  if (SCHEME.test(url) || url.startsWith('//')) return { kind: 'external', url };
  const [rawPath = '', rawAnchor = ''] = url.split('#', 2);
  const anchor = safeDecode(rawAnchor);
  if (rawPath === '') return hasAnchor(from, anchor) ? { kind: 'runbook', id: from.id, anchor } : { kind: 'broken', reason: `this page has no heading "#${anchor}"` };
  if (rawPath.startsWith('/')) return { kind: 'broken', reason: 'absolute paths break when the site is served from a sub-path; link relatively' };
  const resolved = path.normalize(path.join(path.dirname(from.id), safeDecode(rawPath.split('?')[0]!)));
  if (resolved.startsWith('..')) return { kind: 'broken', reason: `"${rawPath}" points outside the runbooks folder` };
  if (resolved.endsWith('.md')) {
    const id = resolved.slice(0, -3);
    const target = site.workflow.get(id);
    if (!target) return { kind: 'broken', reason: `no runbook at runbooks/${resolved}` };
    if (anchor && !hasAnchor(target, anchor)) return { kind: 'broken', reason: `runbooks/${resolved} has no heading "#${anchor}"` };
    return { kind: 'runbook', id, anchor };
  }
  if (site.assets.has(resolved)) return { kind: 'asset', path: resolved, anchor };
  return { kind: 'broken', reason: `no file at runbooks/${resolved}` };
}

function hasAnchor(workflow: Workflow, anchor: string): boolean {
  return anchor === '' || workflow.anchors.has(anchor);
}

/**
 * The files beside runbooks that the site publishes: those a body links to, of a type that may be
 * published (refused ones are an `unsafe-file` error instead), by path under runbooks/, sorted.
 * Build copies exactly these and dev serves exactly these.
 */
export function publishedAssets(site: Site): string[] {
  const wanted = new Set<string>();
  for (const workflow of site.workflows)
    for (const link of workflow.links) {
      const target = resolveLink(link.url, workflow, site);
      if (target.kind === 'asset' && !site.assets.get(target.path)!.refused) wanted.add(target.path);
    }
  return [...wanted].sort();
}
