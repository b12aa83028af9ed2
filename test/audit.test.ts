import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAP_RULES as REGISTRY } from '../src/audit/registry.ts';
import { checkFiles, checkFixture, fixtures } from './helpers/site.ts';

/** The spec's gap ids, exactly (runbook-format.md, "Finding ids"). */
const GAP_RULES = [
  'broken-link',
  'cost-drift',
  'coverage-away',
  'drill-failed',
  'drill-not-practised',
  'drill-overdue',
  'drill-slow',
  'experiment-overdue',
  'metric-off-target',
  'metric-stale',
  'missing-alerts',
  'missing-backup',
  'missing-escalation',
  'missing-fallback',
  'missing-handover',
  'missing-metrics',
  'missing-review',
  'missing-role',
  'missing-section',
  'moving-target',
  'never-drilled',
  'owner-left',
  'review-due-soon',
  'review-overdue',
  'too-many-roles',
];

describe('gap fixtures (test/fixtures/gaps/<rule>/)', () => {
  it('the registry holds exactly the gap ids of the spec, and one fixture folder each', () => {
    expect(REGISTRY.map((rule) => rule.id).sort()).toEqual(GAP_RULES);
    expect(fixtures('gaps').map((f) => f.name)).toEqual(GAP_RULES);
  });

  for (const { name, dir } of fixtures('gaps')) {
    it(`${name}: valid data, and only ${name} gaps, as in expected.json`, async () => {
      const found = await checkFixture(dir);
      expect(found.errors).toEqual([]);
      expect(found.gaps.length).toBeGreaterThan(0);
      expect([...new Set(found.gaps.map((d) => d.rule))]).toEqual([name]);
      for (const d of found.gaps) {
        expect(d.workflow).toBeTruthy();
        expect(d.field).toBeTruthy();
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toMatch(/\n/);
      }
      await expect(`${JSON.stringify(found, null, 2)}\n`).toMatchFileSnapshot(path.join(dir, 'expected.json'));
    });
  }
});

/** The complete production runbook of the missing-fallback fixture, with its fallback restored: no gaps at all. */
const COMPLETE = readFileSync(path.join(import.meta.dirname, 'fixtures/gaps/missing-handover/runbooks/support/refund-replies.md'), 'utf8').replace(
  'handover:\n  first_week: ivan\n',
  'handover:\n  date: 2026-10-01\n  first_week: ivan\n',
);
const PEOPLE = readFileSync(path.join(import.meta.dirname, 'fixtures/gaps/missing-handover/people.yaml'), 'utf8');

/** Gaps of the complete runbook with its `review:` block replaced, as `rule field: message`. */
async function reviewGapsWith(review: string, options: { status?: string; now?: string; config?: string } = {}) {
  let text = COMPLETE.replace(/review:\n(?: {2}.*\n)+/, review);
  if (options.status) text = text.replace('status: production', `status: ${options.status}`);
  const { errors, gaps } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': text }, options);
  expect(errors).toEqual([]);
  return gaps.map((d) => `${d.rule} ${d.field}: ${d.message}`);
}

describe('review findings', () => {
  it('the complete production runbook has no gap', async () => {
    expect(await reviewGapsWith('review:\n  last: 2026-10-15\n  every: 90d\n')).toEqual([]);
  });

  it('due = last + every', async () => {
    // 2026-09-01 + 12w = 2026-11-24: two days after today.
    expect(await reviewGapsWith('review:\n  last: 2026-09-01\n  every: 12w\n')).toEqual(['review-due-soon review: the review is due in 2 days (24 Nov 2026); plan it with the owners']);
  });

  it('due = last + the config default (90d) when every is absent', async () => {
    // 2026-08-24 + 90d = 2026-11-22: today.
    expect(await reviewGapsWith('review:\n  last: 2026-08-24\n')).toEqual(['review-due-soon review: the review is due today (22 Nov 2026); plan it with the owners']);
  });

  it('next wins over last + every', async () => {
    expect(await reviewGapsWith('review:\n  last: 2026-01-01\n  every: 30d\n  next: 2027-01-10\n')).toEqual([]);
    expect(await reviewGapsWith('review:\n  last: 2026-11-01\n  every: 90d\n  next: 2026-11-21\n')).toEqual([
      'review-overdue review: the review was due on 21 Nov 2026, 1 day ago; review the runbook and update review.last',
    ]);
  });

  it('due soon means within dueSoonDays (14) days: day 14 is a gap, day 15 is not', async () => {
    expect(await reviewGapsWith('review:\n  next: 2026-12-06\n')).toEqual(['review-due-soon review: the review is due in 14 days (6 Dec 2026); plan it with the owners']);
    expect(await reviewGapsWith('review:\n  next: 2026-12-07\n')).toEqual([]);
  });

  it('at most one review finding per workflow: an overdue experiment is experiment-overdue only', async () => {
    const gaps = await reviewGapsWith('review:\n  last: 2026-01-01\n  every: 30d\n  next: 2026-10-01\n', { status: 'experiment' });
    expect(gaps).toEqual(['experiment-overdue review.next: the experiment was to be decided by 1 Oct 2026, 52 days ago; promote it to pilot or retire it']);
  });

  it('an experiment with only last + every still needs a decide-by date', async () => {
    expect(await reviewGapsWith('review:\n  last: 2026-01-01\n', { status: 'experiment' })).toEqual([
      'missing-review review.next: an experiment needs a decide-by date; set review.next',
    ]);
  });

  it('a retired workflow has no review finding, however old', async () => {
    expect(await reviewGapsWith('review:\n  last: 2020-01-01\n', { status: 'retired' })).toEqual([]);
  });
});

