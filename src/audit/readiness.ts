import type { Config } from '../config.ts';
import { gap, type Diagnostic } from '../diagnostic.ts';
import type { Workflow } from '../model.ts';
import { targetPattern, type Metric } from '../schema/runbook.ts';

type Field = (string | number)[];

function locate(workflow: Workflow) {
  return (rule: string, message: string, path: Field, line?: number): Diagnostic =>
    gap(rule, message, {
      workflow: workflow.id,
      file: workflow.file,
      field: path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '['),
      ...(line ? { line, column: 1 } : workflow.place(path)),
    });
}

/** `missing-section`: a body section the status requires is missing or empty. */
export function sectionGaps(workflow: Workflow, config: Config): Diagnostic[] {
  const at = locate(workflow);
  return config.required[workflow.fm.status].sections.flatMap((key) => {
    const section = workflow.sections.find((s) => s.key === key);
    const title = config.sections[key]?.title ?? key;
    if (!section) return [at('missing-section', `no "## ${title}" section; a ${workflow.fm.status} runbook needs one, so add it`, ['sections', key], lastLine(workflow))];
    if (section.empty) return [at('missing-section', `the "## ${section.heading}" section is empty; write what it asks for`, ['sections', key], section.line)];
    return [];
  });
}

function lastLine(workflow: Workflow): number {
  return workflow.body.endLine;
}

/** `missing-metrics`: no metric, or a metric without a target, where required. */
export function metricGaps(workflow: Workflow, config: Config): Diagnostic[] {
  if (!config.required[workflow.fm.status].metrics) return [];
  const at = locate(workflow);
  if (workflow.fm.metrics.length === 0) return [at('missing-metrics', `no metrics; add the one to three numbers that show a ${workflow.fm.status} workflow is healthy`, ['metrics'])];
  return workflow.fm.metrics.flatMap((metric, i) =>
    metric.target ? [] : [at('missing-metrics', `the metric "${metric.name}" has no target; add one, e.g. target: "<= 0.04"`, ['metrics', i, 'target'])],
  );
}

/** True when `value` meets a target such as `<= 0.04`. */
export function meetsTarget(value: number, target: string): boolean {
  const [, op, number] = targetPattern.exec(target)!;
  const goal = Number(number);
  if (op === '<=') return value <= goal;
  if (op === '>=') return value >= goal;
  if (op === '<') return value < goal;
  if (op === '>') return value > goal;
  return value === goal;
}

/** The latest observed value of a metric, or undefined; with `today`, rows dated after it do not count yet. */
export function latest(workflow: Workflow, metric: Metric, today?: string) {
  return workflow.observations.filter((o) => o.metric === metric.name && (!today || o.date <= today)).at(-1);
}

/** `metric-off-target`: the latest observed value on or before today misses its target. */
export function offTargetGaps(workflow: Workflow, today?: string): Diagnostic[] {
  if (workflow.fm.status === 'retired') return [];
  const at = locate(workflow);
  return workflow.fm.metrics.flatMap((metric, i) => {
    const last = latest(workflow, metric, today);
    if (!metric.target || !last || meetsTarget(last.value, metric.target)) return [];
    const unit = metric.unit ? ` ${metric.unit}` : '';
    return [at('metric-off-target', `${metric.name} was ${last.value}${unit} on ${last.date}, missing its target ${metric.target}${unit}; look into it`, ['metrics', i, 'target'])];
  });
}

/** `missing-escalation`, `missing-fallback`, `missing-handover`. */
export function careGaps(workflow: Workflow, config: Config): Diagnostic[] {
  const need = config.required[workflow.fm.status];
  const at = locate(workflow);
  const { escalation, fallback, handover, status } = workflow.fm;
  const out: Diagnostic[] = [];
  if (need.escalation !== 'none' && !escalation?.levels.length)
    out.push(at('missing-escalation', `no escalation levels; add at least one (who is called, after how long) for a ${status} workflow`, ['escalation', 'levels']));
  if (need.escalation === 'levels+target' && !escalation?.response_target)
    out.push(at('missing-escalation', `no escalation.response_target; set the time to first human response for a ${status} workflow`, ['escalation', 'response_target']));
  if (need.fallback && fallback.length === 0)
    out.push(at('missing-fallback', `no human fallback; list the cases that go to a person, never through the workflow`, ['fallback']));
  if (need.handover && !handover?.date)
    out.push(at('missing-handover', `no handover.date; record the day daily care moved from builders to operators`, ['handover', 'date']));
  return out;
}
