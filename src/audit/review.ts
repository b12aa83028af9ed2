import type { Config } from '../config.ts';
import { addDays, daysBetween, humanDate } from '../dates.ts';
import { gap, type Diagnostic } from '../diagnostic.ts';
import type { Workflow } from '../model.ts';
import { durationMinutes } from '../schema/common.ts';

/** Review due date: `review.next`, else `last + every` (config default when `every` is absent). */
export function reviewDue(workflow: Workflow, config: Pick<Config, 'review'>): string | null {
  const review = workflow.fm.review;
  if (review?.next) return review.next;
  if (!review?.last) return null;
  const days = Math.round(durationMinutes(review.every ?? config.review.every) / (60 * 24));
  return addDays(review.last, days);
}

/** At most one review finding per workflow: missing, overdue, due soon, or experiment-overdue. */
export function reviewGaps(workflow: Workflow, config: Config, today: string): Diagnostic[] {
  const { status } = workflow.fm;
  const need = config.required[status].review;
  if (status === 'retired') return [];
  const at = (rule: string, message: string, field = 'review') =>
    gap(rule, message, { workflow: workflow.id, file: workflow.file, field, ...workflow.place(field.split('.'), { key: true }) });
  if (need === 'next' && !workflow.fm.review?.next)
    return [at('missing-review', `an ${status} needs a decide-by date; set review.next`, 'review.next')];
  const due = reviewDue(workflow, config);
  if (!due) return need === 'none' ? [] : [at('missing-review', 'no review date; set review.last (and review.every) or review.next')];
  const days = daysBetween(today, due);
  if (days < 0 && status === 'experiment')
    return [at('experiment-overdue', `the experiment was to be decided by ${humanDate(due)}, ${count(-days)} ago; promote it to pilot or retire it`, 'review.next')];
  if (days < 0) return [at('review-overdue', `the review was due on ${humanDate(due)}, ${count(-days)} ago; review the runbook and update review.last`)];
  if (days <= config.review.dueSoonDays)
    return [at('review-due-soon', `the review is due ${days === 0 ? 'today' : `in ${count(days)}`} (${humanDate(due)}); plan it with the owners`)];
  return [];
}

function count(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
