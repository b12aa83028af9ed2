/**
 * One command run as a user runs it, in its own process, timed from spawn to exit. Peak RSS comes from
 * GNU time (`/usr/bin/time -f %M`, Debian's `time` package): the kernel's maximum resident set of the
 * largest process in the tree (Pagefind's npm wrapper and its native binary are two processes; the
 * figure is the larger), which Node cannot read for a child it started.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const TIME = '/usr/bin/time';

export interface Timed {
  /** Wall time, spawn to exit, in ms. */
  ms: number;
  /** Peak RSS in bytes, or undefined when /usr/bin/time is missing. */
  maxRSS: number | undefined;
  /** The 1-minute load average just before the run. */
  load: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Whether peak RSS can be measured here. */
export const measuresRSS = existsSync(TIME);

/** Runs `command args` in `cwd`; a non-zero exit is an error naming the command and its stderr. */
export async function timed(command: string, args: string[], options: RunOptions): Promise<Timed> {
  const rssFile = path.join(os.tmpdir(), `handover-bench-rss-${process.pid}.txt`);
  const [file, argv] = measuresRSS ? [TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  const load = os.loadavg()[0]!;
  try {
    const started = performance.now();
    const run = spawnSync(file, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} failed (exit ${run.status ?? run.signal}) in ${options.cwd}:\n${String(run.stderr).slice(-4000)}`);
    const maxRSS = measuresRSS ? Number((await readFile(rssFile, 'utf8')).trim()) * 1024 : undefined;
    return { ms, maxRSS, load };
  } finally {
    await rm(rssFile, { force: true });
  }
}
