import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { readHistory, SHALLOW_NOTE } from '../src/facts/history.ts';
import { feedFiles, pageTable } from '../src/render/registry.ts';
import { renderPageBatches } from '../src/render/render.ts';
import { renderContext } from '../src/render/types.ts';
import { git, gitRepo, type FixtureCommit } from './helpers/git.ts';

const run = promisify(execFile);
const NOW = '2026-11-22';
const THEME = { css: [], js: [], mermaid: '' };

const PEOPLE = `people:
  - id: dana
    name: Dana Whitfield
    contact: { email: Dana@Example.com }
  - id: sam
    name: Sam Okafor
`;

/** A production runbook complete in every way, so the only finding history can add is moving-target. */
const RUNBOOK = `---
title: Refund reply drafts
summary: Drafts replies to refund tickets.
status: production
version: 2026-10-01
owners:
  business:   { primary: dana, backup: sam }
  operations: { primary: sam,  backup: dana }
  approver:   { primary: dana, backup: sam }
  maintainer: { primary: dana, backup: sam }
  responder:  { primary: sam,  backup: dana }
handover: { date: 2026-10-01, first_week: dana }
review: { last: 2026-11-01, by: sam, every: 90d }
metrics:
  - { name: Cost per draft, kind: cost, target: "<= 0.04", unit: USD }
escalation:
  response_target: 30m
  levels:
    - { after: 0m, notify: [sam] }
fallback:
  - { when: Legal threats, to: responder }
drills:
${['failure', 'rerun', 'messy-input', 'weak-output', 'escalate'].map((kind) => `  - { date: 2026-11-02, kind: ${kind}, scenario: Practice, by: sam, took: 10m, outcome: pass }`).join('\n')}
logs: { url: https://logs.example.com/refunds, keeps: 30d }
alerts:
  - { name: Draft job failed, fires_when: a run ends in error, notifies: [sam] }
---

## Purpose

Drafts replies.

## Normal process

1. Draft.

## Exceptions

- None.

## Escalation

See above.

## Rollback

- [ ] Turn it off.
`;

const FILES = { 'people.yaml': PEOPLE, 'runbooks/support/refunds.md': RUNBOOK, 'runbooks/support/triage.md': RUNBOOK.replace('title: Refund reply drafts', 'title: Ticket triage') };

/** `n` commits to the refunds runbook, a day apart from `from`, by Dana (her email in another case) or Sam. */
function commits(from: number, n: number, month = '11'): FixtureCommit[] {
  return Array.from({ length: n }, (_, i) => ({
    date: `2026-${month}-${String(from + i).padStart(2, '0')}T10:00:00Z`,
    name: i % 2 ? 'Sam O' : 'Dana W',
    email: i % 2 ? 'sam@elsewhere.example' : 'dana@example.com',
    subject: `Change ${i + 1}`,
    // Change 3 moves the runbook to version 2026-11-12, which the later changes keep.
    files: { 'runbooks/support/refunds.md': RUNBOOK.replace('Drafts replies.\n\n## Normal', `Drafts replies (rev ${i + 1}).\n\n## Normal`).replace('version: 2026-10-01', i >= 2 ? 'version: "2026-11-12"  # new prompt' : 'version: 2026-10-01') },
  }));
}

