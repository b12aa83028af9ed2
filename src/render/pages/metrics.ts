import { humanDate } from '../../core/dates.ts';
import type { MetricFact } from '../../facts/index.ts';
import { targetPattern } from '../../schema/runbook.ts';
import { formatValue, metricChart } from '../chart.ts';

const SYMBOLS: Record<string, string> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>', '=': '=' };

/** `<= 0.04` and `USD` -> `≤ 0.04 USD`. */
export function targetText(target: string, unit: string | undefined): string {
  const [, op, number] = targetPattern.exec(target)!;
  return `${SYMBOLS[op!]} ${formatValue(Number(number), unit)}`;
}

/** Each metric as of today: latest value against its target, met or missed in words, and its chart. */
export function metricCards(metrics: MetricFact[]) {
  return metrics.map(({ metric, latest, series, state, drift, stale, ageDays }) => ({
    name: metric.name,
    kind: metric.kind,
    description: metric.description ?? '',
    value: latest ? formatValue(latest.value, metric.unit) : '',
    date: latest ? humanDate(latest.date) : '',
    target: metric.target ? targetText(metric.target, metric.unit) : '',
    state,
    stateText: { met: 'on target', missed: 'off target', nodata: 'no data yet', notarget: 'no target set' }[state],
    stateIcon: { met: '✓', missed: '✗', nodata: '·', notarget: '⚠' }[state],
    chart: series.length ? metricChart(metric, series, { drift: drift?.drifting ? drift : undefined }) : '',
    source: metric.source ?? '',
    drift: drift?.drifting ? `${Math.round(drift.percent)}% above the mean of the ${drift.over} values before it (${formatValue(Number(drift.mean.toPrecision(3)), metric.unit)})` : '',
    stale: stale ? `no new data for ${ageDays} days` : '',
  }));
}
