import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { configSchema } from '../src/config.ts';
import { driftOf } from '../src/facts/metrics.ts';
import { personIcs } from '../src/render/feeds/person-ics.ts';
import { pageTable } from '../src/render/registry.ts';
import { renderContext } from '../src/render/types.ts';
import type { RunbookView } from '../src/render/views.ts';
import { checkFiles, PEOPLE, runbook, writeSite } from './helpers/site.ts';

/** A pilot runbook with its maintainer, operations owner and first responder, and the given extra frontmatter. */
const pilot = (extra: string, status = 'pilot') =>
  runbook(
    `title: Refunds\nsummary: S\nstatus: ${status}\nowners:\n  operations: { primary: sam, backup: dana }\n  responder: { primary: mei, backup: sam }\n  maintainer: { primary: ivan, backup: mei }\nescalation:\n  response_target: 30m\n  levels:\n    - { after: 0m, notify: [sam] }\n${extra}`,
  );

const drill = (date: string, kind: string, by: string, rest = 'outcome: pass') => `  - { date: ${date}, kind: ${kind}, scenario: Practice, by: ${by}, ${rest} }`;

async function practiceOf(extra: string, status = 'pilot') {
  const result = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': pilot(extra, status) });
  expect(result.errors).toEqual([]);
  // The base runbook lacks much a pilot needs; only the practice rules are under test here.
  const gaps = result.gaps.filter((g) => /^(drill-|never-drilled)/.test(g.rule)).map((g) => `${g.rule} ${g.field}`);
  return { result, practice: result.facts.workflows.get('x')!.practice, gaps };
}

describe('practice facts', () => {
  it('drills dated after today have not happened yet; the latest of each kind, and when the next is due', async () => {
    const { practice } = await practiceOf(
      `drills:\n${[drill('2026-10-01', 'failure', 'sam', 'took: 20m, outcome: fail'), drill('2026-10-05', 'failure', 'sam', 'took: 25m, outcome: pass'), drill('2026-12-01', 'rerun', 'sam')].join('\n')}`,
    );
    expect(practice.drills.map((d) => d.drill.date)).toEqual(['2026-10-01', '2026-10-05']);
    expect(practice.byKind.map((k) => `${k.kind} ${k.latest?.drill.date ?? '-'}`)).toEqual(['failure 2026-10-05', 'rerun -', 'messy-input -', 'weak-output -', 'escalate -']);
    // 5 Oct + 180d
    expect([practice.due, practice.days, practice.passed, practice.failed, practice.slow]).toEqual(['2027-04-03', 132, true, [], null]);
  });

  it('drill-failed only while no later drill of that kind passed; drill-slow reads the latest failure or escalate drill', async () => {
    const failedThenPassed = await practiceOf(`drills:\n${[drill('2026-10-01', 'rerun', 'sam', 'outcome: fail'), drill('2026-10-02', 'rerun', 'sam')].join('\n')}`);
    expect(failedThenPassed.gaps).toEqual([]);
    const passedThenFailed = await practiceOf(`drills:\n${[drill('2026-10-01', 'rerun', 'sam'), drill('2026-10-02', 'rerun', 'sam', 'outcome: fail')].join('\n')}`);
    expect(passedThenFailed.gaps).toEqual(['drill-failed drills[1].outcome']);
    // 31 min against 30m is slow; a slow failure drill followed by a quick escalate drill is not.
    const slow = await practiceOf(`drills:\n${drill('2026-10-01', 'failure', 'sam', 'took: 31m, outcome: pass')}`);
    expect(slow.gaps).toEqual(['drill-slow drills[0].took']);
    const onTime = await practiceOf(`drills:\n${[drill('2026-10-01', 'failure', 'sam', 'took: 1h, outcome: pass'), drill('2026-10-02', 'escalate', 'sam', 'took: 30m, outcome: pass')].join('\n')}`);
    expect(onTime.gaps).toEqual([]);
  });

  it('drill-overdue on day 181, not day 180; never-drilled only where drills are needed', async () => {
    // 2026-05-26 + 180d = 2026-11-22, today: due today is not overdue.
    expect((await practiceOf(`drills:\n${drill('2026-05-26', 'failure', 'sam')}`)).gaps).toEqual([]);
    expect((await practiceOf(`drills:\n${drill('2026-05-25', 'failure', 'sam')}`)).gaps).toEqual(['drill-overdue drills[0].date']);
    expect((await practiceOf('')).gaps).toEqual(['never-drilled drills']);
    expect((await practiceOf('', 'experiment')).gaps.filter((g) => g.startsWith('never'))).toEqual([]);
  });

  it('drill-not-practised (production): each of the operations owner and first responder, the kinds they never did', async () => {
    const kinds = ['rerun', 'messy-input', 'weak-output', 'escalate'];
    const { result, gaps } = await practiceOf(
      `drills:\n${[...kinds.map((k) => drill('2026-11-01', k, 'sam')), drill('2026-11-02', 'rerun', 'mei'), drill('2026-11-02', 'failure', 'mei', 'took: 5m, outcome: pass')].join('\n')}`,
      'production',
    );
    expect(gaps.filter((g) => g.startsWith('drill-'))).toEqual(['drill-not-practised owners.responder.primary']);
    expect(result.gaps.find((g) => g.rule === 'drill-not-practised')!.message).toBe(
      'Mei Tan (First responder) has never done drills of kind messy-input, weak-output, escalate; practise each before routine care',
    );
  });

  it('an unknown person in drills.by or alerts.notifies is unknown-person, with did-you-mean', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/x.md': pilot(`drills:\n${drill('2026-11-01', 'failure', 'samm')}\nalerts:\n  - { name: Down, notifies: [sam, suport-ops] }`),
      'runbooks/y.md': pilot('logs: { url: "javascript:alert(1)", keeps: 30d }'),
    });
    expect(result.errors.map((e) => `${e.rule} ${e.field} ${e.hint ?? ''}`)).toEqual([
      "unknown-person drills[0].by did you mean 'sam'?",
      "unknown-person alerts[0].notifies[1] did you mean 'support-ops'?",
      'invalid-value logs.url links from content may only open web pages, mail or a phone number, e.g. https://dash.example.com/refunds; encode spaces as %20',
    ]);
  });
});