let dir: string;
/** The repository, its shallow clone, and a plain folder. */
let repo: string;
let shallow: string;
let plain: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-history-'));
  repo = path.join(dir, 'repo');
  shallow = path.join(dir, 'shallow');
  plain = path.join(dir, 'plain');
  for (const folder of [repo, plain, path.join(repo, 'runbooks/support'), path.join(plain, 'runbooks/support')]) await mkdir(folder, { recursive: true });
  const first: FixtureCommit = { date: '2026-10-01T09:00:00Z', name: 'Dana W', email: 'dana@example.com', subject: 'Add the runbooks', files: FILES };
  // Six changes from 10 to 15 Nov (inside 14 days of 22 Nov), then one dated after --now.
  gitRepo(repo, FILES, [first, ...commits(10, 6), { ...commits(25, 1)[0]!, subject: 'Tomorrow' }], 'runbooks/support/refunds.md');
  git(dir, ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
  for (const [name, text] of Object.entries(FILES)) await writeFile(path.join(plain, name), text);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const head = (args: string[]) => git(repo, ['log', ...args, '--format=%H %s']).trim().split('\n');

describe('change churn from git', () => {
  it('reads each runbook\'s commits up to --now: the last change, who, the hash, and how many in the window', async () => {
    const result = await check({ content: repo, now: NOW, config: 'site.config.ts', history: true });
    expect(result.errors).toEqual([]);
    expect(result.facts.history).toEqual({ state: 'git', note: null });
    const refunds = result.facts.workflows.get('support/refunds')!.churn!;
    const [tomorrow, last] = head(['-2']);
    expect(tomorrow).toMatch(/ Tomorrow$/);
    // The commit dated after --now does not exist yet; the last one is Dana's sixth... change 6 is Sam's.
    expect(refunds.last).toMatchObject({ hash: last!.split(' ')[0], short: last!.slice(0, 7), date: '2026-11-15', subject: 'Change 6', author: { name: 'Sam O', person: null } });
    expect(refunds.commits.map((c) => c.subject)).toEqual(['Change 6', 'Change 5', 'Change 4', 'Change 3', 'Change 2', 'Change 1', 'Add the runbooks']);
    // An author whose email is a person's in people.yaml (any case) is that person.
    expect(refunds.commits[1]!.author).toEqual({ name: 'Dana W', email: 'dana@example.com', person: 'dana' });
    expect(refunds).toMatchObject({ recent: 6, since: '2026-11-09' });
    expect(result.facts.workflows.get('support/triage')!.churn).toMatchObject({ recent: 0, commits: [{ subject: 'Add the runbooks' }] });
    // Six changes in 14 days is more than churn.max (5): operators would inherit a moving target.
    expect(result.gaps.map((g) => `${g.rule} ${g.workflow} ${g.field}: ${g.message}`)).toEqual([
      'moving-target support/refunds status: changed 6 times since 9 Nov 2026 (more than 5 in 14 days, by git history); operators would inherit a moving target, so let it settle first',
    ]);
  });

  it('counts only the window: two days later, five of the six are still inside it, which is fine', async () => {
    const result = await check({ content: repo, now: '2026-11-24', config: 'site.config.ts', history: true });
    expect(result.facts.workflows.get('support/refunds')!.churn!.recent).toBe(5);
    expect(result.gaps.filter((g) => g.rule === 'moving-target')).toEqual([]);
  });

  it('shows the last change beside the attested review, on the page and in report.json, the same bytes each time', async () => {
    const result = await check({ content: repo, now: NOW, config: 'site.config.ts', history: true });
    const ctx = renderContext(result, 'https://runbooks.example.com/', THEME);
    const make = pageTable(ctx).get('runbooks/support/refunds/index.html')!;
    const html = [...renderPageBatches(ctx, Infinity)].flat().find((f) => f.path === 'runbooks/support/refunds/index.html')!.content as string;
    expect(make().view).toBeTruthy();
    const short = head(['-2'])[1]!.slice(0, 7);
    const text = html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain(`Last changed 15 Nov 2026 by Sam O (${short}): Change 6 · 6 changes in the last 14 days`);
    const report = JSON.parse(feedFiles(ctx).find((f) => f.path === 'report.json')!.content);
    expect(report.history).toBe('git');
    expect(report.workflows.find((w: { id: string }) => w.id === 'support/refunds').changed).toEqual({ date: '2026-11-15', author: 'Sam O', person: null, commit: short, recent: 6, since: '2026-11-09' });
    const again = renderContext(await check({ content: repo, now: NOW, config: 'site.config.ts', history: true }), 'https://runbooks.example.com/', THEME);
    expect(feedFiles(again).map((f) => f.content)).toEqual(feedFiles(ctx).map((f) => f.content));
  });

  it('lists commits and dated versions, newest first, on the changes page and in changes.xml (Atom, parsed)', async () => {
    const result = await check({ content: repo, now: NOW, config: 'site.config.ts', history: true });
    // Version changes come from the commits that set `version:` (quotes and comments read as YAML).
    expect(result.facts.changes.filter((c) => c.kind === 'version').map((c) => `${c.date} ${c.workflows[0]!.id} ${c.kind === 'version' ? c.version : ''} ${c.commit?.subject}`)).toEqual([
      '2026-11-12 support/refunds 2026-11-12 Change 3',
      '2026-10-01 support/refunds 2026-10-01 Add the runbooks',
      '2026-10-01 support/triage 2026-10-01 Add the runbooks',
    ]);
    const ctx = renderContext(result, 'https://runbooks.example.com/', THEME);
    const xml = feedFiles(ctx).find((f) => f.path === 'changes.xml')!.content;
    const atom = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(atom['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(atom.title).toBe('Northwind Ledger runbooks: what changed');
    expect(atom.updated).toBe('2026-11-15T00:00:00.000Z');
    const entries = atom.entry as { title: { '#text': string; '@_type': string }; updated: string; link: { '@_href': string }; author?: { name: string } }[];
    // type="html": the text is escaped HTML, so a subject like "<b>" would read as text in a feed reader.
    expect(new Set(entries.map((e) => e.title['@_type']))).toEqual(new Set(['html']));
    expect(entries.map((e) => e.title['#text'])).toEqual([
      'Refund reply drafts: Change 6',
      'Refund reply drafts: Change 5',
      'Refund reply drafts: Change 4',
      'Refund reply drafts: Change 3',
      'Refund reply drafts: version 2026-11-12',
      'Refund reply drafts: Change 2',
      'Refund reply drafts: Change 1',
      'Refund reply drafts, Ticket triage: Add the runbooks',
      'Refund reply drafts: version 2026-10-01',
      'Ticket triage: version 2026-10-01',
    ]);
    expect(entries[0]!.link['@_href']).toBe('https://runbooks.example.com/runbooks/support/refunds/index.html');
    expect(entries[1]!.author).toEqual({ name: 'Dana Whitfield' });
    const page = [...renderPageBatches(ctx, Infinity)].flat().find((f) => f.path === 'changes/index.html')!.content as string;
    const text = page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('15 Nov 2026 · commit');
    expect(text.indexOf('Change 6')).toBeLessThan(text.indexOf('Change 1'));
  });
});

describe('reading history once per commit', () => {
  it('reuses the last reading while HEAD is the same commit (a dev edit), and reads again after a commit', async () => {
    const first = await readHistory(repo);
    expect(first.state).toBe('git');
    expect(first.head).toMatch(/^[0-9a-f]{40}$/);
    // A marker reading with the same head comes back as it is: git log did not run again.
    const marker = { state: 'git' as const, note: 'marker', byFile: new Map(), versions: new Map() };
    expect((await readHistory(repo, { head: first.head!, value: marker })).note).toBe('marker');
    // Another head is read afresh.
    expect((await readHistory(repo, { head: '0'.repeat(40), value: marker })).note).toBeNull();
  });
});

describe('a shallow clone, or no repository', () => {
  it('a shallow clone is said once and never counted: no churn, no moving-target', async () => {
    expect(git(shallow, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
    const result = await check({ content: shallow, now: NOW, config: 'site.config.ts', history: true });
    expect(result.errors).toEqual([]);
    expect(result.facts.history).toEqual({ state: 'shallow', note: 'history unavailable: shallow clone; fetch-depth: 0 in CI' });
    expect([...result.facts.workflows.values()].map((w) => w.churn)).toEqual([null, null]);
    expect(result.gaps).toEqual([]);
  });

  it('the CLI says it once in text, as a notice for GitHub, and in the JSON notes', async () => {
    const cli = (...args: string[]) => run('node', ['bin/handover.js', 'check', '--content', shallow, '--now', NOW, ...args], { cwd: path.join(import.meta.dirname, '..'), env: { ...process.env, HANDOVER_HISTORY: '', NO_COLOR: '1' } });
    const text = (await cli()).stdout;
    expect(text.split(SHALLOW_NOTE).length - 1).toBe(1);
    expect(text).toContain(`note: ${SHALLOW_NOTE}`);
    expect((await cli('--format', 'github')).stdout.split('\n')[0]).toBe(`::notice title=history::${SHALLOW_NOTE}`);
    expect(JSON.parse((await cli('--format', 'json')).stdout).notes).toEqual([SHALLOW_NOTE]);
  });

  it('a folder outside any repository has no change facts and no error', async () => {
    const result = await check({ content: plain, now: NOW, config: 'site.config.ts', history: true });
    expect(result.errors).toEqual([]);
    expect(result.facts.history).toEqual({ state: 'none', note: null });
    expect(result.gaps).toEqual([]);
    // Without git, the change list still has the dated versions.
    expect(result.facts.changes.map((c) => `${c.kind} ${c.date} ${c.workflows.map((w) => w.id).join(',')}`)).toEqual(['version 2026-10-01 support/refunds', 'version 2026-10-01 support/triage']);
  });
});

describe('text from git is data', () => {
  it('a commit subject with markup is escaped on the changes page and in changes.xml', async () => {
    const hostile = path.join(dir, 'hostile');
    await mkdir(hostile, { recursive: true });
    const subject = '<img src=x onerror=alert(1)> & ]]> done';
    gitRepo(hostile, FILES, [{ date: '2026-11-01T09:00:00Z', name: 'Eve', email: 'eve@example.com', subject }], 'runbooks/support/refunds.md');
    const ctx = renderContext(await check({ content: hostile, now: NOW, config: 'site.config.ts', history: true }), 'https://runbooks.example.com/', THEME);
    const xml = feedFiles(ctx).find((f) => f.path === 'changes.xml')!.content;
    expect(xml).not.toContain('<img');
    const atom = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    // What a reader renders as HTML is the escaped text: it shows the markup, never runs it.
    expect(atom.entry[0].title['#text']).toBe('Refund reply drafts, Ticket triage: &lt;img src=x onerror=alert(1)&gt; &amp; ]]&gt; done');
    const pages = [...renderPageBatches(ctx, Infinity)].flat();
    for (const file of ['changes/index.html', 'runbooks/support/refunds/index.html']) {
      const html = pages.find((f) => f.path === file)!.content as string;
      expect(html).not.toContain('<img src=x');
      expect(html).toMatch(/&lt;img src(=|&#x3D;)x onerror/);
    }
  });
});
