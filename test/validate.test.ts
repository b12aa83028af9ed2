import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles, checkFixture, fixtures, PEOPLE, runbook } from './helpers/site.ts';

/** Every error rule id the check can raise; each has a fixture folder under test/fixtures/errors/. */
const ERROR_RULES = [
  'backup-is-primary',
  'csv-syntax',
  'duplicate-id',
  'duplicate-key',
  'forbidden-key',
  'invalid-config',
  'invalid-value',
  'missing-field',
  'missing-frontmatter',
  'unclosed-frontmatter',
  'unknown-field',
  'unknown-metric',
  'unknown-person',
  'unknown-team',
  'unknown-workflow',
  'unreadable-file',
  'unsafe-file',
  'yaml-syntax',
];

describe('error fixtures (test/fixtures/errors/<rule>/)', () => {
  it('has one fixture folder per error rule, and no other', () => {
    expect(fixtures('errors').map((f) => f.name)).toEqual(ERROR_RULES);
  });

  for (const { name, dir } of fixtures('errors')) {
    it(`${name}: raises only ${name}, each error placed, worded and hinted as in expected.json`, async () => {
      const found = await checkFixture(dir);
      expect(found.errors.length).toBeGreaterThan(0);
      expect([...new Set(found.errors.map((d) => d.rule))]).toEqual([name]);
      for (const d of found.errors) {
        expect(d.file).toBeTruthy();
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toMatch(/\n/);
        expect(d.hint).toBeTruthy();
      }
      // Golden file: update only on purpose, with `npx vitest run -u`.
      await expect(`${JSON.stringify(found, null, 2)}\n`).toMatchFileSnapshot(path.join(dir, 'expected.json'));
    });
  }
});

const FM = `title: Refund reply drafts
summary: Drafts replies.
status: experiment
review: { next: 2027-01-30 }
owners:
  maintainer: { primary: ivan, backup: mei }
`;

/** Errors of one runbook (runbooks/x.md) next to the shared people.yaml, as `line:column field rule`. */
async function errorsOf(frontmatter: string, files: Record<string, string> = {}) {
  const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(frontmatter), ...files });
  return errors.map((d) => `${d.line}:${d.column} ${d.field ?? '-'} ${d.rule}`);
}

describe('positions point at the offending YAML node inside the .md file', () => {
  it('a list item deep in escalation: escalation.levels[1].notify[1]', async () => {
    const fm = `${FM}escalation:
  levels:
    - after: 0m
      notify: [sam]
    - after: 30m
      notify:
        - ivan
        - dnaa
`;
    // Line 1 is the opening ---, so frontmatter line n is file line n + 1.
    expect(await errorsOf(fm)).toEqual(['15:11 escalation.levels[1].notify[1] unknown-person']);
  });

  it('a flow-sequence item: escalation.levels[0].notify[2]', async () => {
    expect(await errorsOf(`${FM}escalation:\n  levels:\n    - { after: 0m, notify: [sam, ivan, suport-ops] }\n`)).toEqual([
      '10:40 escalation.levels[0].notify[2] unknown-person',
    ]);
  });

  it('a field of a list item: metrics[1].kind', async () => {
    const fm = `${FM}metrics:
  - name: Cost
    kind: cost
  - name: Quality
    kind: qualty
`;
    expect(await errorsOf(fm)).toEqual(['12:11 metrics[1].kind invalid-value']);
  });

  it('a value in a flow map: owners.maintainer.primary', async () => {
    expect(await errorsOf(FM.replace('primary: ivan', 'primary: ivn'))).toEqual(['7:26 owners.maintainer.primary unknown-person']);
  });

  it('an unknown field points at its key, not its value', async () => {
    expect(await errorsOf(`${FM}escalation:\n  levels: []\n  respons_target: 30m\n`)).toEqual(['10:3 escalation.respons_target unknown-field']);
    expect(await errorsOf(FM.replace('{ primary: ivan, backup: mei }', '{ primary: ivan, bakup: mei }'))).toEqual(['7:32 owners.maintainer.bakup unknown-field']);
  });

  it('a missing field points at the map that should hold it', async () => {
    expect(await errorsOf(`${FM}fallback:\n  - when: Legal threats\n  - to: responder\n`)).toEqual(['9:5 fallback[0].to missing-field', '10:5 fallback[1].when missing-field']);
  });

  it('a frontmatter that starts lower (blank lines are not allowed before ---) still maps lines exactly', async () => {
    const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': `---\n\n\n${FM}status2: x\n---\n` });
    expect(errors.map((d) => `${d.line}:${d.column} ${d.field}`)).toEqual(['10:1 status2']);
  });

  it('people.yaml starts at line 1 (no frontmatter fence to skip)', async () => {
    const { errors } = await checkFiles({ 'people.yaml': PEOPLE.replace('    name: Mei Tan\n', '    name: Mei Tan\n    timezone: Europe/Berln\n'), 'runbooks/x.md': runbook(FM) });
    expect(errors.map((d) => `${d.file?.split('/').at(-1)} ${d.line}:${d.column} ${d.field} ${d.rule}`)).toEqual(['people.yaml 16:15 people[3].timezone invalid-value']);
  });
});

