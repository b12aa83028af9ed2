import type { Workflow } from '../site.ts';
import { targetPattern } from '../schema/runbook.ts';
import type { MetricFact } from './types.ts';

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

/** Each metric as of `now`: rows dated after it do not exist yet, on pages or in the audit. */
export function metricFacts(workflow: Workflow, now: string): MetricFact[] {
  return workflow.fm.metrics.map((metric, index) => {
    const series = workflow.observations.filter((o) => o.metric === metric.name && o.date <= now);
    const latest = series.at(-1) ?? null;
    const state = !latest ? 'nodata' : !metric.target ? 'notarget' : meetsTarget(latest.value, metric.target) ? 'met' : 'missed';
    return { metric, index, series, latest, state };
  });
}
