import type { Workflow } from '../../site.ts';
import { runbookPath, type RenderContext } from '../types.ts';
import { byText, factsOf, holderRef, reviewBadge, statusBadge, STATUS_ORDER, teamRef } from '../view.ts';

/** Gap count and metric state as two short badges; the words carry the meaning, not the colour. */
export function healthOf(ctx: RenderContext, workflow: Workflow) {
  const facts = factsOf(ctx, workflow.id);
  const gaps = facts.gaps.length;
  const retired = workflow.fm.status === 'retired';
  const measured = facts.metrics.filter((m) => m.state === 'met' || m.state === 'missed');
  const missed = measured.filter((m) => m.state === 'missed').length;
  const gapBadge = retired
    ? { icon: '–', text: 'no care needed', tone: 'muted' }
    : gaps === 0
      ? { icon: '✓', text: 'ready', tone: 'ok' }
      : { icon: '⚠', text: `${gaps} ${gaps === 1 ? 'gap' : 'gaps'}`, tone: 'warn' };
  const metricBadge =
    retired || facts.metrics.length === 0
      ? null
      : missed > 0
        ? { icon: '✗', text: `${missed} off target`, tone: 'bad' }
        : measured.length > 0
          ? { icon: '✓', text: 'on target', tone: 'ok' }
          : { icon: '·', text: 'no data', tone: 'muted' };
  return { gaps, gapBadge, metricBadge };
}

/** One workflow as a list row: status, team, its owner and who is called first, next review, health. */
export function workflowRow(ctx: RenderContext, workflow: Workflow, root: string) {
  const facts = factsOf(ctx, workflow.id);
  const first = facts.calls.steps[0]?.entries[0];
  const retired = workflow.fm.status === 'retired';
  return {
    id: workflow.id,
    title: workflow.fm.title,
    summary: workflow.fm.summary,
    href: root + runbookPath(workflow.id),
    status: statusBadge(workflow.fm.status),
    team: teamRef(ctx, workflow.fm.team, root),
    owner: facts.care ? { role: facts.care.role, person: holderRef(facts.care.holder, root) } : null,
    firstCall: first ? holderRef(first.holder, root) : null,
    review: retired ? null : reviewBadge(facts.review),
    health: healthOf(ctx, workflow),
    readiness: retired ? null : { text: `${facts.readiness.done}/${facts.readiness.total} ready`, done: facts.readiness.done, total: facts.readiness.total, complete: facts.readiness.done === facts.readiness.total },
  };
}

/** People depend on production most; retired workflows go last. Then by title. */
export function byStatusThenTitle(a: Workflow, b: Workflow): number {
  const rank = (w: Workflow) => STATUS_ORDER.indexOf(w.fm.status as (typeof STATUS_ORDER)[number]);
  return rank(a) - rank(b) || byText(a.fm.title, b.fm.title) || byText(a.id, b.id);
}