describe('other gap boundaries', () => {
  it('coverage looks 30 days ahead: a shared absence on day 31 is not a gap', async () => {
    const away = (from: string, to: string) => `    away: [{ from: ${from}, to: ${to} }]\n`;
    const people = (from: string) =>
      PEOPLE.replace('    name: Lee Park\n', `    name: Lee Park\n${away(from, '2027-01-31')}`).replace('    name: Omar Haddad\n', `    name: Omar Haddad\n${away(from, '2027-01-31')}`);
    const run = async (from: string) =>
      (await checkFiles({ 'people.yaml': people(from), 'runbooks/x.md': COMPLETE })).gaps.map((d) => `${d.rule} ${d.field}`);
    expect(await run('2026-12-21')).toEqual(['coverage-away owners.approver']);
    expect(await run('2026-12-22')).toEqual([]);
  });

  it('too-many-roles counts primaries in active workflows only, and 8 is still fine; it is one gap per person', async () => {
    const mine = (text: string) =>
      text
        .replace('{ primary: sam,  backup: rita }', '{ primary: dana, backup: rita }')
        .replace('{ primary: lee,  backup: omar }', '{ primary: dana, backup: omar }')
        .replace('{ primary: ivan, backup: mei }', '{ primary: dana, backup: mei }')
        // dana now owns daily care, so she has done the practice list too.
        .replace('drills:\n', 'drills:\n' + ['rerun', 'messy-input', 'weak-output', 'escalate'].map((kind) => `  - { date: 2026-10-23, kind: ${kind}, scenario: Practice, by: dana, outcome: pass }\n`).join(''));
    const pausedFour = COMPLETE.replace('status: production', 'status: paused');
    const run = async (files: Record<string, string>) => (await checkFiles({ 'people.yaml': PEOPLE, ...files })).gaps.map((d) => `${d.rule} ${d.workflow}`);
    // dana: 4 + 4 = 8 primaries in production, 4 more in a paused workflow that does not count.
    expect(await run({ 'runbooks/a.md': mine(COMPLETE), 'runbooks/b.md': mine(COMPLETE), 'runbooks/c.md': mine(pausedFour) })).toEqual([]);
    expect(await run({ 'runbooks/a.md': mine(COMPLETE), 'runbooks/b.md': mine(COMPLETE), 'runbooks/c.md': mine(COMPLETE) })).toEqual([
      // 12 primaries over three workflows: reported once, on the first of them.
      'too-many-roles a',
    ]);
  });

  it('metric-off-target reads the latest observation, not the worst', async () => {
    const csv = (rows: string) => ({ 'people.yaml': PEOPLE, 'runbooks/x.md': COMPLETE, 'metrics/x.csv': `date,metric,value\n${rows}` });
    expect((await checkFiles(csv('2026-11-08,Cost per draft,0.09\n2026-11-01,Cost per draft,0.03\n'))).gaps.map((d) => d.message)).toEqual([
      'Cost per draft was 0.09 USD on 2026-11-08, missing its target <= 0.04 USD; look into it',
    ]);
    expect((await checkFiles(csv('2026-11-01,Cost per draft,0.09\n2026-11-08,Cost per draft,0.04\n'))).gaps).toEqual([]);
  });

  it('metric-off-target ignores rows dated after today (a build with --now in the past)', async () => {
    const files = { 'people.yaml': PEOPLE, 'runbooks/x.md': COMPLETE, 'metrics/x.csv': 'date,metric,value\n2026-11-01,Cost per draft,0.03\n2026-11-20,Cost per draft,0.09\n' };
    expect((await checkFiles(files, { now: '2026-11-10' })).gaps).toEqual([]);
    expect((await checkFiles(files, { now: '2026-11-20' })).gaps.map((d) => d.rule)).toEqual(['metric-off-target']);
  });
});
