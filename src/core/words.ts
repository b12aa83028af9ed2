import { humanDate } from './dates.ts';
import { durationParts } from '../schema/common.ts';

/** `90` -> `1 h 30 min`, `2880` -> `2 days`: waits people read at a glance. */
export function formatWait(minutes: number): string {
  const units: [number, string, string][] = [
    [10080, ' week', ' weeks'],
    [1440, ' day', ' days'],
    [60, ' h', ' h'],
    [1, ' min', ' min'],
  ];
  const parts: string[] = [];
  let left = minutes;
  for (const [size, one, many] of units) {
    const count = Math.floor(left / size);
    if (count > 0) parts.push(`${count}${count === 1 ? one : many}`);
    left -= count * size;
  }
  return parts.join(' ') || '0 min';
}

/** A written duration in words, in the unit it was written in: `30m` -> `30 min`, `90d` -> `90 days`, `0m` -> `at once`. */
export function durationText(duration: string): string {
  const { count: n, unit } = durationParts(duration);
  if (n === 0) return 'at once';
  if (unit === 'm' || unit === 'h') return formatWait(unit === 'h' ? n * 60 : n);
  const words: Record<string, string> = { d: 'day', w: 'week', mo: 'month', y: 'year' };
  return `${n} ${words[unit]}${n === 1 ? '' : 's'}`;
}

/** `in 4 days`, `today`, `14 days ago`. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** `9–11 Dec`, `28 Dec – 8 Jan`: a short date range. */
export function shortRange(from: string, to: string): string {
  const [d1, m1, y1] = humanDate(from).split(' ');
  const [d2, m2, y2] = humanDate(to).split(' ');
  if (from === to) return `${d1} ${m1}`;
  if (m1 === m2 && y1 === y2) return `${d1}–${d2} ${m1}`;
  return `${d1} ${m1} – ${d2} ${m2}`;
}

/**
 * `0.03` -> `0.03`, `72` -> `72`, `0.0325` -> `0.0325`: four significant digits, no exponent and no
 * locale, so the same value prints the same way on every machine.
 */
export function formatValue(value: number, unit?: string): string {
  const size = Math.abs(value);
  const decimals = size === 0 ? 0 : Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(size))));
  let text = value.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (/^-0$/.test(text)) text = '0';
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
