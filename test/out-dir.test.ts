/**
 * The out dir under hostile conditions, with the CLI run as a process: file-system errors are one
 * line (exit 2) and leave nothing half-written; concurrent builds do not corrupt each other; the swap
 * keeps a complete site readable at every instant; a build killed with SIGKILL is cleaned up by the next.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, handover, hashTree, ROOT } from './helpers/cli.ts';

const NOW = '2026-11-22';
const INJECT = path.join(ROOT, 'test/helpers/inject-fs-error.mjs');
let dir: string;
let content: string;
let reference: Record<string, string>;

/** Reads every page given in argv[1] until stdin closes, then prints how often and which ones were missing or empty. */
const POLLER = `
const fs = require('node:fs');
const pages = JSON.parse(process.argv[1]);
const missing = new Set();
let reads = 0, open = true;
process.stdin.on('end', () => (open = false)).resume();
(function loop() {
  for (let round = 0; round < 50; round++)
    for (const page of pages) {
      reads++;
      try { if (fs.readFileSync(page).length === 0) missing.add(page); } catch { missing.add(page); }
    }
  if (open) setImmediate(loop);
  else process.stdout.write(JSON.stringify({ reads, missing: [...missing] }));
})();
`;

/** One process, no V8-flag re-run, so a signal reaches the build itself. */
const ONE = { HANDOVER_NODE_FLAGS: 'none' };
const build = (out: string, extra: string[] = [], env: Record<string, string> = {}) =>
  handover(['build', '--content', content, '--out', out, '--now', NOW, ...extra], { env: { ...ONE, ...env } });
