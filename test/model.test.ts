import { describe, expect, it } from 'vitest';
import { checkFiles, PEOPLE, runbook } from './helpers/site.ts';

const FM = 'title: Refund reply drafts\nsummary: Drafts replies.\nstatus: experiment\nreview: { next: 2027-01-30 }\n';

/** Errors as `file line:column field rule: hint`, file shown by its name under the content folder. */
async function errorsOf(files: Record<string, string>) {
  const { errors } = await checkFiles(files);
  return errors.map((d) => `${d.file!.replace(/^.*handover-test-[^/]+\//, '')} ${d.line}:${d.column} ${d.field ?? '-'} ${d.rule}: ${d.hint}`);
}

describe('cross-references against people.yaml', () => {
  it('checks every place a runbook names a person, a team or a role', async () => {
    const fm = `${FM}team: ops
owners:
  maintainer: { primary: ivna, backup: mei }
handover: { first_week: meii }
review: { next: 2027-01-30, by: sma }
escalation:
  levels:
    - { after: 0m, notify: [sam, support-ops, suport-ops, zed] }
fallback:
  - { when: Legal threats, to: responder }
  - { when: Fraud, to: dana }
  - { when: Tax, to: support-ops }
`.replace('review: { next: 2027-01-30 }\n', '');
    expect(await errorsOf({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(fm) })).toEqual([
      "runbooks/x.md 5:7 team unknown-team: known team ids: support-ops",
      "runbooks/x.md 7:26 owners.maintainer.primary unknown-person: did you mean 'ivan'?",
      "runbooks/x.md 8:25 handover.first_week unknown-person: did you mean 'mei'?",
      "runbooks/x.md 9:33 review.by unknown-person: did you mean 'sam'?",
      "runbooks/x.md 12:47 escalation.levels[0].notify[2] unknown-person: did you mean 'support-ops'?",
      "runbooks/x.md 12:59 escalation.levels[0].notify[3] unknown-person: known person or team ids: dana, ivan, mei, sam, support-ops",
      'runbooks/x.md 16:22 fallback[2].to unknown-person: roles: business, operations, approver, maintainer, responder; or a person id from people.yaml',
    ]);
  });

  it('people.yaml: a person in an unknown team, a team led by an unknown person, ids used twice', async () => {
    const people = `${PEOPLE}  - id: mei\n    name: Mei Tan (again)\n    team: suport-ops\n`.replace('lead: dana', 'lead: dnaa');
    expect(await errorsOf({ 'people.yaml': people })).toEqual([
      "people.yaml 4:11 teams[0].lead unknown-person: did you mean 'dana'?",
      'people.yaml 16:9 people[4].id duplicate-id: the first one is on line 14; ids must be unique',
      "people.yaml 18:11 people[4].team unknown-team: did you mean 'support-ops'?",
    ]);
  });

  it('one id must not name both a person and a team', async () => {
    const people = `${PEOPLE.replace('teams:\n', 'teams:\n  - id: sam\n    name: Sam team\n')}`;
    expect(await errorsOf({ 'people.yaml': people })).toEqual(['people.yaml 2:9 teams[0].id duplicate-id: escalation and links could not tell which is meant; the person is on line 11']);
  });

  it('a broken people.yaml reports its own errors and does not make every id in every runbook look unknown', async () => {
    const files = { 'people.yaml': PEOPLE.replace('name: Ivan Petrov', 'name: [Ivan]'), 'runbooks/x.md': runbook(`${FM}owners:\n  maintainer: { primary: ivan, backup: mei }\n`) };
    expect(await errorsOf(files)).toEqual(['people.yaml 13:11 people[2].name invalid-value: write text; quote it if it looks like a number or a date']);
  });

  it('runbook ids that differ only in case are a duplicate-id', async () => {
    const files = { 'people.yaml': PEOPLE, 'runbooks/billing/Refunds.md': runbook(FM), 'runbooks/billing/refunds.md': runbook(FM) };
    expect(await errorsOf(files)).toEqual(['runbooks/billing/refunds.md 1:1 - duplicate-id: their pages would overwrite each other on case-insensitive file systems (macOS, Windows)']);
  });
});

describe('the Site', () => {
  it('holds workflows sorted by id, with their observations sorted by date and their metrics file', async () => {
    const withMetric = runbook(`${FM}metrics:\n  - { name: Cost, kind: cost, target: "<= 1" }\n`);
    const { site, errors } = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/b/second.md': withMetric,
      'runbooks/a.md': runbook(FM),
      'metrics/b/second.csv': 'date,metric,value\n2026-11-08,Cost,0.5\n2026-11-01,Cost,0.25\n',
    });
    expect(errors).toEqual([]);
    expect(site.workflows.map((w) => w.id)).toEqual(['a', 'b/second']);
    expect(site.workflows[1]!.observations).toEqual([
      { date: '2026-11-01', metric: 'Cost', value: 0.25 },
      { date: '2026-11-08', metric: 'Cost', value: 0.5 },
    ]);
    expect(site.workflows[1]!.metricsFile).toMatch(/metrics\/b\/second\.csv$/);
    expect(site.person.get('dana')?.name).toBe('Dana Whitfield');
    expect(site.team.get('support-ops')?.lead).toBe('dana');
  });

  it('fills defaults: empty lists, owners, extra, contact and active', async () => {
    const { site } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/a.md': runbook(FM) });
    expect(site.workflows[0]!.fm).toMatchObject({ tags: [], owners: {}, inputs: [], outputs: [], metrics: [], fallback: [], changes: {}, extra: {} });
    expect(site.person.get('ivan')).toEqual({ id: 'ivan', name: 'Ivan Petrov', contact: {}, away: [], active: true });
  });

  it('a metrics CSV for a runbook that has errors waits for the fix, instead of claiming the runbook does not exist', async () => {
    const files = { 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(`${FM}statu: pilot\n`), 'metrics/x.csv': 'date,metric,value\n' };
    expect((await checkFiles(files)).errors.map((d) => d.rule)).toEqual(['unknown-field']);
  });

  it('a metrics CSV with no runbook at all is unknown-workflow, with the nearest id', async () => {
    const files = { 'people.yaml': PEOPLE, 'runbooks/billing/refunds.md': runbook(FM), 'metrics/billing/refund.csv': 'date,metric,value\n' };
    expect(await errorsOf(files)).toEqual(["metrics/billing/refund.csv 1:1 - unknown-workflow: did you mean 'billing/refunds'?"]);
  });
});
