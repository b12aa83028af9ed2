import { humanDate } from '../core/dates.ts';
import { byText, STATUS_ORDER } from '../core/order.ts';
import { relativeDays, shortRange } from '../core/words.ts';
import type { Availability, GapFact, Holder, ReviewFact, WorkflowFacts } from '../facts/index.ts';
import type { Person } from '../schema/people.ts';
import type { ContactLink, PersonRef, TeamRef } from './views.ts';

export type { ContactLink, PersonRef };
import { personPath, teamPath, type RenderContext } from './types.ts';

export { byText, STATUS_ORDER };

const STATUS_LABELS: Record<string, string> = {
  experiment: 'Experiment',
  pilot: 'Pilot',
  production: 'Production',
  paused: 'Paused',
  retired: 'Retired',
};

/** Status badge data: the text always carries the meaning, the class only adds colour. */
export function statusBadge(status: string): { status: string; label: string } {
  return { status, label: STATUS_LABELS[status] ?? status };
}

/** The words of each availability the facts hold, made once: a person is named on hundreds of pages. */
const AWAY_WORDS = new WeakMap<Availability, string>();

/** Words for an availability, the same on every page. */
export function awayText(availability: Availability): string {
  if (availability.state !== 'away-now' && availability.state !== 'away-soon') return '';
  let words = AWAY_WORDS.get(availability);
  if (words === undefined) {
    words = availability.state === 'away-now' ? `away now, until ${shortRange(availability.until, availability.until)}` : `away ${shortRange(availability.from, availability.until)}`;
    AWAY_WORDS.set(availability, words);
  }
  return words;
}

/** A holder from the facts as a link with `left` and `away` marks. */
export function holderRef(holder: Holder, root: string): PersonRef {
  const { availability } = holder;
  return {
    id: holder.id,
    name: holder.kind === 'team' ? `${holder.name} (team)` : holder.name,
    href: holder.kind === 'team' ? root + teamPath(holder.id) : root + personPath(holder.id),
    left: availability.state === 'left',
    away: awayText(availability),
    awayNow: availability.state === 'away-now',
  };
}

/** A person id as a link, with today's availability from the facts; unknown ids show as the id. */
export function personRef(ctx: RenderContext, id: string, root: string): PersonRef {
  const person = ctx.site.person.get(id);
  const availability = ctx.facts.people.get(id)?.availability ?? { state: 'available' };
  if (!person) return { id, name: id, href: '', left: false, away: '', awayNow: false };
  return holderRef({ kind: 'person', id, name: person.name, availability }, root);
}

/** A team id as a link and name. */
export function teamRef(ctx: RenderContext, id: string | undefined, root: string): TeamRef | null {
  if (!id) return null;
  const team = ctx.site.team.get(id);
  return { id, name: team?.name ?? id, href: team ? root + teamPath(id) : '' };
}

/** The group of workflows and people that name no team (or a team people.yaml lacks). */
export const NO_TEAM: TeamRef = { id: '', name: 'No team', href: '' };

/** Items grouped by team in people.yaml order, then the ones with no team (or one people.yaml lacks) under "No team"; empty groups dropped. */
export function groupByTeam<T>(ctx: RenderContext, root: string, items: T[], teamOf: (item: T) => string | undefined): { team: TeamRef; items: T[] }[] {
  const known = (item: T) => {
    const id = teamOf(item);
    return id && ctx.site.team.has(id) ? id : '';
  };
  return [...ctx.site.teams.map((t) => t.id), '']
    .map((id) => ({ team: teamRef(ctx, id || undefined, root) ?? NO_TEAM, items: items.filter((item) => known(item) === id) }))
    .filter((group) => group.items.length > 0);
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

/** The facts of a workflow (every workflow of the site has them). */
export function factsOf(ctx: RenderContext, id: string): WorkflowFacts {
  return ctx.facts.workflows.get(id)!;
}

/** A workflow's gaps, in the audit's order. */
export function gapsOf(ctx: RenderContext, id: string): GapFact[] {
  return factsOf(ctx, id).gaps;
}

/** A review state as a badge: overdue, due soon, later, or no date. */
export function reviewBadge(review: ReviewFact): { due: string; text: string; relative: string; state: 'overdue' | 'soon' | 'ok' | 'none' } {
  if (!review.due || review.days === null) return { due: '', text: 'not set', relative: '', state: 'none' };
  const state = review.days < 0 ? 'overdue' : review.state === 'soon' ? 'soon' : 'ok';
  return { due: review.due, text: humanDate(review.due), relative: relativeDays(review.days), state };
}

/** Who can fix a gap, as a link. */
export function fixerRef(ctx: RenderContext, gap: GapFact, root: string): { role: string; person: PersonRef } | null {
  return gap.fixer ? { role: gap.fixer.role, person: personRef(ctx, gap.fixer.person, root) } : null;
}

/** People by name, then id. */
export function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return byText(a.name, b.name) || byText(a.id, b.id);
}
