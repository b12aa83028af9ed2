/**
 * Start-up figures for `npm run bench`: wall time of whole CLI processes, as a user waits for them.
 * Each is the median of several runs (the machine is shared; a single run varies by 30% or more).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'handover.js');
const NOW = '2026-11-20';

/** Wall time of one process, in ms. */
function once(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return ms;
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `runs` timings after one run that warms the disk cache and Handover's parse cache. */
function measure(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, runs = 7): { first: number; median: number } {
  const first = once(args, cwd, env);
  return { first, median: median(Array.from({ length: runs }, () => once(args, cwd, env))) };
}

export interface StartupRow {
  name: string;
  value: string;
  budget: string;
}

/** Measures `node -e 0`, `--version`, and `check` on the example content and on 200 runbooks, with and without the V8-flag re-run. */
export async function startupFigures(): Promise<StartupRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-startup-'));
  try {
    await generate(path.join(dir, 'content'), { runbooks: 200 });
    const ms = (n: number) => `${Math.round(n)} ms`;
    const both = (m: { first: number; median: number }) => `${ms(m.median)} (first run, cold cache: ${ms(m.first)})`;
    const check = ['check', '--now', NOW];
    const rows: StartupRow[] = [];
    rows.push({ name: 'node -e 0', value: ms(measure(['-e', '0'], ROOT).median), budget: '' });
    rows.push({ name: 'handover --version', value: ms(measure([BIN, '--version'], ROOT).median), budget: '<= 150 ms' });
    for (const [label, cwd] of [['example content', ROOT], ['200 runbooks', dir]] as const) {
      for (const flags of ['none', 'always'] as const) {
        // A fresh cache for each setting, so "first run" is a cold parse each time.
        const cache = path.join(dir, 'caches', `${label}-${flags}`.replace(/\W+/g, '-'));
        const figures = measure([BIN, ...check], cwd, { HANDOVER_NODE_FLAGS: flags, HANDOVER_CACHE_DIR: cache });
        rows.push({ name: `check, ${label}, ${flags === 'none' ? 'one process' : 'V8-flag re-run'}`, value: both(figures), budget: label === 'example content' ? '<= 400 ms' : '' });
      }
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
