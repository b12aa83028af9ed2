/**
 * One measured run, in its own process (started by bench/run.ts): prints one JSON line.
 *   build <content> <out>        a `handover build` through the library, with the project cache
 *   dev <content> <runbook id>   the dev server's site: edit one runbook, time until its page is rendered again
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lib } from './lib.ts';

// The compiled JavaScript that a user's `handover` runs (`npm run bench` compiles first), not the sources through tsx.
const { build } = await lib<typeof import('../src/build.ts')>('build.js');
const { createDevSite } = await lib<typeof import('../src/dev/site.ts')>('dev/site.js');
const { runbookPath } = await lib<typeof import('../src/render/types.ts')>('render/types.js');

const NOW = '2026-11-22';
const [mode, content, arg] = process.argv.slice(2);

async function timeBuild() {
  const started = performance.now();
  const result = await build({ content, out: arg, now: NOW });
  const ms = performance.now() - started;
  return { ms, pages: result.pages, bytes: result.bytes, written: result.written, errors: result.errors.length };
}

async function timeDev() {
  const site = await createDevSite({ content, now: NOW });
  const first = await site.update();
  const page = runbookPath(arg!);
  await site.file(page);
  const file = path.join(content!, 'runbooks', `${arg}.md`);
  const original = await readFile(file, 'utf8');
  const rounds: number[] = [];
  for (let round = 1; round <= 5; round++) {
    await writeFile(file, original.replace(/^title: (.*)$/m, `title: $1 (edit ${round})`));
    const started = performance.now();
    const update = await site.update('content');
    const html = String((await site.file(page))?.content ?? '');
    rounds.push(performance.now() - started);
    if (!html.includes(`(edit ${round})`) || update.parsed !== 1) throw new Error(`edit ${round} not seen (parsed ${update.parsed})`);
  }
  await writeFile(file, original);
  rounds.sort((a, b) => a - b);
  return { ms: rounds[Math.floor(rounds.length / 2)], firstMs: first.ms, rounds };
}

const result = mode === 'build' ? await timeBuild() : await timeDev();
console.log(JSON.stringify({ ...result, maxRSS: process.resourceUsage().maxRSS * 1024 }));