describe('the Practice block on the page', () => {
  it('is one contents entry, also when the body has a Practice section of its own', async () => {
    const text = pilot(`drills:\n${drill('2026-11-01', 'failure', 'sam')}`).replace('## Purpose', '## Practice\n\nTwice a year.\n\n## Purpose');
    const result = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': text });
    const ctx = renderContext(result, '', { css: [], js: [], mermaid: '' });
    const view = pageTable(ctx).get('runbooks/x/index.html')!().view as RunbookView;
    expect(view.practice.show).toBe(true);
    expect(view.toc.filter((entry) => entry.text === 'Practice')).toEqual([{ href: `#${view.ids.practice}`, text: 'Practice' }]);
    expect(view.toc.map((entry) => entry.text)).toContain('Purpose');
  });
});

describe('cost drift', () => {
  const config = configSchema.parse({}).drift;
  const series = (values: number[]) => values.map((value, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, metric: 'Cost', value }));

  it('compares the latest value with the mean of up to drift.window values before it', () => {
    // Ten values: the mean is over the eight before the latest (the first is outside the window).
    const drift = driftOf(series([9, 1, 1, 1, 1, 1, 1, 1, 1, 1.3]), config)!;
    expect(drift).toEqual({ mean: 1, over: 8, since: '2026-11-02', percent: expect.closeTo(30, 6), drifting: true });
    expect(driftOf(series([1, 1, 1.25]), config)).toMatchObject({ over: 2, drifting: false });
    expect(driftOf(series([1, 1, 1.26]), config)).toMatchObject({ over: 2, drifting: true });
  });

  it('needs two earlier values, and a mean above zero', () => {
    expect(driftOf(series([1, 2]), config)).toBeNull();
    expect(driftOf(series([0, 0, 5]), config)).toBeNull();
  });

  it('is a cost-drift gap only for cost metrics, and the chart marks it', async () => {
    const csv = `date,metric,value\n${['0.030', '0.030', '0.031', '0.039'].map((v, i) => `2026-11-1${i},Cost per draft,${v}\n2026-11-1${i},Kept,${v}`).join('\n')}\n`;
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/x.md': pilot(`drills:\n${drill('2026-11-01', 'failure', 'sam')}\nmetrics:\n  - { name: Cost per draft, kind: cost, target: "<= 0.04", unit: USD }\n  - { name: Kept, kind: quality, target: "<= 0.04" }`),
      'metrics/x.csv': csv,
    });
    expect(result.gaps.filter((g) => g.rule === 'cost-drift').map((g) => `${g.rule} ${g.field}: ${g.message}`)).toEqual([
      'cost-drift metrics[0].name: Cost per draft was 0.039 USD on 13 Nov 2026, 29% above the mean of the 3 values before it (0.0303 USD), even inside its target; find out what got dearer',
    ]);
    const ctx = renderContext(result, '', { css: [], js: [], mermaid: '' });
    const cards = (pageTable(ctx).get('runbooks/x/index.html')!().view as RunbookView).metrics;
    // The cost's sparkline draws the mean it drifted from and labels the rise; the quality metric's does not.
    expect(cards[0]!.chart).toContain('class="chart-drift-mean"');
    expect(cards[0]!.chart).toContain('>+29%</text>');
    expect(cards[0]!.chart).toContain('29% above the mean of the 3 values before it');
    expect(cards[0]!.drift).toBe('29% above the mean of the 3 values before it (0.0303 USD)');
    expect(cards[1]!.chart).not.toContain('chart-drift');
    expect(cards[1]!.drift).toBe('');
  });
});

