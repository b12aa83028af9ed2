import { humanDate } from '../core/dates.ts';
import { article } from './owners.ts';
import type { GapRule } from './rule.ts';

type Check = GapRule['check'];

/*
 * The four review rules read one review state from the facts, so a workflow has at most one
 * review finding: missing, experiment-overdue, overdue, or due soon.
 */

/** `missing-review`: no way to compute a due date where one is required. */
export const missingReview: Check = ({ workflow, review }, at) => {
  if (review.state !== 'missing') return [];
  const { status } = workflow.fm;
  return review.missingField === 'review.next'
    ? [at(`${article(status)} ${status} needs a decide-by date; set review.next`, ['review', 'next'], { key: true })]
    : [at('no review date; set review.last (and review.every) or review.next', ['review'], { key: true })];
};

/** `experiment-overdue`: an experiment past its decide-by date. */
export const experimentOverdue: Check = ({ review }, at) =>
  review.state === 'decide-overdue'
    ? [at(`the experiment was to be decided by ${humanDate(review.due!)}, ${count(-review.days!)} ago; promote it to pilot or retire it`, ['review', 'next'], { key: true })]
    : [];

/** `review-overdue`: the review due date has passed. */
export const reviewOverdue: Check = ({ review }, at) =>
  review.state === 'overdue' ? [at(`the review was due on ${humanDate(review.due!)}, ${count(-review.days!)} ago; review the runbook and update review.last`, ['review'], { key: true })] : [];

/** `review-due-soon`: due within `review.dueSoonDays`. */
export const reviewDueSoon: Check = ({ review }, at) =>
  review.state === 'soon'
    ? [at(`the review is due ${review.days === 0 ? 'today' : `in ${count(review.days!)}`} (${humanDate(review.due!)}); plan it with the owners`, ['review'], { key: true })]
    : [];

function count(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
