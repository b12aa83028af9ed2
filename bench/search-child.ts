/**
 * One measurement in a fresh process, so its peak memory is its own:
 *   index <content> <out>   check, then time searchFiles() and writing its files
 *   build <content> <out>   the whole `handover build`, search included
 * Prints one JSON line.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lib } from './lib.ts';

// The compiled JavaScript a user's `handover` runs (`npm run bench` compiles first).
const { check } = await lib<typeof import('../src/index.ts')>('index.js');

const [mode, content, out] = process.argv.slice(2) as [string, string, string];
const now = '2026-11-22';
const config = path.resolve('site.config.ts');
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (mode === 'index') {
  let t = performance.now();
  const { site } = await check({ content, config, now });
  const checkMs = performance.now() - t;
  const rssBefore = rssMb();
  const { searchFiles } = await lib<typeof import('../src/search/index.ts')>('search/index.js');
  t = performance.now();
  const files = searchFiles(site);
  const indexMs = performance.now() - t;
  t = performance.now();
  await rm(path.join(out, 'search'), { recursive: true, force: true });
  const dirs = new Set(files.map((f) => path.dirname(path.join(out, f.path))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  for (let i = 0; i < files.length; i += 64) await Promise.all(files.slice(i, i + 64).map((f) => writeFile(path.join(out, f.path), f.content)));
  const writeMs = performance.now() - t;
  console.log(JSON.stringify({ checkMs, indexMs, writeMs, files: files.length, rssBeforeIndexMb: rssBefore, peakRssMb: rssMb() }));
} else if (mode === 'build') {
  const { build } = await lib<typeof import('../src/build.ts')>('build.js');
  const t = performance.now();
  const result = await build({ content, out, config, now });
  console.log(JSON.stringify({ buildMs: performance.now() - t, written: result.written, pages: result.pages, peakRssMb: rssMb() }));
} else {
  console.error('usage: search-child.ts index|build <content dir> <out dir>');
  process.exitCode = 2;
}
