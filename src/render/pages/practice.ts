import { durationText, formatWait, relativeDays } from '../../core/words.ts';
import { humanDate } from '../../core/dates.ts';
import type { ChurnFact, DrillFact, WorkflowFacts } from '../../facts/index.ts';
import type { DrillKind } from '../../schema/runbook.ts';
import type { RenderContext } from '../types.ts';
import { holderRef, personRef } from '../view.ts';
import type { ChangedView, DrillView, PracticeView, ReadinessView, SignalsView } from '../views.ts';

/** How a drill kind reads on a page. */
export const DRILL_LABELS: Record<DrillKind, string> = {
  failure: 'Forced failure',
  rerun: 'Rerun a failed job',
  'messy-input': 'Missing or messy input',
  'weak-output': 'Weak output',
  escalate: 'Escalate and stop',
};

/** One drill as a row: when, who, how long against the response target, outcome. */
export function drillView(ctx: RenderContext, d: DrillFact, targetMinutes: number | null, root: string): DrillView {
  const { drill } = d;
  const slow = targetMinutes !== null && d.tookMinutes !== null && d.tookMinutes > targetMinutes && (drill.kind === 'failure' || drill.kind === 'escalate');
  return {
    kind: drill.kind,
    label: DRILL_LABELS[drill.kind],
    date: humanDate(drill.date),
    scenario: drill.scenario,
    person: d.holder ? holderRef(d.holder, root) : personRef(ctx, drill.by, root),
    took: drill.took ? durationText(drill.took) : '',
    target: targetMinutes !== null && (drill.kind === 'failure' || drill.kind === 'escalate') ? formatWait(targetMinutes) : '',
    slow,
    outcome: drill.outcome,
    notes: drill.notes ?? '',
  };
}

/** The Practice block: the latest drill of each kind, when the next is due, who has yet to practise what. */
export function practiceView(ctx: RenderContext, facts: WorkflowFacts, root: string): PracticeView {
  const { practice, workflow } = facts;
  const needed = ctx.site.config.drills.statuses.includes(workflow.fm.status);
  const due = practice.due && practice.days !== null ? { date: humanDate(practice.due), relative: relativeDays(practice.days), overdue: practice.days < 0 } : null;
  return {
    show: needed || practice.drills.length > 0,
    count: practice.drills.length,
    kinds: practice.byKind.map((k) => ({ kind: k.kind, label: DRILL_LABELS[k.kind], drill: k.latest ? drillView(ctx, k.latest, practice.responseTargetMinutes, root) : null })),
    due,
    every: durationText(ctx.site.config.drills.every),
    unpractised: ctx.site.config.drills.practiseStatuses.includes(workflow.fm.status)
      ? practice.unpractised.map((u) => ({ role: u.label, person: holderRef(u.holder, root), kinds: u.kinds.map((k) => DRILL_LABELS[k]).join(', ') }))
      : [],
  };
}

/** The switch checklist, each item done or not, with what to do. */
export function readinessView(facts: WorkflowFacts): ReadinessView {
  const { items, done, total } = facts.readiness;
  return { done, total, text: `${done}/${total} ready`, complete: done === total, items: items.map((i) => ({ id: i.id, label: i.label, done: i.done, todo: i.todo })) };
}

/** Logs and alerts, beside Health. */
export function signalsView(ctx: RenderContext, facts: WorkflowFacts, root: string): SignalsView {
  const { fm } = facts.workflow;
  return {
    logs: fm.logs?.url || fm.logs?.keeps ? { url: fm.logs.url ?? '', keeps: fm.logs.keeps ? durationText(fm.logs.keeps) : '' } : null,
    alerts: fm.alerts.map((a) => ({ name: a.name, firesWhen: a.fires_when ?? '', via: a.via ?? '', notifies: a.notifies.map((id) => recipientRef(ctx, id, root)) })),
    required: ctx.site.config.alerts.statuses.includes(fm.status),
  };
}

/** An alert recipient: a team as "Platform (team)" linking its page, else a person. */
function recipientRef(ctx: RenderContext, id: string, root: string) {
  const team = ctx.site.team.get(id);
  return team && !ctx.site.person.has(id) ? holderRef({ kind: 'team', id, name: team.name, availability: { state: 'available' } }, root) : personRef(ctx, id, root);
}

/** "Last changed 12 Nov 2026 by Dana (a1b2c3d)", from git. */
export function changedView(ctx: RenderContext, churn: ChurnFact | null, root: string): ChangedView | null {
  const last = churn?.last;
  if (!last) return null;
  return {
    date: humanDate(last.date),
    person: last.author.person ? personRef(ctx, last.author.person, root) : null,
    author: last.author.name,
    short: last.short,
    // A first line can be long; the page shows the start, the changes page all of it.
    subject: last.subject.length > 80 ? `${last.subject.slice(0, 79).trimEnd()}…` : last.subject,
    recent: churn!.recent,
    window: durationText(ctx.site.config.churn.window),
  };
}
