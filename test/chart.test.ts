import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { downsample, formatValue, MAX_DRAWN, metricChart } from '../src/render/chart.ts';
import type { Observation } from '../src/schema/metrics.ts';
import type { Metric } from '../src/schema/runbook.ts';

const cost: Metric = { name: 'Cost per draft', kind: 'cost', target: '<= 0.04', unit: 'USD' };
const weeks = (values: number[], metric = cost.name): Observation[] =>
  values.map((value, i) => ({ date: new Date(Date.UTC(2026, 7, 3 + 7 * i)).toISOString().slice(0, 10), metric, value }));

function svg(markup: string): { root: Element; all: Element[] } {
  const all: Element[] = [];
  visit(fromHtml(markup, { fragment: true }), 'element', (node) => void all.push(node));
  return { root: all[0]!, all };
}

describe('metricChart', () => {
  it('returns an empty string when the metric has no observations', () => {
    expect(metricChart(cost, [])).toBe('');
    expect(metricChart(cost, weeks([1, 2], 'Another metric'))).toBe('');
  });

  it('is an image with a summary of the latest value against the target', () => {
    const out = metricChart(cost, weeks([0.037, 0.035, 0.036, 0.031, 0.03, 0.029, 0.031, 0.03, 0.03, 0.031, 0.03, 0.029, 0.03, 0.031, 0.03, 0.03]));
    const { root, all } = svg(out);
    const label = 'Cost per draft over 15 weeks: latest 0.03 USD on 16 Nov 2026, target <= 0.04 USD (met)';
    expect(root.tagName).toBe('svg');
    expect(root.properties).toMatchObject({ role: 'img', ariaLabel: label, viewBox: '0 0 320 80' });
    expect(all.find((el) => el.tagName === 'title')!.children).toEqual([expect.objectContaining({ value: label })]);
    expect(all.filter((el) => el.tagName === 'text').map((el) => (el.children[0] as { value: string }).value)).toEqual(['0.04', '0.029', '3 Aug 2026', '16 Nov 2026']);
  });

  it('draws one point per observation, the dashed target, and marks a missed latest value', () => {
    const quality: Metric = { name: 'Drafts sent without edits', kind: 'quality', target: '>= 70', unit: '%' };
    const { all } = svg(metricChart(quality, weeks([72, 74, 71, 64], quality.name)));
    const path = String(all.find((el) => el.tagName === 'path')!.properties.d);
    expect(path.match(/[ML]/g)).toEqual(['M', 'L', 'L', 'L']);
    const target = all.find((el) => el.tagName === 'line')!;
    expect(target.properties).toMatchObject({ className: ['chart-target'], strokeDashArray: ['4', '3'] });
    const latest = all.find((el) => el.tagName === 'circle')!;
    expect(latest.properties.className).toEqual(['chart-latest', 'off-target']);
    // The latest point (64, the lowest) sits on the bottom of the plot; the target (70) lies between.
    const ys = [...path.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Number(latest.properties.cy)).toBe(Math.max(...ys));
    expect(Number(target.properties.y1)).toBeGreaterThan(Math.min(...ys));
    expect(Number(target.properties.y1)).toBeLessThan(Math.max(...ys));
    expect(svg(metricChart(quality, weeks([72], quality.name))).root.properties.ariaLabel).toBe('Drafts sent without edits on 3 Aug 2026: latest 72% on 3 Aug 2026, target >= 70% (met)');
  });

  it('uses currentColor and classes, never inline style or script', () => {
    const name = '<script>alert(1)</script>';
    const out = metricChart({ ...cost, name, unit: '"><img src=x onerror=alert(1)>' }, weeks([1, 1], name));
    const { all } = svg(out);
    expect(all.map((el) => el.tagName)).not.toContain('script');
    expect(all.map((el) => el.tagName)).not.toContain('img');
    expect(all.every((el) => !('style' in el.properties) && Object.keys(el.properties).every((k) => !/^on/i.test(k)))).toBe(true);
    expect(out).toContain('stroke="currentColor"');
    expect(out).toContain('&lt;script&gt;');
  });

  it('gives the same bytes for the same data', () => {
    const data = weeks([0.1, 0.2, 0.15]);
    expect(metricChart(cost, data)).toBe(metricChart(cost, [...data].reverse()));
  });
});

describe('formatValue', () => {
  it('prints four significant digits without exponent or locale', () => {
    expect([0.03, 0.0325, 72, 72.456, 1234.5, 0, -0.0001, 1e-7, 99.999].map((v) => formatValue(v))).toEqual([
      '0.03',
      '0.0325',
      '72',
      '72.46',
      '1235',
      '0',
      '-0.0001',
      '0',
      '100',
    ]);
    expect(formatValue(0.03, 'USD')).toBe('0.03 USD');
    expect(formatValue(72, '%')).toBe('72%');
  });
});

describe('metricChart with a very long series', () => {
  const days = 150_000;
  // A slow wave with one spike and one dip hidden deep inside it.
  const long: Observation[] = Array.from({ length: days }, (_, i) => ({
    date: new Date(Date.UTC(1990, 0, 1) + i * 3_600_000).toISOString().slice(0, 10),
    metric: cost.name,
    value: i === 77_777 ? 9 : i === 12_345 ? -3 : 0.03 + 0.005 * Math.sin(i / 5000),
  }));

  it('draws 150,000 observations without a stack overflow, at most MAX_DRAWN points, keeping the extremes', () => {
    const out = metricChart(cost, long);
    const { all } = svg(out);
    const path = String(all.find((el) => el.tagName === 'path')!.properties.d);
    const drawn = path.match(/[ML]/g)!.length;
    expect(drawn).toBeLessThanOrEqual(MAX_DRAWN);
    expect(drawn).toBeGreaterThan(MAX_DRAWN / 2);
    // The axis shows the true extremes, and the spike (top, y = 8) and the dip (bottom, y = 62) are drawn.
    expect(all.filter((el) => el.tagName === 'text').map((el) => (el.children[0] as { value: string }).value).slice(0, 2)).toEqual(['9', '-3']);
    const ys = [...path.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBe(8);
    expect(Math.max(...ys)).toBe(62);
    expect(out.length).toBeLessThan(40_000);
  });

  it('downsample keeps the first and last points, and every point of a short series', () => {
    const kept = downsample(long, MAX_DRAWN);
    expect(kept[0]).toBe(long[0]);
    expect(kept.at(-1)).toBe(long.at(-1));
    expect(kept).toContain(long[77_777]);
    expect(kept).toContain(long[12_345]);
    // In date order, as drawn.
    expect(kept.every((p, i) => i === 0 || long.indexOf(kept[i - 1]!) < long.indexOf(p))).toBe(true);
    const short = long.slice(0, 10);
    expect(downsample(short, MAX_DRAWN)).toBe(short);
  });
});