describe('people/<id>/reviews.ics', () => {
  it('holds the reviews a person runs and the drills due where they care for the workflow, parsed with ical.js', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/x.md': pilot(`review: { last: 2026-10-01, every: 90d }\ndrills:\n${drill('2026-06-01', 'failure', 'sam')}`),
    });
    const person = (id: string) => result.site.person.get(id)!;
    const events = (id: string) =>
      new ICAL.Component(ICAL.parse(personIcs(result.site, result.facts, person(id), 'https://runbooks.example.com/')))
        .getAllSubcomponents('vevent')
        .map((c) => new ICAL.Event(c))
        .map((e) => `${e.startDate.toString()} ${e.summary} ${e.uid}`);
    // Sam runs the review (operations owner) and, as operations owner, is due a drill (1 Jun + 180d = 28 Nov).
    expect(events('sam')).toEqual(['2026-11-28 Drill: Refunds drill-x-sam@handover', '2026-12-30 Review: Refunds review-x@handover']);
    // Mei, the first responder, is due the drill too; Ivan (maintainer) has neither.
    expect(events('mei')).toEqual(['2026-11-28 Drill: Refunds drill-x-mei@handover']);
    expect(events('ivan')).toEqual([]);
    const cal = new ICAL.Component(ICAL.parse(personIcs(result.site, result.facts, person('sam'), '')));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Sam Okafor: reviews and drills');
  });
});

describe('the binder', () => {
  it('keeps links inside a runbook working: #anchors and footnotes in Rollback go to the runbook page, and no id repeats', async () => {
    const body = (n: string) =>
      `## Purpose\n\nDrafts ${n}.\n\n## Exceptions\n\n- None.\n\n## Rollback\n\n- [ ] Turn it off; see [exceptions](#exceptions) and a note[^1].\n\n### Restart\n\n- [ ] Turn it on.\n\n[^1]: Told the channel.\n`;
    const site = await writeSite({
      'people.yaml': PEOPLE,
      'runbooks/a.md': runbook('title: A\nsummary: S\nstatus: pilot', body('a')),
      'runbooks/b.md': runbook('title: B\nsummary: S\nstatus: production', body('b')),
      'runbooks/c.md': runbook('title: C\nsummary: S\nstatus: retired', body('c')),
    });
    const out = path.join(site.dir, '..', `${path.basename(site.dir)}-out`);
    try {
      // The build's link check would stop on a link to an anchor the binder does not have.
      const result = await build({ content: site.dir, out, now: '2026-11-22', config: 'site.config.ts', cache: false });
      expect(result.errors).toEqual([]);
      const html = await readFile(path.join(out, 'binder/index.html'), 'utf8');
      expect(html).toContain('href="../runbooks/a/index.html#exceptions"');
      expect(html).toContain('href="../runbooks/b/index.html#user-content-fn-1"');
      expect(html).not.toMatch(/href="#(exceptions|user-content)/);
      const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
      expect(ids.length).toBe(new Set(ids).size);
      // Active runbooks only: the retired one is not in it.
      expect([...html.matchAll(/<section class="binder-entry" id="([^"]*)"/g)].map((m) => m[1])).toEqual(['binder-b', 'binder-a']);
    } finally {
      await site.dispose();
      await rm(out, { recursive: true, force: true });
    }
  });
});
