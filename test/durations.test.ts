import { describe, expect, it } from 'vitest';
import { newRunbookView, renderNewRunbook } from '../src/commands/new.ts';
import { configSchema } from '../src/config.ts';
import { durationText } from '../src/core/words.ts';
import { addMonths } from '../src/core/dates.ts';
import { addDuration, duration } from '../src/schema/common.ts';
import { checkFiles, PEOPLE, runbook } from './helpers/site.ts';

describe('calendar months and years', () => {
  it('a day the target month lacks becomes its last day', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('1900-02-28', 12)).toBe('1901-02-28');
    expect(addMonths('2000-01-31', 1)).toBe('2000-02-29');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
  });

  it('addDuration keeps days exact and months on the calendar', () => {
    expect(addDuration('2027-01-31', '1mo')).toBe('2027-02-28');
    expect(addDuration('2028-02-29', '1y')).toBe('2029-02-28');
    expect(addDuration('2019-05-13', '6mo')).toBe('2019-11-13');
    expect(addDuration('2026-11-01', '90d')).toBe('2027-01-30');
    expect(addDuration('2026-11-01', '2w')).toBe('2026-11-15');
    expect(addDuration('2899-06-30', '100y')).toBe('2999-06-30');
  });

  it('the grammar takes mo and y, within 100 years', () => {
    for (const ok of ['6mo', '1y', '100y', '1200mo', '0mo']) expect(duration.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['101y', '1201mo', '6 months', '1yr', 'mo', '1.5y', '6M']) expect(duration.safeParse(bad).success, bad).toBe(false);
  });

  it('pages say months and years in words', () => {
    expect(durationText('6mo')).toBe('6 months');
    expect(durationText('1mo')).toBe('1 month');
    expect(durationText('1y')).toBe('1 year');
    expect(durationText('2y')).toBe('2 years');
  });
});

describe('check and the audit use calendar months', () => {
  const fm = (every: string, last: string) => `title: Refunds\nsummary: Drafts replies.\nstatus: paused\nowners: { maintainer: { primary: ivan }, business: { primary: dana }, operations: { primary: sam }, approver: { primary: dana }, responder: { primary: sam } }\nreview: { last: ${last}, every: ${every} }`;

  it('last 31 Jan + 1mo is due on the last day of February', async () => {
    const result = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/a.md': runbook(fm('1mo', '2027-01-31')) }, { now: '2027-03-01' });
    expect(result.errors).toEqual([]);
    expect(result.facts.workflows.get('a')!.review.due).toBe('2027-02-28');
    expect(result.gaps.map((g) => [g.rule, g.message])).toEqual([['review-overdue', 'the review was due on 28 Feb 2027, 1 day ago; review the runbook and update review.last']]);
  });

  it('1y from 29 Feb is 28 Feb, due soon the day before', async () => {
    const result = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/a.md': runbook(fm('1y', '2028-02-29')) }, { now: '2029-02-27' });
    expect(result.facts.workflows.get('a')!.review.due).toBe('2029-02-28');
    expect(result.gaps.map((g) => g.rule)).toEqual(['review-due-soon']);
  });

  it('101y is an invalid-value with the 100-year message', async () => {
    const result = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/a.md': runbook(fm('101y', '2026-01-01')) });
    expect(result.errors.map((e) => [e.rule, e.field, e.message])).toEqual([['invalid-value', 'review.every', '"review.every" is longer than 100 years (36500d); check the number']]);
  });
});

describe('handover new with a review interval in months', () => {
  it('writes the configured 6mo into the review comment, and the filled-in runbook is due six calendar months on', async () => {
    const config = configSchema.parse({ review: { every: '6mo' } });
    const text = await renderNewRunbook(newRunbookView(config, 'billing/refunds', 'paused'));
    expect(text).toContain('review: {}                       # { last: YYYY-MM-DD, by: <person id>, every: 6mo }');
    const filled = text
      .replace('summary: ""', 'summary: Drafts replies.')
      .replace(/^( {2}\w+): \{\}/gm, '$1: { primary: dana }')
      .replace(/^review: \{\}.*$/m, 'review: { last: 2026-08-31, every: 6mo }')
      .replace(/^(## .+)$/gm, '$1\n\nWritten.');
    const result = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/billing/refunds.md': filled });
    expect(result.errors).toEqual([]);
    expect(result.facts.workflows.get('billing/refunds')!.review.due).toBe('2027-02-28');
  });
});
