import { addDays, daysBetween, humanDate } from '../dates.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { Site, Workflow } from '../model.ts';
import type { Person } from '../schema/people.ts';
import { personPath, teamPath } from './types.ts';

/** A person as pages show them: name, link, and whether they can still be reached. */
export interface PersonRef {
  id: string;
  name: string;
  href: string;
  left: boolean;
  /** Short away note when away within the coverage window, e.g. `away 9–11 Dec`. */
  away: string;
}

/** One way to reach a person; `href` only where a link makes sense (`mailto:`, `tel:`). */
export interface ContactLink {
  kind: 'chat' | 'email' | 'phone';
  label: string;
  href: string;
}

const STATUS_LABELS: Record<string, string> = {
  experiment: 'Experiment',
  pilot: 'Pilot',
  production: 'Production',
  paused: 'Paused',
  retired: 'Retired',
};

/** Display order of statuses: the ones people depend on first. */
export const STATUS_ORDER = ['production', 'pilot', 'experiment', 'paused', 'retired'] as const;

/** Status badge data: the text always carries the meaning, the class only adds colour. */
export function statusBadge(status: string): { status: string; label: string } {
  return { status, label: STATUS_LABELS[status] ?? status };
}

/** Compares strings the same way on every machine, so page order never depends on the locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A person id as a link with name, `left` and `away` marks; unknown ids show as the id. */
export function personRef(site: Site, id: string, root: string, now: string): PersonRef {
  const person = site.person.get(id);
  return {
    id,
    name: person?.name ?? id,
    href: person ? root + personPath(id) : '',
    left: person?.active === false,
    away: person ? awayText(person, now, site.config.coverageDays) : '',
  };
}

/** A team id as a link and name. */
export function teamRef(site: Site, id: string | undefined, root: string): { id: string; name: string; href: string } | null {
  if (!id) return null;
  const team = site.team.get(id);
  return { id, name: team?.name ?? id, href: team ? root + teamPath(id) : '' };
}

/** Chat, email and phone as links a phone can act on. */
export function contactLinks(person: Person | undefined): ContactLink[] {
  const contact = person?.contact ?? {};
  const links: ContactLink[] = [];
  // Phone first: the fastest way to reach someone when a workflow stops.
  if (contact.phone) links.push({ kind: 'phone', label: contact.phone, href: `tel:${contact.phone.replace(/[^\d+]/g, '')}` });
  if (contact.chat) links.push({ kind: 'chat', label: contact.chat, href: '' });
  if (contact.email) links.push({ kind: 'email', label: contact.email, href: `mailto:${contact.email}` });
  return links;
}

/** `30m` -> `30 min`, `2h` -> `2 hours`, for people. */
export function durationText(duration: string): string {
  const n = Number(duration.slice(0, -1));
  const unit = duration.slice(-1);
  if (unit === 'm') return n === 0 ? 'at once' : `${n} min`;
  const words: Record<string, string> = { h: 'hour', d: 'day', w: 'week' };
  return `${n} ${words[unit]}${n === 1 ? '' : 's'}`;
}

/** `in 4 days`, `today`, `14 days ago`. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** `9–11 Dec`, `28 Dec – 8 Jan`: a short date range. */
export function shortRange(from: string, to: string): string {
  const [d1, m1, y1] = humanDate(from).split(' ');
  const [d2, m2, y2] = humanDate(to).split(' ');
  if (from === to) return `${d1} ${m1}`;
  if (m1 === m2 && y1 === y2) return `${d1}–${d2} ${m1}`;
  return `${d1} ${m1} – ${d2} ${m2}`;
}

/** `away 9–11 Dec` when the person is away within the next `days` days (including now), else ''. */
export function awayText(person: Person, now: string, days: number): string {
  const last = addDays(now, days - 1);
  const next = person.away.filter((a) => a.to >= now && a.from <= last).sort((a, b) => byText(a.from, b.from))[0];
  if (!next) return '';
  return next.from <= now ? `away until ${shortRange(next.to, next.to)}` : `away ${shortRange(next.from, next.to)}`;
}

const gapIndex = new WeakMap<Diagnostic[], Map<string, Diagnostic[]>>();

/** Gaps of one workflow, in the audit's order. Indexed once per gap list: pages ask for every workflow, often. */
export function gapsOf(gaps: Diagnostic[], workflow: string): Diagnostic[] {
  let index = gapIndex.get(gaps);
  if (!index) {
    index = new Map();
    for (const gap of gaps) if (gap.workflow) index.set(gap.workflow, [...(index.get(gap.workflow) ?? []), gap]);
    gapIndex.set(gaps, index);
  }
  return index.get(workflow) ?? [];
}

/** Review state for badges: overdue, due soon, later, or no date. */
export function reviewState(due: string | null, now: string, soonDays: number): { due: string; text: string; relative: string; state: 'overdue' | 'soon' | 'ok' | 'none' } {
  if (!due) return { due: '', text: 'not set', relative: '', state: 'none' };
  const days = daysBetween(now, due);
  const state = days < 0 ? 'overdue' : days <= soonDays ? 'soon' : 'ok';
  return { due, text: humanDate(due), relative: relativeDays(days), state };
}

/**
 * Who can fix a gap: the holder of the role it names (unless that person is the problem),
 * else the operations owner, the business owner, or the team lead.
 */
export function fixerOf(gap: Diagnostic, workflow: Workflow, site: Site): { person: string; role: string } | null {
  const { owners } = workflow.fm;
  const role = /^owners\.([a-z0-9-]+)/.exec(gap.field ?? '')?.[1];
  const usable = (id: string | undefined) => id && site.person.get(id)?.active !== false;
  const candidates: { person: string | undefined; role: string }[] = [];
  // An overloaded person cannot fix their own load: someone else reassigns the role.
  if (role && gap.rule !== 'too-many-roles') candidates.push({ person: owners[role]?.primary, role });
  candidates.push({ person: owners.operations?.primary, role: 'operations' }, { person: owners.business?.primary, role: 'business' });
  const found = candidates.find((c) => usable(c.person));
  if (found) return { person: found.person!, role: site.config.roles[found.role] ?? found.role };
  const lead = workflow.fm.team ? site.team.get(workflow.fm.team)?.lead : undefined;
  return usable(lead) ? { person: lead!, role: 'Team lead' } : null;
}
