import { ACTIVE_STATUSES, type Config } from '../config.ts';
import { addDays, humanDate } from '../dates.ts';
import { gap, type Diagnostic } from '../diagnostic.ts';
import type { Site, Workflow } from '../model.ts';
import type { Person } from '../schema/people.ts';

type At = (rule: string, message: string, path: string[]) => Diagnostic;

function locate(workflow: Workflow): At {
  return (rule, message, path) =>
    gap(rule, message, { workflow: workflow.id, file: workflow.file, field: path.join('.'), ...workflow.place(path) });
}

/** `missing-role` and `missing-backup`: roles the status requires. */
export function roleGaps(workflow: Workflow, config: Config): Diagnostic[] {
  const need = config.required[workflow.fm.status];
  const at = locate(workflow);
  const label = (role: string) => config.roles[role] ?? role;
  return [
    ...need.primary
      .filter((role) => !workflow.fm.owners[role]?.primary)
      .map((role) => at('missing-role', `no ${label(role)} (owners.${role}.primary); a ${workflow.fm.status} workflow needs one`, ['owners', role, 'primary'])),
    ...need.backup
      .filter((role) => !workflow.fm.owners[role]?.backup)
      .map((role) => at('missing-backup', `no backup ${label(role)} (owners.${role}.backup); a ${workflow.fm.status} workflow needs one`, ['owners', role, 'backup'])),
  ];
}

/** `owner-left`: a role held by someone with `active: false`. */
export function leftGaps(workflow: Workflow, site: Site): Diagnostic[] {
  if (workflow.fm.status === 'retired') return [];
  const at = locate(workflow);
  return Object.entries(workflow.fm.owners).flatMap(([role, owner]) =>
    (['primary', 'backup'] as const)
      .filter((slot) => owner?.[slot] && site.person.get(owner[slot]!)?.active === false)
      .map((slot) => at('owner-left', `${nameOf(site, owner![slot]!)} has left but is still ${slot} ${site.config.roles[role] ?? role}; hand the role to someone else`, ['owners', role, slot])),
  );
}

/** `coverage-away`: primary and backup both away on a day in the next `coverageDays`. */
export function awayGaps(workflow: Workflow, site: Site, today: string): Diagnostic[] {
  if (!ACTIVE_STATUSES.includes(workflow.fm.status)) return [];
  const at = locate(workflow);
  const last = addDays(today, site.config.coverageDays - 1);
  return Object.entries(workflow.fm.owners).flatMap(([role, owner]) => {
    const primary = owner?.primary && site.person.get(owner.primary);
    const backup = owner?.backup && site.person.get(owner.backup);
    if (!primary || !backup) return [];
    const day = firstSharedAbsence(primary, backup, today, last);
    if (!day) return [];
    return [at('coverage-away', `${primary.name} and ${backup.name} (${site.config.roles[role] ?? role}) are both away on ${humanDate(day)}; arrange cover for that day`, ['owners', role])];
  });
}

/** First day within [from, to] on which both people are away, or null. */
function firstSharedAbsence(a: Person, b: Person, from: string, to: string): string | null {
  let best: string | null = null;
  for (const x of a.away)
    for (const y of b.away) {
      const start = [x.from, y.from, from].sort().at(-1)!;
      const end = [x.to, y.to, to].sort()[0]!;
      if (start <= end && (!best || start < best)) best = start;
    }
  return best;
}

/** `too-many-roles`: a person primary for more than `maxPrimaryRoles` roles in active workflows; one gap per workflow they hold. */
export function loadGaps(site: Site): Diagnostic[] {
  const held = new Map<string, { workflow: Workflow; role: string }[]>();
  for (const workflow of site.workflows) {
    if (!ACTIVE_STATUSES.includes(workflow.fm.status)) continue;
    for (const [role, owner] of Object.entries(workflow.fm.owners))
      if (owner?.primary) held.set(owner.primary, [...(held.get(owner.primary) ?? []), { workflow, role }]);
  }
  const out: Diagnostic[] = [];
  for (const [person, roles] of held) {
    if (roles.length <= site.config.maxPrimaryRoles) continue;
    const seen = new Set<string>();
    for (const { workflow, role } of roles) {
      if (seen.has(workflow.id)) continue;
      seen.add(workflow.id);
      out.push(
        locate(workflow)(
          'too-many-roles',
          `${nameOf(site, person)} is primary for ${roles.length} roles across active workflows (limit ${site.config.maxPrimaryRoles}); hand one over`,
          ['owners', role, 'primary'],
        ),
      );
    }
  }
  return out;
}

function nameOf(site: Site, id: string): string {
  return site.person.get(id)?.name ?? id;
}
