// A/B runs of `handover check` with a cold parse cache: node bench/parse/parse-ab.mjs <runbooks> <rounds> <mode>...
// mode: main | process:N (HANDOVER_WORKERS=N helpers besides the main process). The thread:N figures were taken
// at 9b7da60 with a prototype that chose threads or processes by HANDOVER_WORKER_KIND; since 387e146 helpers are
// always processes. The "parse" figure needs a temporary timer in src/parse/index.ts printing "parse N ms" to
// stderr when HANDOVER_PARSE_TIME is set (not committed); without it the column is 0.
// Corpora: npx tsx bench/parse/gen.mts 200 1000 5000 (writes /tmp/parse-corpora/<N>/content).
// Prints one JSON line per run (wall ms, parse stage ms, peak RSS of the process tree, load average) and
// the medians per mode. Modes alternate A B C A B C ... so load drift hits each alike.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';

const [n, rounds, ...modes] = process.argv.slice(2);
const cwd = `/tmp/parse-corpora/${n}`;
const CLI = new URL('../../bin/handover.js', import.meta.url).pathname;
const PAGE = 4096;

function treeRss(root) {
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const kids = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(' ').map(Number));
      }
    } catch {}
  }
  return total;
}

function run(mode) {
  rmSync(`${cwd}/node_modules/.cache/handover`, { recursive: true, force: true });
  const [kind, count] = mode.split(':');
  const env = { ...process.env, HANDOVER_WORKERS: kind === 'main' ? '0' : count, HANDOVER_WORKER_KIND: kind === 'main' ? '' : kind, HANDOVER_PARSE_TIME: '1' };
  const load = os.loadavg()[0];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, CLI, 'check', '--now', '2026-11-22', '--format', 'json'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 20);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', () => {
      clearInterval(timer);
      const ms = performance.now() - started;
      const parse = /parse (\d+) ms/.exec(err)?.[1]; const helped = /helped (\d+)/.exec(err)?.[1]; const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(err);
      const report = JSON.parse(out);
      resolve({ mode, ms: Math.round(ms), parse: parse ? Number(parse) : null, peakMB: Math.round(peak / 1048576), cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null, load: Number(load.toFixed(2)), helped: helped ? Number(helped) : 0, errors: report.errors.length, gaps: report.gaps.length });
    });
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const all = [];
for (let r = 0; r < Number(rounds); r++)
  for (const mode of modes) {
    const result = await run(mode);
    all.push(result);
    console.log(JSON.stringify(result));
  }
for (const mode of modes) {
  const mine = all.filter((r) => r.mode === mode);
  console.log(`${n} ${mode.padEnd(10)} wall ${median(mine.map((r) => r.ms))} ms  parse ${median(mine.map((r) => r.parse ?? 0))} ms  cpu ${median(mine.map((r) => r.cpuMs))} ms  peak ${median(mine.map((r) => r.peakMB))} MB  load ${median(mine.map((r) => r.load))}  (runs ${mine.map((r) => r.ms).join(', ')})`);
}
