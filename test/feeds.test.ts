import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../src/index.ts';
import { foldLine, icsText, reviewsIcs } from '../src/render/feeds/ics.ts';
import { ownershipCsv, ownershipJson, safeCell } from '../src/render/feeds/ownership.ts';
import { reportJson } from '../src/render/feeds/report.ts';
import { checkFiles, NOW, PEOPLE, runbook } from './helpers/site.ts';

let example: CheckResult;
let hostile: CheckResult;

const HOSTILE_PEOPLE = PEOPLE.replace('name: Sam Okafor', 'name: "=HYPERLINK(\\"http://x\\",\\"y\\")"').replace('name: Mei Tan', 'name: "@SUM(1,2)"');
const LONG_TITLE = 'Réponses aux litiges; factures, avoirs\\ et remboursements — un titre très long qui dépasse largement soixante-quinze octets';

beforeAll(async () => {
  example = await check({ content: 'content', now: NOW });
  hostile = await checkFiles({
    'people.yaml': HOSTILE_PEOPLE,
    'runbooks/a/long.md': runbook(`title: '${LONG_TITLE}'\nsummary: S\nstatus: pilot\nteam: support-ops\nowners:\n  operations: { primary: sam, backup: mei }\nreview: { last: 2026-10-01, by: sam, every: 30d }`),
    'runbooks/b/formula.md': runbook('title: "-2+3, \\"quoted\\"\\nline"\nsummary: S\nstatus: experiment\nreview: { next: 2026-12-31 }'),
    'runbooks/c/retired.md': runbook('title: Old\nsummary: S\nstatus: retired\nreview: { next: 2026-12-01 }'),
  });
  expect([example.errors, hostile.errors]).toEqual([[], []]);
});

describe('reportJson', () => {
  it('lists every workflow in id order with its gaps, in the spec shape', () => {
    const report = JSON.parse(reportJson(example.site, example.facts, example.root));
    expect(Object.keys(report)).toEqual(['generated', 'history', 'workflows']);
    expect(report.history).toBe('none');
    expect(report.generated).toBe(NOW);
    expect(report.workflows.map((w: { id: string }) => w.id)).toEqual(example.site.workflows.map((w) => w.id));
    const disputes = report.workflows.find((w: { id: string }) => w.id === 'finance/dispute-replies');
    expect(Object.keys(disputes)).toEqual(['id', 'title', 'status', 'team', 'gaps', 'review', 'metrics', 'call', 'readiness', 'practice', 'changed']);
    expect(disputes).toMatchObject({ title: 'Dispute reply drafts', status: 'production', team: 'finance-ops' });
    expect(disputes.gaps).toEqual([
      expect.objectContaining({ rule: 'metric-off-target', field: 'metrics[1].target', line: 37 }),
      expect.objectContaining({ rule: 'drill-slow', field: 'drills[0].took' }),
    ]);
    // The checklist, the drills and (without git) no change facts.
    expect(disputes.readiness).toMatchObject({ done: 9, total: 9, ready: '9/9' });
    expect(disputes.practice).toMatchObject({ drills: 5, latest: { date: '2026-11-03', kind: 'failure', by: 'nia', took_minutes: 45, outcome: 'pass' }, due: '2027-05-02', unpractised: [] });
    expect(disputes.practice.by_kind.escalate).toEqual({ date: '2026-10-09', kind: 'escalate', by: 'nia', took_minutes: 10, outcome: 'pass' });
    expect(disputes.changed).toBeNull();
    const notes = report.workflows.find((w: { id: string }) => w.id === 'sales/meeting-notes');
    expect(notes.metrics.find((m: { name: string }) => m.name === 'Cost per call summary')).toMatchObject({ stale: false, drift: { over: 7, percent: 36, drifting: true } });
    const total = report.workflows.reduce((n: number, w: { gaps: unknown[] }) => n + w.gaps.length, 0);
    expect(total).toBe(example.gaps.length);
    expect(report.workflows.some((w: { gaps: unknown[] }) => w.gaps.length === 0)).toBe(true);
  });

  it('gives a null team and the same bytes on every run', () => {
    const once = reportJson(hostile.site, hostile.facts, hostile.root);
    expect(once).toBe(reportJson(hostile.site, hostile.facts, hostile.root));
    expect(JSON.parse(once).workflows.find((w: { id: string }) => w.id === 'c/retired').team).toBeNull();
  });
});

