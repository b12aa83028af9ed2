/**
 * Parsing on helper processes (`HANDOVER_WORKERS=N`) gives exactly what parsing in-process gives:
 * the same parses in the same order, the same diagnostics, the same places, the same cache entries.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/cache/store.ts';
import { load, type SourceFile } from '../src/load/index.ts';
import { parseMany, type ParseManyOptions } from '../src/parse/many.ts';
import type { ParsedRunbook } from '../src/parse/runbook.ts';
import { fixtures } from './helpers/site.ts';
import { serializeParse, storable } from '../src/cache/serialize.ts';
import { parseRunbook } from '../src/parse/runbook.ts';

/** A store in memory: what was kept is what a save would write. */
function memoryStore(entries = new Map<string, string>()): Store & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return { kept, stats: { hits: 0, misses: 0 }, get: (hash) => entries.get(hash), keep: (hash, text) => void kept.set(hash, text), save: async () => {} };
}

/** Every path into a value, so each field's place can be compared. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => paths(item, [...at, i]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key]))];
  return [at];
}

/** Everything later stages can read of a parse, as plain data. */
function observable(parsed: ParsedRunbook) {
  const fm = parsed.frontmatter;
  const places = fm ? paths(fm.value).map((p) => [p.join('.'), fm.place(p), fm.place(p, { key: true }), fm.has(p)]) : null;
  return { path: parsed.source.path, text: parsed.source.text, value: fm?.value, yaml: fm?.diagnostics, diagnostics: parsed.diagnostics, body: parsed.body, places };
}

/** The example site's runbooks and guides, then every error fixture's: clean files, and files with every kind of parse problem. */
async function corpus(): Promise<SourceFile[]> {
  const dirs = [path.resolve('content'), ...fixtures('errors').map((f) => f.dir)];
  const files = (await Promise.all(dirs.map(async (dir) => (await load(dir, 5 << 20)).files))).flat();
  return files.filter((file) => file.kind === 'runbook' || file.kind === 'guide');
}

/** How many parses the cache can keep (and helpers hand back): readable frontmatter, no problem at all. */
const clean = (parsed: ReturnType<typeof observable>[]) => parsed.filter((p) => p.yaml?.length === 0 && p.diagnostics.length === 0).length;

async function run(sources: SourceFile[], options: ParseManyOptions) {
  const store = memoryStore();
  const parsed = await parseMany(sources, { ...options, store });
  return { parsed: parsed.map(observable), kept: [...store.kept].sort(([a], [b]) => a.localeCompare(b)) };
}

/** Parses on helpers alone and checks that every clean parse came from them (files with problems are parsed here). */
async function runOnHelpers(sources: SourceFile[], workers: number) {
  const tally = { helped: 0 };
  const result = await run(sources, { workers, main: false, tally });
  expect(tally.helped).toBe(clean(result.parsed));
  return result;
}

describe('parsing on helpers', { timeout: 120_000 }, () => {
  it('gives the same parses, diagnostics, places, order and cache entries as parsing in-process', async () => {
    const sources = await corpus();
    const here = await run(sources, { workers: 0 });
    // The corpus holds both parses the cache keeps and parses with problems, which it never keeps.
    expect(clean(here.parsed)).toBeGreaterThan(10);
    expect(here.kept.length).toBeLessThan(sources.length);
    expect(here.parsed.filter((p) => p.diagnostics.length || p.yaml?.length).length).toBeGreaterThan(5);
    // Helpers alone (this process waits), one and two of them; then helpers and this process together.
    expect(await runOnHelpers(sources, 1)).toEqual(here);
    expect(await runOnHelpers(sources, 2)).toEqual(here);
    expect(await run(sources, { workers: 1 })).toEqual(here);
  });

  it('runs its helpers from the compiled lib/ as the CLI does', async () => {
    // global-setup compiled lib/ from the current src/; the CLI's helpers run lib/parse/worker.js, not the tsx shim.
    const compiled = (await import('../lib/parse/many.js')) as typeof import('../src/parse/many.ts');
    const sources = await corpus();
    const here = await run(sources, { workers: 0 });
    const store = memoryStore();
    const tally = { helped: 0 };
    const there = (await compiled.parseMany(sources, { workers: 1, main: false, store, tally })).map(observable);
    expect(tally.helped).toBe(clean(here.parsed));
    expect({ parsed: there, kept: [...store.kept].sort(([a], [b]) => a.localeCompare(b)) }).toEqual(here);
  });

  it('answers from the CLI bundle (lib/bundle/worker.js) exactly what parsing here stores', async () => {
    // The CLI runs the bundle, whose helper is its own entry; a helper that cannot start would only be slower, so it is asked directly.
    const sources = await corpus();
    const helper = fork(path.resolve('lib/bundle/worker.js'), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const answers: unknown[] = [];
    const answered = new Promise<{ results: (string | null)[] }>((resolve, reject) => {
      helper.on('message', (message) => (answers.push(message), message !== 'ready' && resolve(message as { results: (string | null)[] })));
      helper.on('exit', (code) => reject(new Error(`the bundled helper exited with ${code}`)));
    });
    helper.send({ id: 7, sources });
    const { results } = await answered.finally(() => helper.kill());
    expect(answers[0]).toBe('ready');
    expect(results).toEqual(sources.map((source) => { const parsed = parseRunbook(source); return storable(parsed) ? serializeParse(parsed) : null; }));
    expect(results.filter((r) => r !== null).length).toBeGreaterThan(10);
  });

  it('reads back cache entries made on helpers as the same parses', async () => {
    const sources = await corpus();
    const fresh = memoryStore();
    const here = (await parseMany(sources, { workers: 0, store: fresh })).map(observable);
    const made = memoryStore();
    const tally = { helped: 0 };
    await parseMany(sources, { workers: 1, main: false, store: made, tally });
    expect(tally.helped).toBe(clean(here));
    const warm = memoryStore(made.kept);
    expect((await parseMany(sources, { workers: 0, store: warm })).map(observable)).toEqual(here);
    expect([...warm.kept].sort()).toEqual([...fresh.kept].sort());
  });
});
