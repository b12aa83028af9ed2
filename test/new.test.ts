import { mkdtemp, mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runNew } from '../src/commands/new.ts';
import { UserError } from '../src/diagnostic.ts';
import { check } from '../src/index.ts';

const NOW = '2026-11-22';
let dir: string;
let content: string;
let config: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-new-'));
  content = path.join(dir, 'content');
  await mkdir(content);
  await copyFile(new URL('fixtures/new/people.yaml', import.meta.url), path.join(content, 'people.yaml'));
  config = path.join(dir, 'site.config.mjs');
  await writeFile(config, 'export default {};\n');
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const runbook = (id: string) => path.join(content, 'runbooks', `${id}.md`);
const newRunbook = (...args: string[]) => runNew([...args, '--content', content, '--config', config]);
const checkIt = () => check({ content, config, now: NOW });

/** Fills every placeholder the way an author would. */
function fill(text: string): string {
  return text
    .replace('summary: ""', 'summary: Drafts replies to refund tickets.')
    .replace(/^( {2}\w+): \{\}/gm, '$1: { primary: ana, backup: bo }')
    .replace('handover: {}', 'handover: { date: 2026-06-15, first_week: cy }')
    .replace(/^review: \{\}.*$/m, text.includes('status: experiment') ? 'review: { next: 2027-01-15, by: ana }' : 'review: { last: 2026-11-01, by: ana, every: 90d }')
    .replace('metrics: []', 'metrics:\n  - { name: Drafts kept, kind: quality, target: ">= 70", unit: "%" }')
    .replace('  # response_target: 30m', '  response_target: 30m')
    .replace('  levels: []', '  levels:\n    - { after: 0m, notify: [cy] }')
    .replace('fallback: []', 'fallback:\n  - { when: Legal threats, to: responder }')
    .replace('drills: []', `drills:\n${['failure', 'rerun', 'messy-input', 'weak-output', 'escalate'].map((kind) => `  - { date: 2026-11-02, kind: ${kind}, scenario: Practice, by: ana, took: 10m, outcome: pass }`).join('\n')}`)
    .replace('logs: {}', 'logs: { url: https://logs.example.com/refunds, keeps: 30d }')
    .replace('alerts: []', 'alerts:\n  - { name: Draft job failed, fires_when: a run ends in error, notifies: [ana] }')
    .replace(/^(## .+)$/gm, '$1\n\nWritten by the team.');
}

describe('handover new', () => {
  it.each(['experiment', 'pilot', 'production'])('writes a %s runbook that check reports until it is filled in', async (status) => {
    expect(await newRunbook(`billing/refunds-${status}`, '--status', status)).toBe(0);
    const file = runbook(`billing/refunds-${status}`);
    const written = await readFile(file, 'utf8');

    const blank = await checkIt();
    expect(blank.errors.map((e) => `${e.rule} ${e.field} ${e.line}`)).toEqual(['invalid-value summary 4']);

    await writeFile(file, written.replace('summary: ""', 'summary: Drafts replies.'));
    const unfilled = await checkIt();
    expect(unfilled.errors).toEqual([]);
    const rules = new Set(unfilled.gaps.map((g) => g.rule));
    expect(rules).toContain('missing-role');
    expect(rules).toContain('missing-section');
    expect(rules).toContain('missing-review');
    if (status !== 'experiment') for (const rule of ['missing-metrics', 'missing-escalation', 'missing-fallback']) expect(rules).toContain(rule);
    if (status === 'production') expect(rules).toContain('missing-handover');
    if (status !== 'experiment') expect(rules).toContain('never-drilled');
    if (status === 'production') expect(rules).toContain('missing-alerts');
    expect(unfilled.gaps.every((g) => g.file?.endsWith(`refunds-${status}.md`) && (g.line ?? 0) > 0)).toBe(true);

    await writeFile(file, fill(written));
    const filled = await checkIt();
    expect(filled.errors).toEqual([]);
    expect(filled.gaps).toEqual([]);
  });

  it('uses --title and --summary, and derives a title from the id otherwise', async () => {
    await newRunbook('ops/night-digest', '--title', 'Night: "digest" #1', '--summary', 'Sends a digest.');
    await newRunbook('ops/refund-replies', '--summary', 'Drafts refund replies.');
    const result = await checkIt();
    expect(result.errors).toEqual([]);
    expect(result.site.workflows.map((w) => [w.id, w.fm.title, w.fm.summary])).toEqual([
      ['ops/night-digest', 'Night: "digest" #1', 'Sends a digest.'],
      ['ops/refund-replies', 'Refund replies', 'Drafts refund replies.'],
    ]);
  });

  it('refuses to overwrite an existing runbook', async () => {
    await newRunbook('ops/refunds');
    await writeFile(runbook('ops/refunds'), 'mine\n');
    const attempt = newRunbook('ops/refunds', '--status', 'production');
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/already exists/);
    expect(await readFile(runbook('ops/refunds'), 'utf8')).toBe('mine\n');
  });

  it.each(['../escape', '/abs/path', 'a/../b', 'Billing/Refunds', 'refunds.md', 'a//b', ''])('rejects the id "%s"', async (id) => {
    await expect(newRunbook(...(id ? [id] : []))).rejects.toThrow(UserError);
  });

  it('rejects an unknown status', async () => {
    await expect(newRunbook('ops/x', '--status', 'live')).rejects.toThrow(/--status must be one of/);
  });
});