describe('ownershipJson', () => {
  it('has the roles in config order and every role of every workflow, null where nobody holds it', () => {
    const data = JSON.parse(ownershipJson(example.site, example.facts));
    expect(Object.keys(data)).toEqual(['generated', 'roles', 'workflows']);
    expect(data.roles).toEqual(Object.entries(example.site.config.roles).map(([id, label]) => ({ id, label })));
    const disputes = data.workflows.find((w: { id: string }) => w.id === 'finance/dispute-replies');
    expect(Object.keys(disputes.owners)).toEqual(Object.keys(example.site.config.roles));
    expect(disputes.owners.responder).toEqual({ primary: { id: 'nia', name: 'Nia Brooks' }, backup: { id: 'tomas', name: 'Tomas Reyes' } });
    const long = JSON.parse(ownershipJson(hostile.site, hostile.facts)).workflows[0];
    expect(long.owners.business).toEqual({ primary: null, backup: null });
  });
});

describe('ownershipCsv', () => {
  it('has one row per workflow and role, RFC 4180 quoted with CRLF', () => {
    const csv = ownershipCsv(example.site, example.facts);
    expect(csv.split('\r\n')[0]).toBe('workflow,title,status,team,role,primary,primary_name,backup,backup_name');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(example.site.workflows.length * Object.keys(example.site.config.roles).length);
    expect(rows).toContainEqual({
      workflow: 'finance/dispute-replies',
      title: 'Dispute reply drafts',
      status: 'production',
      team: 'finance-ops',
      role: 'responder',
      primary: 'nia',
      primary_name: 'Nia Brooks',
      backup: 'tomas',
      backup_name: 'Tomas Reyes',
    });
  });

  it('keeps commas, quotes and newlines inside their cell and defuses formulas', () => {
    const rows = parseCsv(ownershipCsv(hostile.site, hostile.facts), { columns: true }) as Record<string, string>[];
    const operations = rows.find((r) => r.workflow === 'a/long' && r.role === 'operations')!;
    expect(operations.primary_name).toBe(`'=HYPERLINK("http://x","y")`);
    expect(operations.backup_name).toBe(`'@SUM(1,2)`);
    expect(rows.find((r) => r.workflow === 'b/formula')!.title).toBe(`'-2+3, "quoted"\nline`);
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx', 'a=1', '1-2'].map(safeCell)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", 'a=1', '1-2']);
  });
});

describe('reviewsIcs', () => {
  const text = () => reviewsIcs(hostile.site, hostile.facts, 'https://runbooks.example.com/ops/');

  it('parses back as a calendar with one all-day event per workflow that has a review date', () => {
    const calendar = new ICAL.Component(ICAL.parse(text()));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`${hostile.site.config.title}: runbook reviews`);
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => [e.uid, e.startDate.toString(), e.endDate.toString(), e.startDate.isDate])).toEqual([
      ['review-a/long@handover', '2026-10-31', '2026-11-01', true],
      ['review-b/formula@handover', '2026-12-31', '2027-01-01', true],
    ]);
    expect(events[0]!.summary).toBe(`Review: ${LONG_TITLE}`);
    expect(events[1]!.summary).toBe('Review: -2+3, "quoted"\nline');
    expect(events[0]!.description).toBe(
      'Last reviewed 1 Oct 2026 by =HYPERLINK("http://x","y").\nCheck the runbook still matches how the workflow runs, then update review.last.\nRunbook: https://runbooks.example.com/ops/runbooks/a/long/index.html',
    );
    expect(events[1]!.description).toContain('Not reviewed yet.\nDecide: promote this experiment');
    expect(events[0]!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-22T00:00:00Z');
  });

  it('uses CRLF, folds at 75 octets, and stays the same across runs', () => {
    const out = text();
    expect(out).toBe(text());
    expect(out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = out.split('\r\n');
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(out).toContain('SUMMARY:Review: Réponses aux litiges\\; factures\\, avoirs\\\\ et');
  });

  it('links to relative pages without a base', () => {
    expect(reviewsIcs(hostile.site, hostile.facts, '')).toContain('Runbook: runbooks/a/long/index.html');
    expect(reviewsIcs(hostile.site, hostile.facts, '')).not.toContain('URL:');
  });
});

describe('icsText and foldLine', () => {
  it('escape TEXT and fold without splitting characters', () => {
    expect(icsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n').map((l) => Buffer.byteLength(l))).toEqual([74, 55]);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });
});
