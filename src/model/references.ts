import { ASSET_TYPES } from '../load/asset-policy.ts';
import { error, fieldPath, type Diagnostic } from '../diagnostic.ts';
import { resolveLink } from '../links.ts';
import type { Document, Guide, Site, Workflow } from '../site.ts';
import { knownIds, suggestId } from '../core/suggest.ts';

type Kind = 'person' | 'team' | 'person-or-team' | 'role-or-person';

/** Checks every id a runbook uses against people.yaml and the configured roles. */
export function checkReferences(workflow: Workflow, site: Site): Diagnostic[] {
  const { fm } = workflow;
  const refs: [readonly (string | number)[], string, Kind][] = [];
  if (fm.team) refs.push([['team'], fm.team, 'team']);
  for (const [role, owner] of Object.entries(fm.owners)) {
    if (owner?.primary) refs.push([['owners', role, 'primary'], owner.primary, 'person']);
    if (owner?.backup) refs.push([['owners', role, 'backup'], owner.backup, 'person']);
  }
  if (fm.review?.by) refs.push([['review', 'by'], fm.review.by, 'person']);
  if (fm.handover?.first_week) refs.push([['handover', 'first_week'], fm.handover.first_week, 'person']);
  fm.escalation?.levels.forEach((level, i) =>
    level.notify.forEach((id, j) => refs.push([['escalation', 'levels', i, 'notify', j], id, 'person-or-team'])),
  );
  fm.fallback.forEach((item, i) => refs.push([['fallback', i, 'to'], item.to, 'role-or-person']));
  fm.drills.forEach((drill, i) => refs.push([['drills', i, 'by'], drill.by, 'person']));
  fm.alerts.forEach((alert, i) => alert.notifies.forEach((id, j) => refs.push([['alerts', i, 'notifies', j], id, 'person-or-team'])));
  return refs.flatMap(([path, id, kind]) => check(workflow, site, path, id, kind));
}

/** Checks the ids a guide uses: its owner (a person or team) and who attested its review. */
export function checkGuideReferences(guide: Guide, site: Site): Diagnostic[] {
  const refs: [readonly (string | number)[], string, Kind][] = [];
  if (guide.fm.owner) refs.push([['owner'], guide.fm.owner, 'person-or-team']);
  if (guide.fm.review?.by) refs.push([['review', 'by'], guide.fm.review.by, 'person']);
  return refs.flatMap(([path, id, kind]) => check(guide, site, path, id, kind));
}

function check(workflow: Document, site: Site, path: readonly (string | number)[], id: string, kind: Kind): Diagnostic[] {
  const roles = Object.keys(site.config.roles);
  const isPerson = site.person.has(id);
  const isTeam = site.team.has(id);
  const ok = kind === 'person' ? isPerson : kind === 'team' ? isTeam : kind === 'person-or-team' ? isPerson || isTeam : isPerson || roles.includes(id);
  if (ok) return [];
  const people = [...site.person.keys()];
  const teams = [...site.team.keys()];
  const candidates = kind === 'person' ? people : kind === 'team' ? teams : kind === 'person-or-team' ? [...people, ...teams] : [...roles, ...people];
  const what = { person: 'person', team: 'team', 'person-or-team': 'person or team', 'role-or-person': 'role or person' }[kind];
  const rule = kind === 'team' ? 'unknown-team' : 'unknown-person';
  const todo = kind === 'role-or-person' ? 'name a role or a person' : 'fix the id or add it to people.yaml';
  const fallbackHint = kind === 'role-or-person' ? `roles: ${roles.join(', ')}; or a person id from people.yaml` : knownIds(what, candidates);
  return [
    error(rule, `no ${what} has the id "${id}"; ${todo}`, {
      file: workflow.file,
      ...workflow.place(path),
      field: fieldPath(path),
      hint: suggestId(id, candidates) ?? fallbackHint,
    }),
  ];
}

/** `unsafe-file`: a body link or image pointing at a file beside the runbooks that may not be published. */
export function checkAssetLinks(workflow: Document, site: Site): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const link of workflow.links) {
      const target = resolveLink(link.url, workflow, site);
      const refused = target.kind === 'asset' ? site.assets.get(target.path)?.refused : undefined;
      if (!refused || target.kind !== 'asset') continue;
      out.push(
        error('unsafe-file', `runbooks/${target.path} is ${refused}; it is not copied into the site`, {
          file: workflow.file,
          line: link.line,
          column: link.column,
          field: 'body',
          hint: `the site copies only ${ASSET_TYPES.join(', ')} files (SVG without script or outside links); convert the file, or link its https:// address elsewhere`,
        }),
      );
  }
  return out;
}