describe('messages', () => {
  it('suggest the nearest enum value, field name and id (did you mean)', async () => {
    const { errors } = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/x.md': runbook(`${FM.replace('experiment', 'experimnet')}tag: [a]\nchanges:\n  minor: [maintainr]\n`),
      'runbooks/y.md': runbook(`${FM}team: suport-ops\n`),
    });
    expect(errors.map((d) => `${d.field}: ${d.hint}`)).toMatchInlineSnapshot(`
      [
        "status: did you mean 'experiment'?",
        "tag: did you mean 'tags'?",
        "changes.minor[0]: did you mean 'maintainer'?",
        "team: did you mean 'support-ops'?",
      ]
    `);
  });

  it('an enum value with nothing close lists every allowed value', async () => {
    const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(`${FM}metrics:\n  - { name: Cost, kind: money }\n`) });
    expect(errors[0]).toMatchObject({
      rule: 'invalid-value',
      message: '"metrics[0].kind" is "money"; it must be one of cost, quality, uptime, throughput, cycle-time, exception-rate, approval-delay, fallback-rate, business-impact',
      hint: 'use one of cost, quality, uptime, throughput, cycle-time, exception-rate, approval-delay, fallback-rate, business-impact',
    });
  });

  it('impossible dates, in frontmatter and in people.yaml', async () => {
    const { errors } = await checkFiles({
      'people.yaml': PEOPLE.replace('    name: Mei Tan\n', '    name: Mei Tan\n    away: [{ from: 2026-04-31, to: 2026-05-02 }]\n'),
      'runbooks/x.md': runbook(FM.replace('2027-01-30', '2026-02-29')),
    });
    expect(errors.map((d) => `${d.field}: ${d.message}`)).toEqual([
      'people[3].away[0].from: "people[3].away[0].from" is not a real calendar date; check the month and day',
      'review.next: "review.next" is not a real calendar date; check the month and day',
    ]);
  });

  it('a leap day is a real date', async () => {
    expect(await errorsOf(FM.replace('2027-01-30', '2028-02-29'))).toEqual([]);
  });

  it('durations and targets: each bad value named with its field', async () => {
    const fm = `${FM}review: { every: 3 months }\nmetrics:\n  - { name: A, kind: cost, target: 4 }\n  - { name: B, kind: cost, target: "=< 4" }\n  - { name: C, kind: cost, target: ">= 70" }\n`;
    expect(await errorsOf(fm.replace('review: { next: 2027-01-30 }\n', ''))).toEqual([
      '7:18 review.every invalid-value',
      '9:36 metrics[0].target invalid-value',
      '10:36 metrics[1].target invalid-value',
    ]);
  });

  it('a list where text belongs, and text where a list belongs', async () => {
    const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(`${FM.replace('title: Refund reply drafts', 'title: [a, b]')}inputs: tickets\n`) });
    expect(errors.map((d) => d.message)).toEqual(['"title" must be text, not a list', '"inputs" must be a list, not "tickets"']);
  });

  it('a number or a date where text belongs is kept as text, not an error', async () => {
    expect(await errorsOf(FM.replace('title: Refund reply drafts', 'title: 2026') + 'version: 2026-10-01\ntags: [1, two]\n')).toEqual([]);
  });

  it('the frontmatter must be a map', async () => {
    const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': '---\n- a\n- b\n---\n' });
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'invalid-value', line: 2, column: 1, message: 'the document must be a set of fields (name: value lines), not a list' }),
    ]);
    expect(errors[0]).not.toHaveProperty('field');
  });

  it('an empty frontmatter reports each required field as missing', async () => {
    const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': '---\n---\n\n## Purpose\n\nx\n' });
    expect(errors.map((d) => `${d.rule} ${d.field}: ${d.hint}`)).toMatchInlineSnapshot(`
      [
        "missing-field status: add "status: ...", one of experiment, pilot, production, paused, retired",
        "missing-field summary: add "summary: ..."",
        "missing-field title: add "title: ..."",
      ]
    `);
  });

  it('custom data under extra is never validated', async () => {
    expect(await errorsOf(`${FM}extra:\n  cost_center: CS-114\n  nested: { anything: [1, 2, { deep: true }] }\n`)).toEqual([]);
  });
});
