import { escapeHtml } from '../core/text.ts';
import { formatValue } from '../core/words.ts';

export { formatValue };
import { meetsTarget } from '../facts/metrics.ts';
import { daysBetween, humanDate } from '../core/dates.ts';
import type { Observation } from '../schema/metrics.ts';
import { targetPattern, type Metric } from '../schema/runbook.ts';
import { byText } from '../core/order.ts';

export interface ChartOptions {
  /** viewBox width; the SVG scales to its container. */
  width?: number;
  /** viewBox height. */
  height?: number;
  /** A drifting cost: the mean of the values before the latest, drawn over their dates, and the latest marked. */
  drift?: { mean: number; since: string; percent: number; over: number };
}



/** Coordinates rounded to 0.1 so output is stable and small. */
const round = (n: number) => String(Math.round(n * 10) / 10);

/** `over 15 weeks`, `over 5 days`, or `one value`. */
function span(first: string, last: string, count: number): string {
  if (count === 1) return `on ${humanDate(first)}`;
  const days = daysBetween(first, last);
  return days >= 14 ? `over ${Math.round(days / 7)} weeks` : `over ${days} day${days === 1 ? '' : 's'}`;
}

/** One sentence for screen readers and tooltips: the latest value and how it stands against the target. */
function summary(metric: Metric, points: Observation[], target: string | undefined): string {
  const last = points.at(-1)!;
  const unit = metric.unit ? ` ${metric.unit}` : '';
  let text = `${metric.name} ${span(points[0]!.date, last.date, points.length)}: latest ${formatValue(last.value, metric.unit)} on ${humanDate(last.date)}`;
  if (target) text += `, target ${target}${unit === ' %' ? '%' : unit} (${meetsTarget(last.value, target) ? 'met' : 'missed'})`;
  return text;
}

/** Points drawn at most: a 320-unit-wide sparkline shows no more, and 150,000 would make a 3 MB page. */
export const MAX_DRAWN = 600;

/**
 * At most `max` points of a date-sorted series: the first and last, and in each of equal runs between
 * them its lowest and highest value in date order, so every spike and dip stays visible.
 * The summary, axis labels and target check still read every value.
 */
export function downsample(points: Observation[], max: number): Observation[] {
  if (points.length <= max) return points;
  const inner = points.length - 2;
  const buckets = Math.floor((max - 2) / 2);
  const kept: Observation[] = [points[0]!];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i]!.value < points[low]!.value) low = i;
      if (points[i]!.value > points[high]!.value) high = i;
    }
    if (end > start) kept.push(...(low === high ? [points[low]!] : low < high ? [points[low]!, points[high]!] : [points[high]!, points[low]!]));
  }
  kept.push(points.at(-1)!);
  return kept;
}

/**
 * An inline SVG sparkline of a metric's observed values, with its target as a dashed line and the
 * latest value marked. No script; colours come from currentColor and CSS classes, so dark mode works.
 * Returns '' when there is nothing observed.
 */
export function metricChart(metric: Metric, observations: Observation[], options: ChartOptions = {}): string {
  const points = observations.filter((o) => o.metric === metric.name).sort((a, b) => byText(a.date, b.date));
  if (points.length === 0) return '';
  const width = options.width ?? 320;
  const height = options.height ?? 80;
  const target = metric.target && targetPattern.test(metric.target) ? metric.target : undefined;
  const goal = target ? Number(targetPattern.exec(target)![2]) : undefined;

  // A loop, not Math.min(...values): spreading 150,000 values overflows the stack.
  const drift = options.drift;
  let lo = Math.min(goal ?? Infinity, drift?.mean ?? Infinity);
  let hi = Math.max(goal ?? -Infinity, drift?.mean ?? -Infinity);
  for (const { value } of points) (lo = Math.min(lo, value)), (hi = Math.max(hi, value));
  if (lo === hi) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];

  const left = 44;
  const right = width - 8;
  const top = 8;
  const bottom = height - 18;
  const days = Math.max(1, daysBetween(points[0]!.date, points.at(-1)!.date));
  const x = (p: Observation) => (points.length === 1 ? (left + right) / 2 : left + ((right - left) * daysBetween(points[0]!.date, p.date)) / days);
  const y = (v: number) => bottom - ((bottom - top) * (v - lo)) / (hi - lo);

  const label = escapeHtml(summary(metric, points, target) + (drift ? `; ${Math.round(drift.percent)}% above the mean of the ${drift.over} values before it` : ''));
  const last = points.at(-1)!;
  const missed = target !== undefined && !meetsTarget(last.value, target);
  const path = downsample(points, MAX_DRAWN).map((p, i) => `${i === 0 ? 'M' : 'L'}${round(x(p))} ${round(y(p.value))}`).join(' ');
  const parts = [
    `<svg class="metric-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${label}</title>`,
    `<g class="chart-axis" fill="currentColor" font-size="10">`,
    `<text x="${left - 4}" y="${round(top + 4)}" text-anchor="end">${escapeHtml(formatValue(hi))}</text>`,
    `<text x="${left - 4}" y="${round(bottom + 3)}" text-anchor="end">${escapeHtml(formatValue(lo))}</text>`,
    `<text x="${left}" y="${height - 4}">${humanDate(points[0]!.date)}</text>`,
    points.length > 1 ? `<text x="${right}" y="${height - 4}" text-anchor="end">${humanDate(last.date)}</text>` : '',
    `</g>`,
    goal !== undefined
      ? `<line class="chart-target" x1="${left}" x2="${right}" y1="${round(y(goal))}" y2="${round(y(goal))}" stroke="currentColor" stroke-dasharray="4 3" stroke-opacity="0.6"/>`
      : '',
    `<path class="chart-line" d="${path}" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>`,
    drift
      ? `<line class="chart-drift-mean" x1="${round(x({ date: drift.since, metric: metric.name, value: drift.mean }))}" x2="${round(x(last))}" y1="${round(y(drift.mean))}" y2="${round(y(drift.mean))}" stroke="currentColor" stroke-width="1" stroke-dasharray="1 2"/>` +
        `<text class="chart-drift-label" x="${round(x(last) - 6)}" y="${round(Math.max(top + 8, y(last.value) - 5))}" text-anchor="end" font-size="10" fill="currentColor">+${Math.round(drift.percent)}%</text>`
      : '',
    `<circle class="chart-latest${missed ? ' off-target' : ''}${drift ? ' drift' : ''}" cx="${round(x(last))}" cy="${round(y(last.value))}" r="3" fill="currentColor"/>`,
    `</svg>`,
  ];
  return parts.filter(Boolean).join('');
}
