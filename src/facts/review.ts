import type { Config } from '../config.ts';
import { daysBetween } from '../core/dates.ts';
import type { Review } from '../schema/review.ts';
import type { Site, Workflow } from '../site.ts';
import { addDuration } from '../schema/common.ts';
import { dutyHolder } from './roles.ts';
import type { ReviewFact, RoleFact } from './types.ts';

/** Review due date: `review.next`, else `last + every` (config default when `every` is absent); runbooks and guides alike. */
export function reviewDue(page: { fm: { review?: Review } }, config: Pick<Config, 'review'>): string | null {
  const review = page.fm.review;
  if (review?.next) return review.next;
  if (!review?.last) return null;
  return addDuration(review.last, review.every ?? config.review.every);
}

/** The one review state of a workflow today, and who runs the review. */
export function reviewFact(workflow: Workflow, site: Site, roles: RoleFact[], now: string): ReviewFact {
  const { config } = site;
  const { status } = workflow.fm;
  const runner = status === 'retired' ? null : runnerOf(workflow, site, roles);
  const need = config.required[status].review;
  const base = { runner, missingField: null };
  if (status === 'retired') return { ...base, due: null, days: null, state: 'retired' };
  if (need === 'next' && !workflow.fm.review?.next) return { ...base, due: null, days: null, state: 'missing', missingField: 'review.next' };
  const due = reviewDue(workflow, config);
  if (!due) return need === 'none' ? { ...base, due, days: null, state: 'none' } : { ...base, due, days: null, state: 'missing', missingField: 'review' };
  const days = daysBetween(now, due);
  const state = days < 0 ? (status === 'experiment' ? 'decide-overdue' : 'overdue') : days <= config.review.dueSoonDays ? 'soon' : 'ok';
  return { ...base, due, days, state };
}

/** The first `duties.review` role with an active primary, then whoever attested the last review, then the team lead. */
function runnerOf(workflow: Workflow, site: Site, roles: RoleFact[]): ReviewFact['runner'] {
  const role = dutyHolder(roles, site.config, 'review');
  if (role?.primary) return { person: role.primary.id, role: role.label };
  const active = (id: string | undefined) => id !== undefined && site.person.has(id) && site.person.get(id)!.active !== false;
  const by = workflow.fm.review?.by;
  if (active(by)) return { person: by!, role: 'Last reviewer' };
  const lead = workflow.fm.team ? site.team.get(workflow.fm.team)?.lead : undefined;
  return active(lead) ? { person: lead!, role: 'Team lead' } : null;
}
