import type { Diagnostic } from '../../diagnostic.ts';
import type { Facts, Holder, WorkflowFacts } from '../../facts/index.ts';
import { readinessJson } from '../../facts/readiness.ts';
import type { Site } from '../../site.ts';
import { projectPath } from '../types.ts';

/** A gap as report.json shows it: the spec's `rule` and `message`, plus where to fix it when known. */
function gapEntry({ rule, message, field, file, line, column }: Diagnostic) {
  return { rule, message, ...(field ? { field } : {}), ...(file ? { file } : {}), ...(line ? { line } : {}), ...(column ? { column } : {}) };
}

/** A person or team with today's availability, as the JSON feeds show them. */
export function holderJson(holder: Holder) {
  const { availability } = holder;
  return {
    id: holder.id,
    name: holder.name,
    kind: holder.kind,
    available: availability.state !== 'away-now' && availability.state !== 'left',
    ...(availability.state === 'away-now' ? { away_until: availability.until } : {}),
    ...(availability.state === 'away-soon' ? { away_from: availability.from, away_until: availability.until } : {}),
    ...(availability.state === 'left' ? { left: true } : {}),
  };
}

/** Who to call now, in order: the same list as the call card and the diagram. */
export function callJson(facts: WorkflowFacts) {
  return facts.calls.steps.map((step) => ({
    level: step.level,
    after_minutes: step.afterMinutes,
    notify: step.entries.map((e) => ({ ...holderJson(e.holder), ...(e.instead !== undefined ? { instead: e.instead ? holderJson(e.instead) : null } : {}) })),
  }));
}

/** The review and the metrics as of the report's date. */
function todayJson(facts: WorkflowFacts) {
  const { review } = facts;
  return {
    review: { due: review.due, state: review.state, runner: review.runner ? { id: review.runner.person, as: review.runner.role } : null },
    metrics: facts.metrics.map((m) => ({
      name: m.metric.name,
      state: m.state,
      latest: m.latest ? { date: m.latest.date, value: m.latest.value } : null,
      stale: m.stale,
      ...(m.drift ? { drift: { mean: m.drift.mean, over: m.drift.over, percent: Math.round(m.drift.percent * 10) / 10, drifting: m.drift.drifting } } : {}),
    })),
    call: callJson(facts),
    readiness: readinessJson(facts.readiness),
    practice: practiceJson(facts),
    changed: facts.churn?.last
      ? { date: facts.churn.last.date, author: facts.churn.last.author.name, person: facts.churn.last.author.person, commit: facts.churn.last.short, recent: facts.churn.recent, since: facts.churn.since }
      : null,
  };
}

/** Drills as of the report's date: the latest of each kind, when the next is due, who has yet to practise what. */
function practiceJson({ practice }: WorkflowFacts) {
  const drill = (d: NonNullable<typeof practice.latest>) => ({ date: d.drill.date, kind: d.drill.kind, by: d.drill.by, took_minutes: d.tookMinutes, outcome: d.drill.outcome });
  return {
    drills: practice.drills.length,
    latest: practice.latest ? drill(practice.latest) : null,
    by_kind: Object.fromEntries(practice.byKind.map((k) => [k.kind, k.latest ? drill(k.latest) : null])),
    due: practice.due,
    unpractised: practice.unpractised.map((u) => ({ id: u.holder.id, as: u.label, kinds: u.kinds })),
  };
}

/**
 * `report.json`: `{ generated, workflows: [{ id, title, status, team, gaps: [{ rule, message }] }] }`,
 * every workflow in id order (gaps may be empty), plus each one's review, metrics and call list as of
 * `generated`, pretty-printed so diffs between builds read well. File paths are from the project `root`.
 */
export function reportJson(site: Site, facts: Facts, root: string): string {
  // A runbook's gaps name its file, a few times each: each path is made relative once (4,000 gaps at 1,000 runbooks).
  const shown = new Map<string, string>();
  const fromRoot = (file: string) => shown.get(file) ?? shown.set(file, projectPath(root, file)).get(file)!;
  const workflows = site.workflows.map((w) => {
    const today = facts.workflows.get(w.id)!;
    const gaps = today.gaps.map(({ gap }) => gapEntry(gap.file ? { ...gap, file: fromRoot(gap.file) } : gap));
    return { id: w.id, title: w.fm.title, status: w.fm.status, team: w.fm.team ?? null, gaps, ...todayJson(today) };
  });
  return `${JSON.stringify({ generated: facts.now, history: facts.history.state, ...(facts.history.note ? { note: facts.history.note } : {}), workflows }, null, 2)}\n`;
}
