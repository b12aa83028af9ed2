import { latest, meetsTarget } from '../../audit/readiness.ts';
import { humanDate } from '../../dates.ts';
import type { Workflow } from '../../model.ts';
import { targetPattern } from '../../schema/runbook.ts';
import { formatValue, metricChart } from '../chart.ts';

const SYMBOLS: Record<string, string> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>', '=': '=' };

/** `<= 0.04` and `USD` -> `≤ 0.04 USD`. */
export function targetText(target: string, unit: string | undefined): string {
  const [, op, number] = targetPattern.exec(target)!;
  return `${SYMBOLS[op!]} ${formatValue(Number(number), unit)}`;
}

/** Each metric: latest value against its target, met or missed in words, and its chart when there is data. */
export function metricCards(workflow: Workflow) {
  return workflow.fm.metrics.map((metric) => {
    const last = latest(workflow, metric);
    const observations = workflow.observations.filter((o) => o.metric === metric.name);
    const state = !last ? 'nodata' : !metric.target ? 'notarget' : meetsTarget(last.value, metric.target) ? 'met' : 'missed';
    return {
      name: metric.name,
      kind: metric.kind,
      description: metric.description ?? '',
      value: last ? formatValue(last.value, metric.unit) : '',
      date: last ? humanDate(last.date) : '',
      target: metric.target ? targetText(metric.target, metric.unit) : '',
      state,
      stateText: { met: 'on target', missed: 'off target', nodata: 'no data yet', notarget: 'no target set' }[state],
      stateIcon: { met: '✓', missed: '✗', nodata: '·', notarget: '⚠' }[state],
      chart: observations.length ? metricChart(metric, observations) : '',
      source: metric.source ?? '',
    };
  });
}
