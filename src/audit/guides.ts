import { gap, type Diagnostic } from '../diagnostic.ts';
import { humanDate } from '../core/dates.ts';
import type { Facts, GuideFacts } from '../facts/index.ts';
import { resolveLink } from '../links.ts';
import type { Site } from '../site.ts';

/**
 * A guide's gaps, under the runbook rules' ids: `review-overdue` and `review-due-soon` when it sets a
 * review date (a guide without one has no review finding), and `broken-link` for each link that goes nowhere.
 */
export function guideGaps(site: Site, facts: Facts): Diagnostic[] {
  return [...facts.guides.values()].flatMap((guideFacts) => [...reviewGaps(guideFacts), ...linkGaps(guideFacts, site)]);
}

function at(facts: GuideFacts, rule: string, message: string, path: string[], place?: { line: number; column: number }): Diagnostic {
  const { guide } = facts;
  return gap(rule, message, { guide: guide.id, file: guide.file, field: path.join('.'), ...(place ?? guide.place(path, { key: true })) });
}

function reviewGaps(facts: GuideFacts): Diagnostic[] {
  const { review } = facts;
  if (review.state === 'overdue')
    return [at(facts, 'review-overdue', `the review was due on ${humanDate(review.due!)}, ${count(-review.days!)} ago; review the guide and update review.last`, ['review'])];
  if (review.state === 'soon')
    return [at(facts, 'review-due-soon', `the review is due ${review.days === 0 ? 'today' : `in ${count(review.days!)}`} (${humanDate(review.due!)}); plan it with the owner`, ['review'])];
  return [];
}

function linkGaps(facts: GuideFacts, site: Site): Diagnostic[] {
  return facts.guide.links.flatMap((link) => {
    const target = resolveLink(link.url, facts.guide, site);
    if (target.kind !== 'broken') return [];
    const gapHere = at(facts, 'broken-link', `the link "${link.url}" is broken (${target.reason}); fix or remove it`, ['body'], { line: link.line, column: link.column });
    return [target.hint ? { ...gapHere, hint: target.hint } : gapHere];
  });
}

function count(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
