import { ACTIVE_STATUSES } from '../../config.ts';
import type { Workflow } from '../../site.ts';
import type { RenderContext } from '../types.ts';
import { factsOf, statusBadge, STATUS_ORDER } from '../view.ts';

/** The three numbers on the home and report pages, and counts by status. */
export function siteStats(ctx: RenderContext, reportHref: string) {
  const { workflows } = ctx.site;
  const active = workflows.filter(isActive);
  const ready = active.filter((w) => factsOf(ctx, w.id).gaps.length === 0);
  const overdue = workflows.filter((w) => isOverdue(ctx, w)).length;
  const coverage = active.length === 0 ? 100 : Math.round((100 * ready.length) / active.length);
  return {
    numbers: [
      { value: String(active.length), label: 'active workflows', note: 'experiment, pilot or production', href: `${reportHref}#by-workflow`, tone: '' },
      { value: `${coverage}%`, label: 'coverage', note: `${ready.length} of ${active.length} active with no gap`, href: `${reportHref}#coverage`, tone: coverage === 100 ? 'ok' : 'warn' },
      { value: String(overdue), label: overdue === 1 ? 'review overdue' : 'reviews overdue', note: 'past their review date', href: `${reportHref}#reviews`, tone: overdue ? 'bad' : 'ok' },
    ],
    byStatus: STATUS_ORDER.map((status) => ({ ...statusBadge(status), count: workflows.filter((w) => w.fm.status === status).length })).filter((s) => s.count > 0),
  };
}

/** Experiment, pilot or production: people depend on it today. */
export function isActive(workflow: Workflow): boolean {
  return ACTIVE_STATUSES.includes(workflow.fm.status);
}

/** Its review (or decide-by) date has passed. */
export function isOverdue(ctx: RenderContext, workflow: Workflow): boolean {
  const { state } = factsOf(ctx, workflow.id).review;
  return state === 'overdue' || state === 'decide-overdue';
}
