/**
 * Parses many runbooks: cache hits are read back, misses are parsed on the main
 * thread and, when asked (`HANDOVER_WORKERS=N`), on worker threads too. Workers pull small batches
 * from one queue, so a slow worker start costs only the batches it did not take.
 */
import os from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../load/index.ts';
import type { ParsedRunbook } from './runbook.ts';
import { hashText } from '../cache/key.ts';
import type { Answer, Batch } from './worker.ts';
import { deserializeParse, serializeParse, storable } from '../cache/serialize.ts';
import type { Store } from '../cache/store.ts';

const BATCH = 25;

/**
 * A worker's heap. Parsing makes large trees that die within milliseconds; with V8's default 16 MB
 * semi-spaces they outlive a scavenge, get promoted and pile up as old garbage (a 10,000-runbook
 * parse peaked at 1.4 GB of heap for 0.4 GB live). A larger young generation lets them die young,
 * and a worker only ever holds one batch, so its old generation can be capped; a worker that runs
 * out anyway leaves its batch to the main thread.
 */
const LIMITS = { maxYoungGenerationSizeMb: 192, maxOldGenerationSizeMb: 512 };

export interface ParseManyOptions {
  /** Content-hash cache of parses; without it everything is parsed. */
  store?: Store;
  /** Worker threads to add to the main thread; default: `HANDOVER_WORKERS`, else none (see below). */
  workers?: number;
  /** Whether the main thread parses too (default true); tests turn it off to make the workers do everything. */
  main?: boolean;
}

/**
 * How many workers to start for `count` files. None unless asked: on the 2-core benchmark machine
 * a worker never paid for itself (start-up, a cold JIT, and moving each parse across threads as JSON
 * add about 30% CPU, and the second core is rarely free), see "Speed" in the README.
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
  return results;
}

/** The worker entry: compiled JavaScript in lib/, or, running from src/ (tests), a shim that registers tsx. */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.mjs' : './worker.js', import.meta.url);

/** Workers that take batches from `queue` until it is empty. */
function startWorkers(count: number, queue: number[][], sources: SourceFile[], accept: (i: number, stored: string | null) => void) {
  const pending = new Map<Worker, number[]>();
  const live = new Set<Worker>();
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = (worker: Worker) => {
    if (!live.delete(worker)) return;
    void worker.terminate();
    if (live.size === 0) finish();
  };
  const feed = (worker: Worker) => {
    const batch = queue.shift();
    if (!batch) return stop(worker);
    pending.set(worker, batch);
    worker.postMessage({ id: 0, sources: batch.map((i) => sources[i]!) } satisfies Batch);
  };
  for (let n = 0; n < count; n++) {
    const worker = new Worker(WORKER, { resourceLimits: LIMITS });
    live.add(worker);
    worker.on('message', (message: Answer | 'ready') => {
      const batch = pending.get(worker);
      pending.delete(worker);
      if (message !== 'ready' && batch) batch.forEach((i, k) => accept(i, message.results[k]!));
      feed(worker);
    });
    // A worker that fails leaves its batch to the main thread.
    worker.on('error', () => stop(worker));
  }
  if (count === 0) finish();
  return {
    /** Waits for batches in flight; workers still starting are stopped at once unless `waitForStart`. */
    async done(parseHere: (i: number) => void, waitForStart = false) {
      if (!waitForStart) for (const worker of [...live]) if (!pending.has(worker)) stop(worker);
      await finished;
      for (const [worker, batch] of pending) if (!live.has(worker)) batch.forEach(parseHere);
      pending.clear();
    },
  };
}
