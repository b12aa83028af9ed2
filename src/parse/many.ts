/**
 * Parses many runbooks: cache hits are read back, misses are parsed in this process and, when asked
 * (`HANDOVER_WORKERS=N`), in N child processes too. Helpers pull small batches from one queue, so a
 * slow start costs only the batches they did not take; a helper that fails leaves its batch here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../load/index.ts';
import type { ParsedRunbook } from './runbook.ts';
import { hashText } from '../cache/key.ts';
import type { Answer, Batch } from './worker.ts';
import { deserializeParse, serializeParse, storable } from '../cache/serialize.ts';
import type { Store } from '../cache/store.ts';

const BATCH = 25;

/**
 * A helper's V8 flags. Parsing makes large trees that die within milliseconds; with V8's default 16 MB
 * semi-spaces they outlive a scavenge, get promoted and pile up as old garbage (a 10,000-runbook
 * parse peaked at 1.4 GB of heap for 0.4 GB live). Larger semi-spaces let them die young, and a
 * helper only ever holds one batch, so its old generation can be capped; one that runs out anyway
 * dies and leaves its batch to this process.
 */
const HELPER_FLAGS = ['--max-semi-space-size=64', '--max-old-space-size=512'];

export interface ParseManyOptions {
  /** Content-hash cache of parses; without it everything is parsed. */
  store?: Store;
  /** Helper processes to add to this one; default: `HANDOVER_WORKERS`, else none (see below). */
  workers?: number;
  /** Whether this process parses too (default true); tests turn it off to make the helpers do everything. */
  main?: boolean;
  /** Filled in: how many parses came from helpers (files with problems they leave to this process). */
  tally?: { helped: number };
}

/**
 * How many helpers to start for `count` files. None unless asked, at any size: on the 2-core machine
 * Handover is measured on, one helper (a child process, or a worker thread) never paid for itself at
 * 200, 1,000 or 5,000 runbooks. It adds 25-45% CPU (a second cold JIT and heap, and each parse runs
 * slower beside another), and on a shared machine the second core is rarely free (README, "Speed").
 */
export function workerCount(count: number, requested?: number): number {
  const fromEnv = process.env.HANDOVER_WORKERS;
  const wanted = requested ?? (fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : 0);
  if (!Number.isInteger(wanted) || wanted <= 0) return 0;
  return Math.min(wanted, os.availableParallelism(), Math.ceil(count / BATCH));
}

/** Parses every source, in order; reads and fills `options.store` when given. */
export async function parseMany(sources: SourceFile[], options: ParseManyOptions = {}): Promise<ParsedRunbook[]> {
  const { store } = options;
  const results: ParsedRunbook[] = new Array(sources.length);
  const hashes = store ? sources.map((source) => hashText(source.text)) : [];
  const todo: number[] = [];
  sources.forEach((source, i) => {
    const hit = store?.get(hashes[i]!);
    // A damaged entry is a miss.
    const restored = hit === undefined ? null : deserializeParse(source, hit);
    if (!restored) return void todo.push(i);
    results[i] = restored;
    store!.keep(hashes[i]!, hit!);
  });
  // The Markdown parser is loaded only when something must be parsed: a warm check skips about 130 ms of imports.
  const parseRunbook = todo.length ? (await import('./runbook.ts')).parseRunbook : null;
  const parseHere = (i: number) => {
    const parsed = parseRunbook!(sources[i]!);
    if (store && storable(parsed)) store.keep(hashes[i]!, serializeParse(parsed));
    results[i] = parsed;
  };
  const accept = (i: number, stored: string | null) => {
    const restored = stored === null ? null : deserializeParse(sources[i]!, stored);
    if (!restored) return parseHere(i);
    if (options.tally) options.tally.helped++;
    results[i] = restored;
    store?.keep(hashes[i]!, stored!);
  };
  const queue: number[][] = [];
  for (let at = 0; at < todo.length; at += BATCH) queue.push(todo.slice(at, at + BATCH));
  const pool = startWorkers(workerCount(todo.length, options.workers), queue, sources, accept);
  for (let batch = options.main === false ? undefined : queue.shift(); batch; batch = queue.shift()) {
    batch.forEach(parseHere);
    await yieldToEvents();
  }
  await pool.done(parseHere, options.main === false);
  if (store) results.forEach((result, i) => (result.hash = hashes[i]));
  return results;
}

/** The helper entry: compiled JavaScript in lib/, or, running from src/ (tests), a shim that registers tsx. */
const WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './worker.mjs' : './worker.js', import.meta.url));

/** Helper processes that take batches from `queue` until it is empty. */
function startWorkers(count: number, queue: number[][], sources: SourceFile[], accept: (i: number, stored: string | null) => void) {
  const pending = new Map<ChildProcess, number[]>();
  const live = new Set<ChildProcess>();
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = (worker: ChildProcess) => {
    if (!live.delete(worker)) return;
    worker.kill();
    if (live.size === 0) finish();
  };
  const feed = (worker: ChildProcess) => {
    const batch = queue.shift();
    if (!batch) return stop(worker);
    pending.set(worker, batch);
    worker.send({ id: 0, sources: batch.map((i) => sources[i]!) } satisfies Batch);
  };
  for (let n = 0; n < count; n++) {
    // Structured-clone messages: each answer is JSON text already, which a JSON channel would escape again.
    const worker = fork(WORKER, [], { execArgv: HELPER_FLAGS, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    live.add(worker);
    worker.on('message', (message: Answer | 'ready') => {
      const batch = pending.get(worker);
      pending.delete(worker);
      if (message !== 'ready' && batch) batch.forEach((i, k) => accept(i, message.results[k]!));
      feed(worker);
    });
    // A helper that fails to start, or dies (out of memory, killed), leaves its batch to this process.
    worker.on('error', () => stop(worker));
    worker.on('exit', () => stop(worker));
  }
  if (count === 0) finish();
  return {
    /** Waits for batches in flight; helpers still starting are stopped at once unless `waitForStart`. */
    async done(parseHere: (i: number) => void, waitForStart = false) {
      if (!waitForStart) for (const worker of [...live]) if (!pending.has(worker)) stop(worker);
      await finished;
      for (const [worker, batch] of pending) if (!live.has(worker)) batch.forEach(parseHere);
      pending.clear();
    },
  };
}
