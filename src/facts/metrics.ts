import type { Config } from '../config.ts';
import { daysBetween } from '../core/dates.ts';
import type { Workflow } from '../site.ts';
import type { Observation } from '../schema/metrics.ts';
import { targetPattern } from '../schema/runbook.ts';
import { durationDays } from './practice.ts';
import type { DriftFact, MetricFact } from './types.ts';

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
export function metricFacts(workflow: Workflow, config: Pick<Config, 'drift' | 'metrics'>, now: string): MetricFact[] {
  const staleAfter = durationDays(config.metrics.staleAfter);
  return workflow.fm.metrics.map((metric, index) => {
    const series = workflow.observations.filter((o) => o.metric === metric.name && o.date <= now);
    const latest = series.at(-1) ?? null;
    const state = !latest ? 'nodata' : !metric.target ? 'notarget' : meetsTarget(latest.value, metric.target) ? 'met' : 'missed';
    const ageDays = latest ? daysBetween(latest.date, now) : null;
    const drift = metric.kind === 'cost' ? driftOf(series, config.drift) : null;
    return { metric, index, series, latest, state, drift, ageDays, stale: ageDays !== null && ageDays > staleAfter };
  });
}

/**
 * The latest value against the mean of up to `window` values before it. Costs can drift long before
 * output gets worse, so this is read even when the target is met. Two earlier values at least: one is
 * not a trend. A mean of zero or below has no percent.
 */
export function driftOf(series: Observation[], { window, threshold }: Config['drift']): DriftFact | null {
  const latest = series.at(-1);
  const before = series.slice(Math.max(0, series.length - 1 - window), -1);
  if (!latest || before.length < 2) return null;
  let sum = 0;
  for (const o of before) sum += o.value;
  const mean = sum / before.length;
  if (!(mean > 0)) return null;
  const percent = ((latest.value - mean) / mean) * 100;
  return { mean, over: before.length, since: before[0]!.date, percent, drifting: percent > threshold };
}
