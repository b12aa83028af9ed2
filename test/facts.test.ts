import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { check, type CheckResult } from '../src/index.ts';
import { checkFiles, PEOPLE, runbook } from './helpers/site.ts';

/** Text of an HTML fragment, tags dropped and spaces collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** The element that starts at `marker` up to its closing `</section>`. */
const section = (html: string, marker: string) => html.slice(html.indexOf(marker), html.indexOf('</section>', html.indexOf(marker)));

describe('facts: availability and the call list', () => {
  let result: CheckResult;
  beforeAll(async () => {
    const people = PEOPLE.replace('    name: Sam Okafor\n', '    name: Sam Okafor\n    away:\n      - { from: 2026-11-20, to: 2026-11-24 }\n      - { from: 2026-11-25, to: 2026-11-27 }\n').replace(
      '    name: Ivan Petrov\n',
      '    name: Ivan Petrov\n    away:\n      - { from: 2026-12-10, to: 2026-12-12 }\n',
    );
    result = await checkFiles({
      'people.yaml': people,
      'runbooks/levels.md': runbook(
        'title: L\nsummary: S\nstatus: pilot\nowners:\n  responder: { primary: sam, backup: ivan }\n  operations: { primary: dana }\nescalation:\n  response_target: 30m\n  levels:\n    - { after: 0m, notify: [sam] }\n    - { after: 30m, notify: [ivan, support-ops] }\nfallback:\n  - { when: Legal threats, to: responder }\n',
      ),
      'runbooks/roles.md': runbook('title: R\nsummary: S\nstatus: pilot\nowners:\n  responder: { primary: sam, backup: mei }\n'),
      'runbooks/maintainer-only.md': runbook('title: M\nsummary: S\nstatus: experiment\nowners:\n  maintainer: { primary: mei }\nreview: { next: 2026-12-20 }\n'),
    });
    expect(result.errors).toEqual([]);
  });

  it('tells away today (until the end of back-to-back leave) from away later and from available', () => {
    expect(result.facts.people.get('sam')!.availability).toEqual({ state: 'away-now', until: '2026-11-27', note: '' });
    expect(result.facts.people.get('ivan')!.availability).toEqual({ state: 'away-soon', from: '2026-12-10', until: '2026-12-12', note: '' });
    expect(result.facts.people.get('dana')!.availability).toEqual({ state: 'available' });
  });

  it('lists the escalation levels in order and names who to call instead of someone away today', () => {
    const { calls } = result.facts.workflows.get('levels')!;
    expect(calls.source).toBe('escalation');
    expect(calls.steps.map((s) => [s.level, s.afterMinutes, s.entries.map((e) => e.holder.id)])).toEqual([
      [1, 0, ['sam']],
      [2, 30, ['ivan', 'support-ops']],
    ]);
    // Ivan is away only later, so he is called as usual; Sam is away today, so the next one who can be reached is named.
    expect(calls.steps[0]!.entries[0]!.instead?.id).toBe('ivan');
    expect(calls.steps[1]!.entries[0]!.instead).toBeUndefined();
    expect(calls.steps[0]!.entries[0]!.roles).toEqual(['First responder']);
    expect(result.facts.workflows.get('levels')!.fallback[0]).toMatchObject({ role: 'First responder', holder: { id: 'sam' }, instead: { id: 'ivan' } });
  });

  it('without levels, calls the first duties.call role held: primary, then its backup if no answer', () => {
    const { calls } = result.facts.workflows.get('roles')!;
    expect(calls.source).toBe('roles');
    expect(calls.steps.map((s) => [s.afterMinutes, s.entries.map((e) => e.holder.id)])).toEqual([
      [0, ['sam']],
      [null, ['mei']],
    ]);
    expect(calls.steps[0]!.entries[0]!.instead?.id).toBe('mei');
  });

  it('names who runs a review even when the usual role is not held (a maintainer-only experiment)', () => {
    const { review, care } = result.facts.workflows.get('maintainer-only')!;
    expect(review).toMatchObject({ due: '2026-12-20', state: 'ok', runner: { person: 'mei', role: 'Maintainer' } });
    expect(care).toMatchObject({ role: 'Maintainer', holder: { id: 'mei' } });
    expect(result.facts.people.get('mei')!.reviews.map((r) => r.workflow.id)).toEqual(['maintainer-only']);
  });
});

