/**
 * Search budgets at 10 / 1,000 / 10,000 synthetic runbooks (bench/generate.ts):
 * index size, gzip bytes a first query transfers (script + index files),
 * query latency once loaded, indexing time against the whole build, peak RSS.
 *   npx tsx bench/search.ts [--sizes 10,1000,10000] [--rich] [--no-build] [--keep]
 * --rich adds ~80 words per runbook from a 100,000-word vocabulary: the generator's
 * own vocabulary is small, and real teams' runbooks are not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { generate } from './generate.ts';
import { nodeStore } from '../src/search/node-store.ts';
import { search, type Filters, type Store } from '../src/search/query.ts';
import { snippet } from '../src/search/snippet.ts';

const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1]! : '10,1000,10000').split(',').map(Number);
const gz = (text: string | Buffer) => gzipSync(text, { level: 6 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The search client as the theme bundles it (vite, minified, one classic script), gzip bytes of JS + CSS. */
async function clientBytes(): Promise<number> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    logLevel: 'error',
    build: { write: false, minify: true, cssCodeSplit: false, lib: { entry: path.resolve('theme/search.ts'), formats: ['iife'], name: 'search' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  return outputs.reduce((sum, o) => sum + gz(o.type === 'chunk' ? o.code : Buffer.from(o.source)), 0);
}

function child(mode: string, content: string, out: string): Record<string, number> | { error: string } {
  try {
    const text = execFileSync(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'bench/search-child.ts', mode, content, out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    return JSON.parse(text.trim().split('\n').at(-1)!);
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr ?? error).split('\n').find((l) => /Error|error/.test(l)) ?? 'failed' };
  }
}

/** A cold query as a browser would run it: every file it loads (manifest, vocabulary, postings, top-10 hit files), gzip bytes. */
async function coldQuery(out: string, queries: string[], filters: Filters = {}): Promise<{ bytes: number; files: number; top: string }> {
  let bytes = 0;
  let files = 0;
  const store = nodeStore(
    (p) => (existsSync(path.join(out, p)) ? readFileSync(path.join(out, p), 'utf8') : undefined),
    (p) => ((bytes += gz(readFileSync(path.join(out, p)))), files++),
  );
  let top = '';
  for (const query of queries) {
    const result = await search(store, query, filters);
    const docs = await Promise.all(result.docs.slice(0, 10).map((n) => store.doc(n)));
    top = docs[0]?.t ?? '(none)';
  }
  return { bytes, files, top };
}

/** Latency of search() plus snippets for the top 10, with every file it needs already loaded. */
async function latency(store: Store, queries: string[], filters: Filters[]): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let round = 0; round < 12; round++)
    for (const query of queries)
      for (const f of filters) {
        const t = performance.now();
        const result = await search(store, query, f);
        for (const n of result.docs.slice(0, 10)) {
          const doc = await store.doc(n);
          snippet(doc.b, result.matched) ?? snippet(doc.x, result.matched);
        }
        if (round > 1) times.push(performance.now() - t);
      }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

async function indexSize(dir: string): Promise<{ files: number; raw: number; gzip: number }> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  let raw = 0;
  let gzip = 0;
  for (const entry of names) {
    const data = await readFile(path.join(entry.parentPath, entry.name));
    raw += data.length;
    gzip += gz(data);
  }
  return { files: names.length, raw, gzip };
}

/** Appends a "Notes" section of log-uniformly drawn pseudo-words to every runbook. */
async function enrich(content: string): Promise<void> {
  const syllables = 'ka ri to ne mu sa lo vi de po ga zu fe hi ja ko'.split(' ');
  const word = (i: number) => {
    let w = '';
    for (let n = i + syllables.length; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
    return w;
  };
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const dir = path.join(content, 'runbooks');
  for (const file of (await readdir(dir, { recursive: true })).map(String).filter((f) => f.endsWith('.md'))) {
    const words = Array.from({ length: 80 }, () => word(Math.floor(100_000 ** rand())));
    await appendFile(path.join(dir, file), `\n## Notes\n\n${words.join(' ')}.\n`);
  }
}

const prefixes = (query: string) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));

