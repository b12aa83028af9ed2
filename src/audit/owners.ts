import { ACTIVE_STATUSES } from '../config.ts';
import { byText } from '../core/order.ts';
import { addDays, humanDate } from '../core/dates.ts';
import type { PersonFacts } from '../facts/types.ts';
import type { Person } from '../schema/people.ts';
import type { GapRule } from './rule.ts';

type Check = GapRule['check'];

/** `missing-role`: a role the status requires has no primary. */
export const missingRole: Check = ({ roles, workflow }, at) =>
  roles
    .filter((r) => r.requiresPrimary && !r.primary)
    .map((r) => at(`no ${r.label} (owners.${r.role}.primary); ${article(workflow.fm.status)} ${workflow.fm.status} workflow needs one`, ['owners', r.role, 'primary']));

/** `missing-backup`: a role the status requires has no backup. */
export const missingBackup: Check = ({ roles, workflow }, at) =>
  roles
    .filter((r) => r.requiresBackup && !r.backup)
    .map((r) => at(`no backup ${r.label} (owners.${r.role}.backup); ${article(workflow.fm.status)} ${workflow.fm.status} workflow needs one`, ['owners', r.role, 'backup']));

/** `owner-left`: a role held by someone with `active: false`. */
export const ownerLeft: Check = ({ roles, workflow }, at) =>
  workflow.fm.status === 'retired'
    ? []
    : roles.flatMap((r) =>
        (['primary', 'backup'] as const)
          .filter((slot) => r[slot]?.availability.state === 'left')
          .map((slot) => at(`${r[slot]!.name} has left but is still ${slot} ${r.label}; hand the role to someone else`, ['owners', r.role, slot])),
      );

/** `coverage-away`: primary and backup both away on a day in the next `coverageDays`. */
export const coverageAway: Check = ({ roles, workflow }, at, { site, now }) => {
  if (!ACTIVE_STATUSES.includes(workflow.fm.status)) return [];
  const last = addDays(now, site.config.coverageDays - 1);
  return roles.flatMap((r) => {
    const primary = r.primary && site.person.get(r.primary.id);
    const backup = r.backup && site.person.get(r.backup.id);
    if (!primary || !backup) return [];
    const day = firstSharedAbsence(primary, backup, now, last);
    return day ? [at(`${primary.name} and ${backup.name} (${r.label}) are both away on ${humanDate(day)}; arrange cover for that day`, ['owners', r.role])] : [];
  });
};

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

/**
 * `too-many-roles`: a person primary for more than `maxPrimaryRoles` roles in active workflows.
 * A fact about the person, so one gap per person: on the first (by id) active workflow where they are primary.
 */
export const tooManyRoles: Check = ({ workflow }, at, { site, facts }) => {
  if (!ACTIVE_STATUSES.includes(workflow.fm.status)) return [];
  const seen = new Set<string>();
  return Object.entries(workflow.fm.owners).flatMap(([role, owner]) => {
    const id = owner?.primary;
    if (!id || seen.has(id)) return [];
    seen.add(id);
    const person = facts.people.get(id);
    const count = person?.activePrimary ?? 0;
    if (count <= site.config.maxPrimaryRoles) return [];
    // Reported once per person, on the first active workflow (by id) they are primary in.
    if (firstActivePrimary(person!) !== workflow.id) return [];
    const name = site.person.get(id)?.name ?? id;
    return [at(`${name} is primary for ${count} roles across active workflows (limit ${site.config.maxPrimaryRoles}); hand one over`, ['owners', role, 'primary'])];
  });
};

const FIRST_ACTIVE_PRIMARY = new WeakMap<PersonFacts, string | undefined>();

/** The first active workflow (by id) where the person is primary; found once per person, not once per workflow they hold a role in (that grew with the square of one person's roles). */
function firstActivePrimary(person: PersonFacts): string | undefined {
  if (FIRST_ACTIVE_PRIMARY.has(person)) return FIRST_ACTIVE_PRIMARY.get(person);
  let first: string | undefined;
  for (const h of person.held) if (h.slot === 'primary' && ACTIVE_STATUSES.includes(h.workflow.fm.status) && (first === undefined || byText(h.workflow.id, first) < 0)) first = h.workflow.id;
  FIRST_ACTIVE_PRIMARY.set(person, first);
  return first;
}

/** `an experiment`, `a pilot`. */
export function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
