#!/usr/bin/env node
// `npm run fuzz [-- --runs N --seed S]`: the nightly fuzz run. Runs test/fuzz.test.ts with N cases per
// property (default 10,000; over 100,000 in all) and prints the cases run, by property, the time and
// the outcome. A failure prints fast-check's shrunk counterexample and its seed, to replay with --seed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 10_000));
const seed = option('--seed', String(Date.now() % 2 ** 31));
const report = path.join(root, 'node_modules', '.cache', 'handover-fuzz', 'report.json');
rmSync(report, { force: true });

const started = performance.now();
const vitest = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/fuzz.test.ts', '--testTimeout=0', '--reporter=default'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SHAPE_RUNS: String(Math.max(12, Math.round(runs / 20))), FUZZ_SEED: seed, FUZZ_REPORT: report },
});
const seconds = (performance.now() - started) / 1000;
let tally = {};
try {
  tally = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  // No report: the run stopped before the end; the figures below say so.
}
const total = Object.values(tally).reduce((sum, n) => sum + n, 0);
console.log(`\nfuzz: ${total.toLocaleString('en')} cases in ${seconds.toFixed(0)} s (seed ${seed}), ${vitest.status === 0 ? 'no failures' : 'FAILED (see above)'}`);
for (const [name, n] of Object.entries(tally)) console.log(`  ${String(n).padStart(7)}  ${name}`);
process.exitCode = vitest.status ?? 1;