async function measure(runbooks: number, script: number): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'handover-search-bench-'));
  const content = path.join(work, 'content');
  await generate(content, { runbooks, seed: 7 });
  if (args.includes('--rich')) await enrich(content);
  const indexed = child('index', content, path.join(work, 'index-out'));
  const built = args.includes('--no-build') ? { error: 'skipped (--no-build)' } : child('build', content, path.join(work, 'site'));
  if ('error' in indexed) throw new Error(`indexing failed: ${indexed.error}`);
  const out = path.join(work, 'index-out');
  const size = await indexSize(path.join(out, 'search'));
  const typical = await coldQuery(out, ['refund replies']);
  const typed = await coldQuery(out, prefixes('refund replies'));
  const typo = await coldQuery(out, ['refnud']);
  const person = await coldQuery(out, ['dana']);
  const warm = nodeStore((p) => (existsSync(path.join(out, p)) ? readFileSync(path.join(out, p), 'utf8') : undefined));
  const owner = warm.manifest.filters.owners[0]![0];
  const filtered = await coldQuery(out, ['refund'], { status: 'production', team: 'support-ops' });
  const byOwner = await coldQuery(out, ['replies'], { owner });
  const queries = ['refund replies', 'refnud', 'workflow', 'invoice checks 42', 'dana', 'pilot expense', 'r'];
  const lat = await latency(warm, queries, [{}, { status: 'production' }, { team: 'support-ops', owner }]);
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  console.log(`\n${runbooks.toLocaleString('en')} runbooks${args.includes('--rich') ? ', rich vocabulary' : ''} (${warm.manifest.docs} documents with people and teams)`);
  line('index files, total raw / gzip', `${size.files} files, ${kb(size.raw)} / ${kb(size.gzip)}`);
  const terms = (await Promise.all(warm.manifest.vocab.map((_, i) => warm.vocab(i)))).reduce((sum, v) => sum + v.length, 0);
  line('postings shards / vocabulary files / terms', `${warm.manifest.shards.length} / ${warm.manifest.vocab.length} / ${terms.toLocaleString('en')}`);
  const first = (q: { bytes: number; files: number; top: string }) => `${kb(script + q.bytes)} (${q.files} files + script)  top: ${q.top}`;
  line('first query "refund replies", gzip', first(typical));
  line('  typed key by key, every prefix run', first(typed));
  line('  typo "refnud"', first(typo));
  line('  "refund" + status and team filters', first(filtered));
  line(`  "replies" + owner filter (${owner})`, first(byOwner));
  line('  person "dana"', first(person));
  line('query + top-10 snippets, loaded: p50 / p95', `${lat.p50.toFixed(2)} ms / ${lat.p95.toFixed(2)} ms (Node ${process.version})`);
  line('check (load, parse, model)', `${(indexed.checkMs! / 1000).toFixed(2)} s`);
  line('indexing: searchFiles() + writing its files', `${((indexed.indexMs! + indexed.writeMs!) / 1000).toFixed(2)} s (${(indexed.indexMs! / 1000).toFixed(2)} + ${(indexed.writeMs! / 1000).toFixed(2)})`);
  line('peak RSS, check + indexing alone', `${indexed.peakRssMb} MB (${indexed.rssBeforeIndexMb} MB before indexing)`);
  if ('error' in built) line('whole build', `not measured: ${built.error}`);
  else {
    const search = indexed.indexMs! + indexed.writeMs!;
    line('whole build (search included)', `${(built.buildMs! / 1000).toFixed(2)} s, peak RSS ${built.peakRssMb} MB`);
    line('indexing adds to the build without it', `${((search / Math.max(1, built.buildMs! - search)) * 100).toFixed(0)} %`);
  }
  if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  else line('kept', work);
}

const script = await clientBytes();
console.log(`search client (theme/search.ts bundled like the theme, JS + CSS): ${kb(script)} gzip`);
console.log('budgets at 10,000: first query <= 400 KB gzip; results <= 50 ms once loaded; indexing <= +50% build time; build < 1.5 GB peak');
for (const n of sizes) await measure(n, script);
