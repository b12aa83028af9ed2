import { daysBetween } from '../core/dates.ts';
import type { Guide, Site } from '../site.ts';
import type { GuideFacts, Holder, ReviewFact } from './types.ts';
import { reviewDue } from './review.ts';

/** Each guide as of `now`: its owner with today's availability, and its review (optional: no date, no finding). */
export function guideFacts(site: Site, holderOf: (id: string) => Holder, now: string): Map<string, GuideFacts> {
  return new Map(site.guides.map((guide) => [guide.id, { guide, owner: guide.fm.owner ? holderOf(guide.fm.owner) : null, review: guideReview(guide, site, now), gaps: [] }]));
}

/** A guide's review: due, overdue or soon as for runbooks; `none` when it sets no date. Run by its owner, the last reviewer, or the owning team's lead. */
function guideReview(guide: Guide, site: Site, now: string): ReviewFact {
  const due = reviewDue(guide, site.config);
  const runner = runnerOf(guide, site);
  if (!due) return { due: null, days: null, state: 'none', missingField: null, runner };
  const days = daysBetween(now, due);
  return { due, days, state: days < 0 ? 'overdue' : days <= site.config.review.dueSoonDays ? 'soon' : 'ok', missingField: null, runner };
}

function runnerOf(guide: Guide, site: Site): ReviewFact['runner'] {
  const active = (id: string | undefined) => id !== undefined && site.person.has(id) && site.person.get(id)!.active !== false;
  const { owner, review } = guide.fm;
  if (active(owner)) return { person: owner!, role: 'Owner' };
  if (active(review?.by)) return { person: review!.by!, role: 'Last reviewer' };
  const lead = owner ? site.team.get(owner)?.lead : undefined;
  return active(lead) ? { person: lead!, role: 'Team lead' } : null;
}