/** What is beside `out` besides itself: leftovers of staging, old sites and locks. */
const leftovers = async (out: string) => (await readdir(path.dirname(out))).filter((name) => name.startsWith(`${path.basename(out)}.`));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-outdir-'));
  content = path.join(dir, 'content');
  await cp(path.join(ROOT, 'content'), content, { recursive: true });
  const first = await build(path.join(dir, 'reference'));
  expect(first.code).toBe(0);
  reference = await hashTree(path.join(dir, 'reference'));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('file-system errors: one line saying what and where, exit 2, nothing half-written', { timeout: 120_000 }, () => {
  it('an out dir whose parent is a file', async () => {
    await writeFile(path.join(dir, 'a-file'), 'x');
    const run = await build(path.join(dir, 'a-file', 'dist'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^handover: cannot create the folder \S*a-file: a file of that name is in the way; nothing was written to \S*a-file\/dist\n$/);
  });

  it('an out dir in folders that do not exist yet is made, with them', async () => {
    const out = path.join(dir, 'new', 'nested', 'dist');
    const run = await build(out);
    expect(run.code).toBe(0);
    expect(await hashTree(out)).toEqual(reference);
  });

  it('a 300-character --out name', async () => {
    const out = path.join(dir, 'x'.repeat(300));
    const run = await build(out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^handover: cannot write \S+\.lock: the name is too long for the file system; nothing was written to \S+\n$/);
    expect(await leftovers(out)).toEqual([]);
  });

  it('a read-only parent folder', async () => {
    const parent = path.join(dir, 'read-only');
    await mkdir(parent);
    const run = await build(path.join(parent, 'dist'), [], { NODE_OPTIONS: `--import ${INJECT}`, HANDOVER_TEST_FS_ERROR: `EROFS|${parent}/|0` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^handover: cannot write \S*read-only\/dist\.lock: the file system is read-only; nothing was written to \S*read-only\/dist\n$/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('a disk that fills up while the site is written: the previous site stays, no staging folder is left', async () => {
    const out = path.join(dir, 'full');
    expect((await build(out)).code).toBe(0);
    const before = await hashTree(out);
    const run = await build(out, ['--now', '2026-11-23'], { NODE_OPTIONS: `--import ${INJECT}`, HANDOVER_TEST_FS_ERROR: `ENOSPC|${out}.tmp-|30` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^handover: cannot (write|create the folder) \S*full\.tmp-\S+: the disk is full; nothing was written to \S*full\n$/);
    expect(await hashTree(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it.each([['read-only', 'EROFS'], ['full', 'ENOSPC']])('a %s cache folder never fails a build: the parse pack and the build record are only not saved', async (_, code) => {
    const site = path.join(dir, `cache-${code}`);
    const mine = path.join(site, 'content');
    await cp(content, mine, { recursive: true });
    const cache = path.join(site, 'cache');
    const run = (out: string, env: Record<string, string>) => handover(['build', '--content', mine, '--out', out, '--now', NOW], { env: { ...ONE, ...env } });
    expect((await run(path.join(site, 'dist'), { HANDOVER_CACHE_DIR: cache })).code).toBe(0);
    const edited = path.join(mine, 'runbooks/sales/meeting-notes.md');
    await writeFile(edited, `${readFileSync(edited, 'utf8')}\nOne more line.\n`);
    // Every write under the cache fails now: the edit changes the parse pack, and the record is written after every build.
    const before = await hashTree(cache);
    const failing = await run(path.join(site, 'dist'), { HANDOVER_CACHE_DIR: cache, NODE_OPTIONS: `--import ${INJECT}`, HANDOVER_TEST_FS_ERROR: `${code}|${cache}|0` });
    expect(failing.stderr).toBe('');
    expect(failing.code).toBe(0);
    expect(await hashTree(cache)).toEqual(before);
    expect((await run(path.join(site, 'cold'), { HANDOVER_CACHE_DIR: path.join(site, 'fresh-cache') })).code).toBe(0);
    expect(await hashTree(path.join(site, 'dist'))).toEqual(await hashTree(path.join(site, 'cold')));
    expect((await readdir(cache)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('handover new with a 300-character id, and with a runbooks folder that is a file', async () => {
    const site = path.join(dir, 'new-site');
    await cp(content, site, { recursive: true });
    const long = await handover(['new', `support/${'a'.repeat(300)}`, '--content', site]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/^handover: cannot write \S+: the name is too long for the file system; nothing was written\n$/);
    await writeFile(path.join(site, 'runbooks', 'blocked'), 'a file');
    const blocked = await handover(['new', 'blocked/thing', '--content', site]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^handover: cannot create the folder \S+blocked: a file of that name is in the way; nothing was written\n$/);
    const full = await handover(['new', 'fresh/folder/thing', '--content', site], { env: { ...ONE, NODE_OPTIONS: `--import ${INJECT}`, HANDOVER_TEST_FS_ERROR: `ENOSPC|${path.join(site, 'runbooks', 'fresh', 'folder', 'thing.md')}|0` } });
    expect(full.stderr).toMatch(/the disk is full; nothing was written\n$/);
    expect(full.code).toBe(2);
    expect(existsSync(path.join(site, 'runbooks', 'fresh'))).toBe(false);
  });
});

describe('concurrent builds of one out dir', { timeout: 180_000 }, () => {
  it('never corrupt each other: each builds or says another build is writing, and the site is whole', async () => {
    const out = path.join(dir, 'concurrent');
    const runs = await Promise.all([0, 1, 2, 3].map((n) => build(out, ['--now', n % 2 ? NOW : '2026-11-23'])));
    for (const run of runs) {
      if (run.code === 0) expect(run.stderr).toBe('');
      else expect(run).toMatchObject({ code: 2, stderr: expect.stringMatching(/^handover: another build \(process \d+\) is writing \S*concurrent; wait for it to finish, or remove \S*concurrent\.lock if no build is running\n$/) });
    }
    expect(runs.some((run) => run.code === 0)).toBe(true);
    expect(await leftovers(out)).toEqual([]);
    const last = await build(out);
    expect(last.code).toBe(0);
    expect(await hashTree(out)).toEqual(reference);
  });
});

describe('the swap', { timeout: 240_000 }, () => {
  it('keeps every page readable while builds replace the site', async () => {
    const out = path.join(dir, 'polled');
    expect((await build(out)).code).toBe(0);
    const pages = Object.keys(reference).filter((file) => file.endsWith('.html')).map((file) => path.join(out, file));
    // A reader in its own process, as a static server is: it opens every page in a tight loop until told to stop.
    const reader = spawn(process.execPath, ['-e', POLLER, JSON.stringify(pages)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let report = '';
    reader.stdout.on('data', (chunk) => (report += chunk));
    const done = new Promise((resolve) => reader.on('exit', resolve));
    // Each --now changes every page's date, so every build really swaps.
    for (const now of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']) expect((await build(out, ['--now', now])).code).toBe(0);
    reader.stdin.end();
    await done;
    const { reads, missing } = JSON.parse(report) as { reads: number; missing: string[] };
    expect(reads).toBeGreaterThan(pages.length * 10);
    expect(missing).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
  });

  it('after a build killed with SIGKILL while writing, the next build removes its staging folder', async () => {
    const out = path.join(dir, 'killed');
    expect((await build(out)).code).toBe(0);
    const before = await hashTree(out);
    const child = spawn(process.execPath, [BIN, 'build', '--content', content, '--out', out, '--now', '2026-11-23'], { env: { ...process.env, ...ONE }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it as soon as its staging folder exists.
    while ((await leftovers(out)).filter((name) => name.includes('.tmp-')).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGKILL');
    await exited;
    expect(await hashTree(out)).toEqual(before);
    expect((await leftovers(out)).some((name) => name.includes('.tmp-'))).toBe(true);
    expect((await build(out)).code).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    expect(await hashTree(out)).toEqual(reference);
  });

  it('a swap that stopped part way is finished by the next build, even one with errors', async () => {
    const out = path.join(dir, 'half-swapped');
    expect((await build(out, ['--now', '2026-11-23'])).code).toBe(0);
    // The state a kill mid-swap leaves: a staging folder holding the new site with its journal, half of it moved in already.
    const staging = `${out}.tmp-999999-1`;
    await cp(path.join(dir, 'reference'), staging, { recursive: true });
    const files = Object.keys(reference);
    await writeFile(path.join(staging, '.handover-swap.json'), JSON.stringify(files));
    for (const file of files.slice(0, files.length >> 1)) await rename(path.join(staging, file), path.join(out, file));
    await writeFile(`${out}.lock`, '999999 elsewhere-host\n');
    await rm(`${out}.lock`);
    // A leftover of the older two-rename swap, too.
    await mkdir(`${out}.old-999999-1`);
    const broken = path.join(dir, 'broken-content');
    await cp(content, broken, { recursive: true });
    await writeFile(path.join(broken, 'runbooks', 'broken.md'), '---\ntitle: [\n---\n');
    const run = await handover(['build', '--content', broken, '--out', out, '--now', NOW], { env: ONE });
    expect(run.code).toBe(1);
    // The content has an error, so nothing new is built; the interrupted swap was not finished either (it runs when a build writes).
    expect((await build(out)).code).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    expect(await hashTree(out)).toEqual(reference);
  });

  it('a lock left by a killed build is taken over', async () => {
    const out = path.join(dir, 'stale-lock');
    await writeFile(`${out}.lock`, `999999 ${os.hostname()}\n`);
    expect((await build(out)).code).toBe(0);
    expect(await leftovers(out)).toEqual([]);
  });
});
