import { latest, meetsTarget } from '../../audit/readiness.ts';
import { reviewDue } from '../../audit/review.ts';
import type { Workflow } from '../../model.ts';
import { runbookPath, type RenderContext } from '../types.ts';
import { byText, gapsOf, personRef, reviewState, statusBadge, STATUS_ORDER, teamRef } from '../view.ts';

/** Gap count and metric state as two short badges; the words carry the meaning, not the colour. */
export function healthOf(ctx: RenderContext, workflow: Workflow) {
  const gaps = gapsOf(ctx.gaps, workflow.id).length;
  const retired = workflow.fm.status === 'retired';
  const measured = workflow.fm.metrics.filter((m) => m.target && latest(workflow, m));
  const missed = measured.filter((m) => !meetsTarget(latest(workflow, m)!.value, m.target!)).length;
  const gapBadge = retired
    ? { icon: '–', text: 'no care needed', tone: 'muted' }
    : gaps === 0
      ? { icon: '✓', text: 'ready', tone: 'ok' }
      : { icon: '⚠', text: `${gaps} ${gaps === 1 ? 'gap' : 'gaps'}`, tone: 'warn' };
  const metricBadge =
    retired || workflow.fm.metrics.length === 0
      ? null
      : missed > 0
        ? { icon: '✗', text: `${missed} off target`, tone: 'bad' }
        : measured.length > 0
          ? { icon: '✓', text: 'on target', tone: 'ok' }
          : { icon: '·', text: 'no data', tone: 'muted' };
  return { gaps, gapBadge, metricBadge };
}

/** One workflow as a list row: status, team, operations and responder owners, next review, health. */
export function workflowRow(ctx: RenderContext, workflow: Workflow, root: string) {
  const { site, now } = ctx;
  const owner = (role: string) => {
    const id = workflow.fm.owners[role]?.primary;
    return id ? personRef(site, id, root, now) : null;
  };
  const retired = workflow.fm.status === 'retired';
  return {
    id: workflow.id,
    title: workflow.fm.title,
    summary: workflow.fm.summary,
    href: root + runbookPath(workflow.id),
    status: statusBadge(workflow.fm.status),
    team: teamRef(site, workflow.fm.team, root),
    operations: owner('operations'),
    responder: owner('responder'),
    review: retired ? null : reviewState(reviewDue(workflow, site.config), now, site.config.review.dueSoonDays),
    health: healthOf(ctx, workflow),
  };
}

/** People depend on production most; retired workflows go last. Then by title. */
export function byStatusThenTitle(a: Workflow, b: Workflow): number {
  const rank = (w: Workflow) => STATUS_ORDER.indexOf(w.fm.status as (typeof STATUS_ORDER)[number]);
  return rank(a) - rank(b) || byText(a.fm.title, b.fm.title) || byText(a.id, b.id);
}
