/**
 * `npm run bench [-- --runbooks N] [--workers N] [--keep] [--cpu-prof]`: generates N synthetic
 * runbooks, builds them in child processes (so peak RSS is the build's own), and prints a table.
 * `--peers [--runs N]` instead times Handover against Eleventy + Pagefind (bench/peers/bench.ts).
 * Figures only: nothing here passes or fails a test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { generate } from './generate.ts';
import { startupFigures } from './startup.ts';

const CHILD = fileURLToPath(new URL('child.mjs', import.meta.url));

const { values } = parseArgs({
  options: {
    runbooks: { type: 'string', default: '1000' },
    workers: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    startup: { type: 'boolean', default: false },
    peers: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  },
});

if (values.peers) {
  const runbooks = Number(values.runbooks);
  const runs = Number(values.runs);
  if (!Number.isInteger(runbooks) || runbooks < 1) throw new Error(`--runbooks must be a positive whole number, not "${values.runbooks}"`);
  if (!Number.isInteger(runs) || runs < 3) throw new Error(`--runs must be a whole number of at least 3 (medians need them), not "${values.runs}"`);
  const { peersBench } = await import('./peers/bench.ts');
  await peersBench({ runbooks, runs, keep: values.keep, workers: values.workers });
  process.exit(0);
}

// Start-up first: a few seconds, and `--startup` stops there.
process.stderr.write('start-up figures…\n');
const startup = await startupFigures();
const nameWidth = Math.max(...startup.map((row) => row.name.length));
console.log(`\nStart-up (median of 7 runs) · ${os.availableParallelism()} cores · load ${os.loadavg()[0]!.toFixed(1)} · Node ${process.version}\n`);
for (const row of startup) console.log(`| ${row.name.padEnd(nameWidth)} | ${row.value} | ${row.budget} |`);
if (values.startup) process.exit(0);
const count = Number(values.runbooks);
if (!Number.isInteger(count) || count < 1) throw new Error(`--runbooks must be a positive whole number, not "${values.runbooks}"`);

interface Measured {
  ms: number;
  maxRSS: number;
  pages?: number;
  bytes?: number;
  written?: boolean;
  errors?: number;
  firstMs?: number;
}

/** Runs one measured step in a fresh process with `cwd` as the project root (its cache lives there). */
function child(cwd: string, args: string[], label: string): Promise<Measured> {
  const env = { ...process.env, ...(values.workers !== undefined ? { HANDOVER_WORKERS: values.workers } : {}) };
  const node = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.cwd(), 'bench', '.profiles')}`, `--cpu-prof-name=${label}.cpuprofile`] : [];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...NODE_FLAGS, ...node, CHILD, ...args], { cwd, env, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${label} failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured);
    });
  });
}

async function size(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => stat(file)))).reduce((sum, info) => sum + info.size, 0);
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const sec = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-bench-'));
const content = path.join(dir, 'content');
const out = path.join(dir, 'dist');
const cache = path.join(dir, 'node_modules', '.cache', 'handover');
try {
  process.stderr.write(`generating ${count} runbooks in ${dir}…\n`);
  const generated = await generate(content, { runbooks: count });
  process.stderr.write('cold build…\n');
  const cold = await child(dir, ['build', content, out], 'cold');
  if (!cold.written) throw new Error(`the generated site did not build: ${cold.errors} errors`);
  process.stderr.write('unchanged rebuild…\n');
  const unchanged = await child(dir, ['build', content, out], 'unchanged');
  const edited = path.join(content, 'runbooks', `${generated.ids[0]}.md`);
  await writeFile(edited, (await readFile(edited, 'utf8')).replace(/^summary: (.*)$/m, 'summary: $1 Edited.'));
  process.stderr.write('one-file rebuild…\n');
  const oneFile = await child(dir, ['build', content, out], 'one-file');
  await rm(cache, { recursive: true, force: true });
  process.stderr.write('dev one-file rebuild…\n');
  const dev = await child(dir, ['dev', content, generated.ids[1]!], 'dev');
  const outBytes = await size(out);
  const searchBytes = await size(path.join(out, 'search'));
  const cores = os.availableParallelism();
  const load = os.loadavg()[0]!.toFixed(1);
  const rows: [string, string, string][] = [
    ['runbooks (metrics CSVs)', `${count} (${generated.metrics})`, ''],
    ['content size', mb(generated.bytes), ''],
    ['cold build, wall time', sec(cold.ms), count === 1000 ? 'ratios: npm run bench -- --peers' : count === 10000 ? '<= 45 s' : ''],
    ['pages/s (cold)', String(Math.round((cold.pages! / cold.ms) * 1000)), ''],
    ['pages written', String(cold.pages), ''],
    ['peak RSS (cold build process)', mb(cold.maxRSS), count === 10000 ? '<= 1 GB' : ''],
    ['output size', mb(outBytes), ''],
    ['search index size (search/)', mb(searchBytes), ''],
    ['unchanged rebuild', `${sec(unchanged.ms)} (${Math.round((unchanged.ms / cold.ms) * 100)}% of cold)`, '<= 20% of cold'],
    ['one-file rebuild, handover build', `${sec(oneFile.ms)} (${Math.round((oneFile.ms / cold.ms) * 100)}% of cold)`, ''],
    ['one-file rebuild in dev (median of 5)', sec(dev.ms), count === 1000 ? '<= 300 ms' : ''],
    ['dev first build (cold cache)', sec(dev.firstMs!), ''],
    await (await import('./report-size.ts')).reportSizeRow(), // a 300-runbook site with ~6,000 gaps, built on its own
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  const valueWidth = Math.max(...rows.map((row) => row[1].length));
  console.log(`\nHandover benchmark: ${count} runbooks · ${cores} cores · load ${load} · Node ${process.version}\n`);
  console.log(`| ${'measure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} | budget |`);
  console.log(`|${'-'.repeat(width + 2)}|${'-'.repeat(valueWidth + 2)}|--------|`);
  for (const [name, value, budget] of rows) console.log(`| ${name.padEnd(width)} | ${value.padEnd(valueWidth)} | ${budget} |`);
  if (values.keep) console.log(`\nkept ${dir}`);
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}
