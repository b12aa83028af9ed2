import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { UserError } from '../src/diagnostic.ts';
import { MARKER, openStaging } from '../src/emit/index.ts';
import type { OutFile } from '../src/render/types.ts';

/** A whole site written at once through the build's staging folder and swap. */
async function emit(outDir: string, files: OutFile[]): Promise<void> {
  const staging = await openStaging(outDir);
  await staging.write(files);
  await staging.commit();
}

const NOW = '2026-11-22';
const CONFIG = path.resolve('site.config.ts');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'handover-build-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Every file under `dir` with a hash of its bytes, sorted by path. */
async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

describe('build', () => {
  test('is deterministic: the same input and --now give byte-identical trees', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const first = await build({ config: CONFIG, now: NOW, out: a });
    const second = await build({ config: CONFIG, now: NOW, out: b });
    expect(first.written && second.written).toBe(true);
    const [treeA, treeB] = [await snapshotTree(a), await snapshotTree(b)];
    expect(Object.keys(treeA).length).toBeGreaterThan(40);
    expect(treeB).toEqual(treeA);
  });

  test('writes the pages and machine-readable files the spec names', async () => {
    const out = path.join(tmp, 'files');
    await build({ config: CONFIG, now: NOW, out });
    const tree = await snapshotTree(out);
    for (const file of [
      'index.html',
      '404.html',
      'report/index.html',
      'ownership/index.html',
      'people/index.html',
      'people/dana/index.html',
      'teams/index.html',
      'runbooks/support/refund-replies/index.html',
      'report.json',
      'ownership.json',
      'ownership.csv',
      'reviews.ics',
      MARKER,
    ])
      expect(tree, file).toHaveProperty([file]);
  });

  test('a broken input leaves the previous site untouched', async () => {
    const content = path.join(tmp, 'content-broken');
    const out = path.join(tmp, 'atomic');
    await cp('content', content, { recursive: true });
    const good = await build({ config: CONFIG, content, now: NOW, out });
    expect(good.written).toBe(true);
    const before = await snapshotTree(out);
    await writeFile(path.join(content, 'runbooks', 'support', 'broken.md'), '---\ntitle: Broken\nstatus: producton\n---\n');
    const bad = await build({ config: CONFIG, content, now: NOW, out });
    expect(bad.written).toBe(false);
    expect(bad.errors.map((e) => e.rule)).toEqual(expect.arrayContaining(['invalid-value', 'missing-field']));
    expect(await snapshotTree(out)).toEqual(before);
    expect((await readdir(tmp)).filter((name) => /\.(tmp|old)-/.test(name))).toEqual([]);
  });

  test.each([
    ['the content folder', 'content'],
    ['a parent of the content folder', '..'],
    ['the project root', path.resolve('.')],
    ['a folder inside the content', 'content/site'],
  ])('refuses an out dir that is %s', async (_what, out) => {
    await expect(build({ config: CONFIG, now: NOW, out })).rejects.toBeInstanceOf(UserError);
  });

  test('refuses to replace a folder it did not write, and keeps its files', async () => {
    const out = path.join(tmp, 'user-folder');
    await mkdir(out);
    await writeFile(path.join(out, 'notes.txt'), 'mine');
    await expect(build({ config: CONFIG, now: NOW, out })).rejects.toThrow(/did not write/);
    expect(await readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('emit', () => {
  test('the swap replaces files, removes files and folders no longer in the site, and turns folders into files and back', async () => {
    const out = path.join(tmp, 'swap');
    const list = async () => (await readdir(out, { recursive: true })).map((name) => name.split(path.sep).join('/')).sort();
    await emit(out, [{ path: 'index.html', content: 'one' }, { path: 'a/b.html', content: 'ab' }, { path: 'x.html', content: 'x' }, { path: 'gone/deep/p.html', content: 'p' }]);
    await emit(out, [{ path: 'index.html', content: 'two' }, { path: 'a', content: 'a is a file now' }, { path: 'x.html/y.html', content: 'x is a folder now' }]);
    expect(await list()).toEqual([MARKER, 'a', 'index.html', 'x.html', 'x.html/y.html']);
    expect(await readFile(path.join(out, 'a'), 'utf8')).toBe('a is a file now');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('two');
    expect((await readdir(tmp)).filter((name) => name.startsWith('swap.'))).toEqual([]);
  });


  test('a write that fails midway keeps the old site and leaves no temporary folder', async () => {
    const out = path.join(tmp, 'emit');
    await emit(out, [{ path: 'index.html', content: 'old' }]);
    // A file and a folder with the same name cannot both be written.
    const failing = emit(out, [
      { path: 'a', content: 'file' },
      { path: 'a/b.html', content: 'inside' },
    ]);
    await expect(failing).rejects.toThrow();
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('old');
    expect((await readdir(tmp)).filter((name) => name.startsWith('emit.'))).toEqual([]);
  });
});