/** The example site, built as of each date: pages, feeds and the audit must give the same answers. */
describe('one answer everywhere: pages, report.json, ownership.json and the audit agree', () => {
  // Before the last metric observation (16 Nov), inside Mei's and Felix's leave (1 Dec), and later.
  const DATES = ['2026-10-30', '2026-12-01', '2026-12-10'];
  const out = new Map<string, string>();
  const roots: string[] = [];
  const checks = new Map<string, CheckResult>();
  beforeAll(async () => {
    for (const now of DATES) {
      const dir = await mkdtemp(path.join(os.tmpdir(), `handover-facts-${now}-`));
      roots.push(dir);
      const result = await build({ content: 'content', now, out: path.join(dir, 'site'), cache: false });
      expect(result.errors).toEqual([]);
      out.set(now, path.join(dir, 'site'));
      checks.set(now, result);
    }
  });
  afterAll(async () => {
    for (const dir of roots) await rm(dir, { recursive: true, force: true });
  });
  const read = (now: string, file: string) => readFile(path.join(out.get(now)!, file), 'utf8');

  it.each(DATES)('metric states as of %s: report.json, the audit, the runbook page and the home row', async (now) => {
    const report = JSON.parse(await read(now, 'report.json'));
    const home = await read(now, 'index.html');
    for (const w of report.workflows) {
      const missed = w.metrics.filter((m: { state: string }) => m.state === 'missed').length;
      const offTarget = checks.get(now)!.gaps.filter((g) => g.workflow === w.id && g.rule === 'metric-off-target').length;
      expect(offTarget, w.id).toBe(w.status === 'retired' ? 0 : missed);
      const page = await read(now, `runbooks/${w.id}/index.html`);
      expect((section(page, 'id="health"').match(/✗ <\/span>off target/g) ?? []).length, w.id).toBe(missed);
      const row = home.slice(home.indexOf(`href="runbooks/${w.id}/index.html"`), home.indexOf('</tr>', home.indexOf(`href="runbooks/${w.id}/index.html"`)));
      if (w.status !== 'retired') expect(text(row).includes(`metrics ${missed} off target`), w.id).toBe(missed > 0);
    }
  });

  it('the off-target metric of Dispute reply drafts appears only once it is observed', async () => {
    const states = await Promise.all(DATES.map(async (now) => JSON.parse(await read(now, 'report.json')).workflows.find((w: { id: string }) => w.id === 'finance/dispute-replies')));
    expect(states.map((w) => w.metrics[1].state)).toEqual(['met', 'missed', 'missed']);
    expect(states[0].metrics[1].latest).toEqual({ date: '2026-10-26', value: 72.1 });
  });

  it.each(DATES)('who to call as of %s: ownership.json and report.json carry the call card, the text list and the diagram', async (now) => {
    const ownership = JSON.parse(await read(now, 'ownership.json'));
    const report = JSON.parse(await read(now, 'report.json'));
    for (const w of ownership.workflows) {
      expect(w.call, w.id).toEqual(report.workflows.find((r: { id: string }) => r.id === w.id).call);
      const page = await read(now, `runbooks/${w.id}/index.html`);
      const card = section(page, 'id="call-now"');
      const first = w.call[0]?.notify[0];
      if (!first) continue;
      // The card's first name is the list's first entry, marked away exactly when it cannot be reached today.
      expect(text(/<strong class="who-name">([\s\S]*?)<\/strong>/.exec(card)![1]!), w.id).toContain(first.kind === 'team' ? `${first.name} (team)` : first.name);
      const firstWho = card.slice(card.indexOf('<div class="who'), card.indexOf('</div>', card.indexOf('<div class="who')));
      expect(firstWho.includes('away now, until'), w.id).toBe(first.available === false && !first.left);
      if (first.instead) expect(text(firstWho), w.id).toContain(`Call instead ${first.instead.name}`);
      const diagram = /<pre class="mermaid">([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '';
      const levels = /<ol class="levels">([\s\S]*?)<\/ol>/.exec(page)?.[1] ?? '';
      for (const step of w.call)
        for (const person of step.notify) {
          if (levels) expect(text(levels), `${w.id} ${person.id}`).toContain(person.name);
          if (diagram && person.away_until && person.available === false)
            expect(diagram, `${w.id} ${person.id}`).toContain(`${person.name} &lt;small&gt;(away now, until`);
        }
    }
  });

  it('on 1 Dec, level 2 of Dispute reply drafts marks Mei away now and the card names who to call instead', async () => {
    const report = JSON.parse(await read('2026-12-01', 'report.json'));
    const disputes = report.workflows.find((w: { id: string }) => w.id === 'finance/dispute-replies');
    expect(disputes.call[1].notify.map((p: { id: string; available: boolean }) => [p.id, p.available])).toEqual([
      ['grace', true],
      ['mei', false],
    ]);
    const page = await read('2026-12-01', 'runbooks/finance/dispute-replies/index.html');
    const card = text(section(page, 'id="call-now"'));
    expect(card).toContain('Then, no answer in 30 min Grace Mensah');
    expect(card).toMatch(/Mei Chen ✈ away now, until 4 Dec Maintainer Call instead Omar Haddad/);
    // The card never names a backup the escalation path does not call.
    expect(card).not.toContain('Tomas Reyes');
    const later = JSON.parse(await read('2026-12-10', 'report.json')).workflows.find((w: { id: string }) => w.id === 'finance/dispute-replies');
    expect(later.call[1].notify[1]).toMatchObject({ id: 'mei', available: true });
  });

  it.each(DATES)('who runs each review as of %s: report.json, the report calendar, person pages and the home list', async (now) => {
    const report = JSON.parse(await read(now, 'report.json'));
    const reportPage = await read(now, 'report/index.html');
    const home = await read(now, 'index.html');
    for (const w of report.workflows.filter((x: { review: { due: string | null } }) => x.review.due)) {
      const runner = w.review.runner;
      expect(runner, w.id).not.toBeNull();
      const person = await read(now, `people/${runner.id}/index.html`);
      expect(section(person, 'id="reviews-h"'), w.id).toContain(`runbooks/${w.id}/index.html`);
      const name = checks.get(now)!.site.person.get(runner.id)!.name;
      const item = reportPage.indexOf(`href="../runbooks/${w.id}/index.html">`, reportPage.indexOf('id="reviews"'));
      if (item > 0) expect(text(reportPage.slice(item, reportPage.indexOf('</li>', item))), w.id).toContain(name);
      if (['overdue', 'decide-overdue', 'soon'].includes(w.review.state)) {
        const todo = home.indexOf(`href="runbooks/${w.id}/index.html"`, home.indexOf('id="reviews-h"'));
        expect(text(home.slice(todo, home.indexOf('</li>', todo))), w.id).toContain(name);
      }
    }
  });

  it('review counts agree: the calendar total, the load table and report.json', async () => {
    for (const now of DATES) {
      const report = JSON.parse(await read(now, 'report.json'));
      const page = await read(now, 'report/index.html');
      const total = Number(/id="cal-h">Reviews in the next 91 days <span class="count-muted">(\d+)</.exec(page)![1]);
      const end = new Date(Date.parse(`${now}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
      expect(total, now).toBe(report.workflows.filter((w: { review: { due: string | null } }) => w.review.due && w.review.due <= end).length);
      const load = section(page, 'id="load"');
      const totals = [...load.matchAll(/<td class="num"><strong>(\d+)<\/strong><\/td>/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(totals, now).toBe(total);
    }
  });
});

describe('a workflow whose facts need the check', () => {
  it('audit and facts share one review state: one review finding at most', async () => {
    const result = await check({ content: 'content', now: '2026-12-01' });
    for (const [id, facts] of result.facts.workflows) {
      const review = result.gaps.filter((g) => g.workflow === id && ['review-overdue', 'review-due-soon', 'experiment-overdue', 'missing-review'].includes(g.rule));
      const expected = { overdue: 'review-overdue', soon: 'review-due-soon', 'decide-overdue': 'experiment-overdue', missing: 'missing-review' }[facts.review.state as string];
      expect(review.map((g) => g.rule), id).toEqual(expected ? [expected] : []);
      expect(facts.gaps.map((g) => g.gap), id).toEqual(result.gaps.filter((g) => g.workflow === id));
    }
  });
});
