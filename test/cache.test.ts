import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { cacheDir, openParseCache } from '../src/cache/index.ts';
import { parseMany } from '../src/parse/many.ts';
import { openStore } from '../src/cache/store.ts';
import { deserializeParse, serializeParse, storable } from '../src/cache/serialize.ts';
import { loadConfig } from '../src/config-file.ts';
import { load } from '../src/load/index.ts';
import { parseRunbook } from '../src/parse/runbook.ts';
import { parseYaml } from '../src/parse/yaml.ts';

const NOW = '2026-11-22';
const EXAMPLE = path.resolve('content');
let dir: string;
let content: string;
let config: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-cache-'));
  content = path.join(dir, 'content');
  await cp(EXAMPLE, content, { recursive: true });
  config = path.join(dir, 'site.config.mjs');
  await writeFile(config, "export default { title: 'Cache test', base: 'https://example.com/runbooks/' };\n");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root`: path -> bytes. */
async function tree(root: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const pairs = await Promise.all(files.map(async (file) => [path.relative(root, file), await readFile(file)] as const));
  return new Map(pairs.sort(([a], [b]) => a.localeCompare(b)));
}

/** Asserts two out dirs hold the same paths with the same bytes. */
async function expectSameTree(actual: string, expected: string) {
  const [a, b] = await Promise.all([tree(actual), tree(expected)]);
  expect([...a.keys()]).toEqual([...b.keys()]);
  const different = [...a].filter(([file, bytes]) => !bytes.equals(b.get(file)!)).map(([file]) => file);
  expect(different).toEqual([]);
}

const out = (name: string) => path.join(dir, name);
const cached = (name: string) => build({ content, config, now: NOW, out: out(name) });
const cold = (name: string) => build({ content, config, now: NOW, out: out(name), cache: false });

describe('incremental builds', { timeout: 240_000 }, () => {
  it('give byte-identical output to a cold build, from a cold cache, a warm cache, and an unchanged out dir', async () => {
    await cold('cold');
    const first = await cached('first');
    const warm = await cached('warm');
    const { stat } = await import('node:fs/promises');
    const writtenAt = (await stat(path.join(out('warm'), 'index.html'))).mtimeMs;
    const again = await cached('warm');
    // Nothing changed, so nothing was written again.
    expect((await stat(path.join(out('warm'), 'index.html'))).mtimeMs).toBe(writtenAt);
    expect(first.written && warm.written && again.written).toBe(true);
    expect(again.pages).toBe(first.pages);
    expect(again.bytes).toBe(first.bytes);
    await expectSameTree(out('first'), out('cold'));
    await expectSameTree(out('warm'), out('cold'));
    const packs = await readdir(cacheDir(dir));
    expect(packs.filter((name) => name.startsWith('parse-') && name.endsWith('.pack'))).toHaveLength(1);
  });

  it('notice an edited runbook', async () => {
    await cached('site');
    const file = path.join(content, 'runbooks/support/refund-replies.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Refund reply drafts', 'title: Refund replies, edited'));
    await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    expect(await readFile(path.join(out('site'), 'runbooks/support/refund-replies/index.html'), 'utf8')).toContain('Refund replies, edited');
  });

  it('notice a deleted runbook and a deleted metrics file', async () => {
    await cached('site');
    await rm(path.join(content, 'runbooks/marketing/competitor-digest.md'));
    await rm(path.join(content, 'metrics/support/refund-replies.csv'));
    await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    expect((await tree(out('site'))).has('runbooks/marketing/competitor-digest/index.html')).toBe(false);
  });

  it('notice a renamed runbook', async () => {
    await cached('site');
    await rename(path.join(content, 'runbooks/marketing/competitor-digest.md'), path.join(content, 'runbooks/marketing/rival-digest.md'));
    await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    const files = await tree(out('site'));
    expect(files.has('runbooks/marketing/rival-digest/index.html')).toBe(true);
    expect(files.has('runbooks/marketing/competitor-digest/index.html')).toBe(false);
  });

  it('notice a changed people.yaml and a changed config', async () => {
    await cached('site');
    const people = path.join(content, 'people.yaml');
    await writeFile(people, (await readFile(people, 'utf8')).replace('name: Dana Whitfield', 'name: Dana Whitfield-Ng'));
    await writeFile(config, "export default { title: 'Cache test, renamed', base: 'https://example.com/runbooks/' };\n");
    await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    expect(await readFile(path.join(out('site'), 'index.html'), 'utf8')).toContain('Cache test, renamed');
  });

  it('keep what validation and the metrics CSVs made of clean files, and read an edited CSV or a broken runbook again', async () => {
    await cold('cold');
    await cached('site');
    const pack = path.join(cacheDir(dir), (await readdir(cacheDir(dir))).find((name) => name.startsWith('derived-') && name.endsWith('.pack'))!);
    const entries = async () => { const bytes = await readFile(pack); return Object.keys(JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0)))).length; };
    const loaded = await load(content, 5 << 20);
    const runbooks = loaded.files.filter((file) => file.kind === 'runbook').length;
    const csvs = loaded.files.filter((file) => file.kind === 'metrics').length;
    expect(csvs).toBeGreaterThan(2);
    // Every runbook of the example is clean: its frontmatter, each CSV's observations, and people.yaml's people and teams.
    expect(await entries()).toBe(runbooks + csvs + 1);
    const again = await cached('again');
    expect(again.errors).toEqual([]);
    await expectSameTree(out('again'), out('cold'));
    // An edited CSV is read again, with its new row; a runbook made invalid is validated again, every time.
    const csv = path.join(content, 'metrics/support/refund-replies.csv');
    const rows = (await readFile(csv, 'utf8')).trimEnd().split('\n');
    await writeFile(csv, `${[...rows, rows.at(-1)!.replace(/^\d{4}-\d{2}-\d{2}/, '2026-11-21')].join('\n')}\n`);
    const file = path.join(content, 'runbooks/support/refund-replies.md');
    const broken = (await readFile(file, 'utf8')).replace(/^status: \w+$/m, 'status: sometimes');
    await cached('edited');
    await cold('edited-cold');
    await expectSameTree(out('edited'), out('edited-cold'));
    await writeFile(file, broken);
    const first = await cached('broken');
    const second = await cached('broken');
    expect(first.errors.map((e) => `${e.rule} ${path.relative(content, e.file ?? "")}:${e.line}:${e.column} ${e.field}`)).toEqual(["invalid-value runbooks/support/refund-replies.md:4:9 status"]);
    expect(second.errors).toEqual(first.errors);
    // And people.yaml: kept when clean, checked again when it names a team that does not exist.
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: sometimes', 'status: production'));
    const people = path.join(content, 'people.yaml');
    await writeFile(people, (await readFile(people, 'utf8')).replace('team: support-ops', 'team: support-opz'));
    const wrongTeam = [await cached('people'), await cached('people')].map((result) => result.errors.map((e) => `${e.rule} ${e.line}:${e.column} ${e.field}`));
    expect(wrongTeam[0]).toEqual(['unknown-team 29:11 people[0].team']);
    expect(wrongTeam[1]).toEqual(wrongTeam[0]);
  });

  it('rebuild an out dir that was changed after the build', async () => {
    await cached('site');
    await rm(path.join(out('site'), 'report/index.html'));
    await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
  });

  it('remove a file put into the out dir by hand, on an edit too, and record the out dir as the build left it', async () => {
    await cached('site');
    await writeFile(path.join(out('site'), 'runbooks/stray.html'), '<p>not ours</p>');
    await writeFile(path.join(out('site'), 'stray.txt'), 'not ours either');
    await writeFile(path.join(content, 'runbooks/sales/meeting-notes.md'), `${await readFile(path.join(content, 'runbooks/sales/meeting-notes.md'), 'utf8')}\nOne more line.\n`);
    const edited = await cached('site');
    expect(edited.rendered).toBeLessThan(edited.pages);
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    // The record lists exactly what the swap left: the next build over it has nothing to do.
    expect((await cached('site')).upToDate).toBe(true);
  });

  it('treat a damaged cache as empty', async () => {
    await cached('site');
    const packs = (await readdir(cacheDir(dir))).filter((name) => name.endsWith('.pack'));
    for (const pack of packs) await writeFile(path.join(cacheDir(dir), pack), 'not a pack');
    await rm(path.join(cacheDir(dir), 'builds'), { recursive: true, force: true });
    await cached('again');
    await cold('cold');
    await expectSameTree(out('again'), out('cold'));
  });
});

/** Inode and modification time of every file under `root`: a file rewritten (or replaced by a rename) gets a new pair. */
async function identities(root: string): Promise<Map<string, string>> {
  const { stat } = await import('node:fs/promises');
  const files = [...(await tree(root)).keys()];
  return new Map(await Promise.all(files.map(async (file) => {
    const info = await stat(path.join(root, file));
    return [file, `${info.ino}:${info.mtimeMs}`] as const;
  })));
}

describe('an edit rebuilds only what it changed', { timeout: 240_000 }, () => {
  const PAGE = 'runbooks/support/refund-replies/index.html';
  const OTHER = 'runbooks/marketing/competitor-digest/index.html';
  const edit = async (file: string, from: string, to: string) => {
    const text = await readFile(path.join(content, file), 'utf8');
    expect(text).toContain(from);
    await writeFile(path.join(content, file), text.replace(from, to));
  };

  it('renders only pages whose view changed, writes only files whose bytes changed, and equals a cold build', async () => {
    const first = await cached('site');
    expect(first.rendered).toBe(first.pages);
    const before = await tree(out('site'));
    const seen = await identities(out('site'));
    await edit('runbooks/support/refund-replies.md', 'title: Refund reply drafts', 'title: Refund replies, edited');
    const second = await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    const after = await tree(out('site'));
    expect(after.get(PAGE)!.toString()).toContain('Refund replies, edited');
    // The edited page and the pages that show the title were rendered again; most were not.
    expect(second.rendered).toBeGreaterThan(0);
    expect(second.rendered).toBeLessThan(second.pages / 2);
    expect(second.pages).toBe(first.pages);
    // A file with the same bytes is the very file the first build wrote; every other one was written.
    const same = [...after.keys()].filter((file) => before.get(file)?.equals(after.get(file)!));
    const now = await identities(out('site'));
    expect(same).toContain(OTHER);
    expect(same.filter((file) => now.get(file) !== seen.get(file))).toEqual([]);
    expect(second.filesWritten).toBe(after.size - same.length);
    expect(second.bytes).toBe(first.bytes + ([...after.values()].reduce((n, b) => n + b.length, 0) - [...before.values()].reduce((n, b) => n + b.length, 0)));
  });

  it('after a people.yaml edit alone, renders the pages that name the person and equals a cold build', async () => {
    await cached('site');
    await edit('runbooks/support/refund-replies.md', 'title: Refund reply drafts', 'title: Refund replies, edited');
    // The second build keeps most runbook pages by their inputs key; the third must still see the new phone number.
    await cached('site');
    await edit('people.yaml', 'phone: "+1 555 0100"', 'phone: "+1 555 0199"');
    const again = await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    expect(await readFile(path.join(out('site'), PAGE), 'utf8')).toContain('tel:+15550199');
    expect(again.rendered).toBeGreaterThan(0);
  });

  it('removes the page of a removed runbook and keeps the rest where they are', async () => {
    await cached('site');
    const seen = await identities(out('site'));
    await rm(path.join(content, 'runbooks/marketing/competitor-digest.md'));
    const again = await cached('site');
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    const files = await tree(out('site'));
    expect(files.has(OTHER)).toBe(false);
    expect(again.rendered).toBeLessThan(again.pages);
    // A runbook page that neither links to the removed one nor shares its team is untouched.
    expect((await identities(out('site'))).get('runbooks/sales/quote-drafts/index.html')).toBe(seen.get('runbooks/sales/quote-drafts/index.html'));
  });

  it.each([
    ['--now', async () => NOW.replace('22', '23')],
    ['the config', async () => {
      await writeFile(config, "export default { title: 'Cache test, renamed', base: 'https://example.com/runbooks/' };\n");
      return NOW;
    }],
    ["the site's templates", async () => {
      await mkdir(path.join(dir, 'templates/partials'), { recursive: true });
      await cp(path.resolve('templates/partials/breadcrumbs.hbs'), path.join(dir, 'templates/partials/breadcrumbs.hbs'));
      await edit('../templates/partials/breadcrumbs.hbs', '<nav', '<nav data-edited');
      return NOW;
    }],
    ["the site's theme", async () => {
      await mkdir(path.join(dir, 'theme'), { recursive: true });
      await writeFile(path.join(dir, 'theme/site.css'), '.x { color: green; }\n');
      return NOW;
    }],
  ])('renders every page again after a change to %s', async (_, change) => {
    await cached('site');
    await edit('runbooks/support/refund-replies.md', 'title: Refund reply drafts', 'title: Refund replies, edited');
    await cached('site');
    const now = await change();
    const again = await build({ content, config, now, out: out('site') });
    expect(again.rendered).toBe(again.pages);
    await build({ content, config, now, out: out('cold'), cache: false });
    await expectSameTree(out('site'), out('cold'));
  });

  it.each([
    ['not JSON', () => '{"runbooks'],
    ['other JSON', () => '[1,2,3]'],
    ['entries of the wrong shape', (text: string) => JSON.stringify(Object.fromEntries(Object.keys(JSON.parse(text) as object).map((page) => [page, ['x', 'not a list', []]])))],
    ['every page given the links of no page', (text: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, unknown[]>).map(([page, entry]) => [page, [entry[0], [], []]])))],
  ])('a damaged views file (%s) renders what it must, and the build equals a cold one', async (_, damage) => {
    await cached('site');
    const builds = path.join(cacheDir(dir), 'builds');
    const views = path.join(builds, (await readdir(builds)).find((name) => name.endsWith('.views.json'))!);
    await writeFile(views, damage(await readFile(views, 'utf8')));
    await edit('runbooks/support/refund-replies.md', 'title: Refund reply drafts', 'title: Refund replies, edited');
    const again = await cached('site');
    expect(again.errors).toEqual([]);
    // A views file that is not the one the record names is not read at all: every page is rendered.
    expect(again.rendered).toBe(again.pages);
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
  });

  it('a swap of an incremental build killed part way is finished whole by the next build', async () => {
    const { recover } = await import('../src/emit/swap.ts');
    await cached('site');
    const before = await tree(out('site'));
    await edit('runbooks/support/refund-replies.md', 'title: Refund reply drafts', 'title: Refund replies, edited');
    await cold('next');
    const next = await tree(out('next'));
    // What an incremental build leaves when killed after its journal: only the changed files staged, every file journaled.
    const staging = `${out('site')}.tmp-999999-1`;
    const changed = [...next.keys()].filter((file) => !before.get(file)?.equals(next.get(file)!));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(next.size);
    for (const file of changed) {
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
      await writeFile(path.join(staging, file), next.get(file)!);
    }
    await writeFile(path.join(staging, '.handover-swap.json'), JSON.stringify([...next.keys()].map((file) => file.split(path.sep).join('/'))));
    // Half of the staged files were moved in before the kill.
    for (const file of changed.slice(0, changed.length >> 1)) {
      await mkdir(path.dirname(path.join(out('site'), file)), { recursive: true });
      await rename(path.join(staging, file), path.join(out('site'), file));
    }
    await recover(out('site'));
    await expectSameTree(out('site'), out('next'));
    // The next build over it comes out as a cold build does.
    await cached('site');
    await expectSameTree(out('site'), out('next'));
  });
});

/** Rewrites the parse pack with each entry's text passed through `damage` (the pack format of src/cache/store.ts). */
async function rewriteEntries(pack: string, damage: (text: string, n: number) => string) {
  const bytes = await readFile(pack);
  const length = bytes.readUInt32LE(0);
  const table = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as Record<string, [number, number]>;
  const data = bytes.subarray(4 + length);
  const texts = Object.entries(table).map(([hash, [at, size]], n) => [hash, damage(data.toString('utf8', at, at + size), n)] as const);
  const index: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [hash, text] of texts) {
    index[hash] = [offset, Buffer.byteLength(text)];
    offset += Buffer.byteLength(text);
  }
  const head = Buffer.from(JSON.stringify(index));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  await writeFile(pack, Buffer.concat([size, head, ...texts.map(([, text]) => Buffer.from(text))]));
}

describe('a damaged cache counts as empty', { timeout: 240_000 }, () => {
  const packOf = async (kind = 'parse') => path.join(cacheDir(dir), (await readdir(cacheDir(dir))).find((name) => name.startsWith(`${kind}-`) && name.endsWith('.pack'))!);
  const recordOf = async () => path.join(cacheDir(dir), 'builds', (await readdir(path.join(cacheDir(dir), 'builds')))[0]!);
  /** An entry's JSON, under its seal (a 27-character hash of the JSON, see serialize.ts). */
  const stored = (text: string) => JSON.parse(text.slice(27)) as { value: unknown; places: string; body: Record<string, unknown> };
  /** Each way a cache file can be damaged: the file, and what is done to it. */
  const damages: [string, () => Promise<void>][] = [
    ['a truncated parse pack', async () => {
      const pack = await packOf();
      await writeFile(pack, (await readFile(pack)).subarray(0, 5000));
    }],
    ['a parse pack whose index is not JSON', async () => {
      const pack = await packOf();
      const bytes = await readFile(pack);
      bytes.write('}{', 4);
      await writeFile(pack, bytes);
    }],
    ['a parse pack whose index points past its end', async () => {
      const pack = await packOf();
      const bytes = await readFile(pack);
      await writeFile(pack, Buffer.concat([bytes.subarray(0, bytes.readUInt32LE(0) + 4), Buffer.from('{}')]));
    }],
    ['parse entries replaced by other JSON', () => rewriteEntries(packOf0(), (_, n) => ['{"x":1}', 'null', '[]', '"text"', '{"value":{},"body":{}}'][n % 5]!)],
    ['parse entries cut short', () => rewriteEntries(packOf0(), (text) => text.slice(0, text.length >> 1))],
    ['parse entries with one character changed under their seal', () => rewriteEntries(packOf0(), (text) => text.replace('"html":"', '"html":"x'))],
    ['parse entries whose seal is missing', () => rewriteEntries(packOf0(), (text) => text.slice(27))],
    ['derived entries (frontmatter, observations) with one character changed under their seal', async () => rewriteEntries(await packOf('derived'), (text) => text.replace(/:"/, ':"x').replace(/:(\d)/, ':9$1'))],
    ['a truncated derived pack', async () => {
      const derived = await packOf('derived');
      await writeFile(derived, (await readFile(derived)).subarray(0, 3000));
    }],
    ['parse entries whose place table is not JSON', () => rewriteEntries(packOf0(), (text) => JSON.stringify({ ...stored(text), places: 'undefined' }))],
    ['parse entries whose place table is other JSON', () => rewriteEntries(packOf0(), (text) => JSON.stringify({ ...stored(text), places: '{"c":{"title":{"p":"x"}}}' }))],
    ['parse entries whose body lacks a field', () => rewriteEntries(packOf0(), (text) => JSON.stringify({ ...stored(text), body: { ...stored(text).body, links: undefined } }))],
    ['a truncated build record', async () => {
      const record = await recordOf();
      await writeFile(record, (await readFile(record)).subarray(0, 40));
    }],
    ['a build record replaced by other JSON', async () => writeFile(await recordOf(), '"undefined"')],
    ['a build record with the right fingerprint and wrong figures', async () => {
      const record = await recordOf();
      await writeFile(record, JSON.stringify({ ...JSON.parse(await readFile(record, 'utf8')), pages: 'many' }));
    }],
    ['a build record with the right fingerprint and a wrong file list', async () => {
      const record = await recordOf();
      await writeFile(record, JSON.stringify({ ...JSON.parse(await readFile(record, 'utf8')), files: 'all of them' }));
    }],
    ['an empty build record', async () => writeFile(await recordOf(), '')],
  ];
  let pack = '';
  const packOf0 = () => pack;

  it.each(damages)('%s', async (_, damage) => {
    const first = await cached('site');
    expect(first.pages).toBeGreaterThan(40);
    pack = await packOf();
    await damage();
    // Built again over the same out dir from the damaged cache: the output of a build without a cache.
    const again = await cached('site');
    expect(again.errors).toEqual([]);
    expect(again.pages).toBe(first.pages);
    await cold('cold');
    await expectSameTree(out('site'), out('cold'));
    // And the cache is whole again: the next build has nothing to do.
    const repaired = await cached('site');
    expect(repaired.upToDate).toBe(true);
    expect(repaired.pages).toBe(first.pages);
  });
});

describe('the parse pack', () => {
  it('keeps the entries still used, replaces a damaged one with what was kept for it, and drops the rest', async () => {
    const folder = path.join(dir, 'packs');
    const first = await openStore(folder, 'parse', 'k');
    first.keep('a', 'entry a, é');
    first.keep('b', 'entry b');
    first.keep('c', 'entry c, damaged');
    first.keep('gone', 'not used again');
    await first.save();
    const second = await openStore(folder, 'parse', 'k');
    // a and b are kept as read (their bytes are written again as they are), c is re-made, d is new.
    second.keep('a', second.get('a')!);
    second.keep('b', second.get('b')!);
    expect(second.get('c')).toBe('entry c, damaged');
    second.keep('c', 'entry c, made again');
    second.keep('d', 'entry d');
    await second.save();
    const third = await openStore(folder, 'parse', 'k');
    expect(['a', 'b', 'c', 'd', 'gone'].map((hash) => third.get(hash))).toEqual(['entry a, é', 'entry b', 'entry c, made again', 'entry d', undefined]);
    expect(await readdir(folder)).toEqual(['parse-k.pack']);
  });
});

describe('the parse cache', { timeout: 120_000 }, () => {
  it('reuses unchanged and renamed runbooks and parses only edited ones', async () => {
    const { config: resolved } = await loadConfig(config);
    const sources = async () => (await load(content, resolved.maxFileBytes)).files.filter((file) => file.kind === 'runbook');
    const first = await openParseCache(dir, resolved);
    await first.parse(await sources());
    await first.save();
    expect(first.stats).toEqual({ hits: 0, misses: 15 });
    await rename(path.join(content, 'runbooks/sales/quote-drafts.md'), path.join(content, 'runbooks/sales/quotes.md'));
    const edited = path.join(content, 'runbooks/sales/meeting-notes.md');
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nOne more line.\n`);
    const second = await openParseCache(dir, resolved);
    const parsed = await second.parse(await sources());
    expect(second.stats).toEqual({ hits: 14, misses: 1 });
    expect(parsed.map((p) => p.source.id)).toContain('sales/quotes');
  });

  it('keeps people.yaml read once: the next check reads it from the cache, with the same places and the same errors', async () => {
    const { config: resolved } = await loadConfig(config);
    const people = path.join(content, 'people.yaml');
    // A duplicate person id is an error of valid YAML, placed by the file's place table.
    const text = (await readFile(people, 'utf8')).replace(/^people:\n/m, 'people:\n  - { id: dana, name: Dana Again }\n');
    await writeFile(people, text);
    const read = async () => {
      const cache = await openParseCache(dir, resolved);
      const source = (await load(content, resolved.maxFileBytes)).files.find((file) => file.kind === 'people')!;
      const yaml = cache.yaml(source);
      await cache.save();
      return { yaml, stats: cache.stats, source };
    };
    const first = await read();
    const second = await read();
    const fresh = parseYaml(text, 'people.yaml');
    expect(second.yaml.value).toEqual(fresh.value);
    for (const p of [['people', 0, 'id'], ['people', 3, 'away', 0, 'from'], ['teams', 1], ['people', 99]])
      expect([second.yaml.place(p), second.yaml.place(p, { key: true }), second.yaml.has(p)]).toEqual([fresh.place(p), fresh.place(p, { key: true }), fresh.has(p)]);
    // Served from the store: the entry the first check kept is the one the second read back.
    const packs = (await readdir(cacheDir(dir))).filter((name) => name.startsWith('parse-'));
    expect(packs).toHaveLength(1);
    expect(await readFile(path.join(cacheDir(dir), packs[0]!), 'utf8')).toContain('Dana Again');
    expect(first.yaml).not.toBe(second.yaml);
    const checked = async () => (await build({ content, config, now: NOW, out: out('people') })).errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.rule} ${e.message}`);
    const errors = await checked();
    expect(errors).toEqual([expect.stringMatching(/people\.yaml:27:9 duplicate-id the id "dana" is used twice/)]);
    expect(await checked()).toEqual(errors);
  });

  it('stores a parse whose places answer like the YAML document does', async () => {
    const { config: resolved } = await loadConfig(config);
    const sources = (await load(content, resolved.maxFileBytes)).files.filter((file) => file.kind === 'runbook');
    const paths: (string | number)[][] = [[], ['title'], ['owners', 'business', 'primary'], ['owners', 'nobody', 'primary'], ['metrics', 0, 'target'], ['metrics', 7], ['metrics', '0'], ['escalation', 'levels', 1, 'notify', 0], ['review', 'last', 'deeper'], ['extra', 'cost_center']];
    for (const source of sources) {
      const parsed = parseRunbook(source);
      expect(storable(parsed)).toBe(true);
      const copy = deserializeParse(source, serializeParse(parsed))!;
      expect(copy.body).toEqual(parsed.body);
      // The parse keeps a table of places, not the document: compare both with the document itself.
      const original = { frontmatter: parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(source.text)![1]!, source.path, 2) };
      expect(copy.frontmatter!.value).toEqual(original.frontmatter.value);
      expect(parsed.frontmatter!.value).toEqual(original.frontmatter.value);
      for (const p of paths) {
        expect(copy.frontmatter!.place(p)).toEqual(original.frontmatter!.place(p));
        expect(copy.frontmatter!.place(p, { key: true })).toEqual(original.frontmatter!.place(p, { key: true }));
        expect(copy.frontmatter!.has(p)).toBe(original.frontmatter!.has(p));
        expect(parsed.frontmatter!.place(p, { key: true })).toEqual(original.frontmatter!.place(p, { key: true }));
      }
    }
  });

  it('keeps a body with <details> and other raw HTML the same through the cache and on worker threads', async () => {
    const file = path.join(content, 'runbooks/sales/folds.md');
    const body = '## Purpose\n\nx\n\n<details open class="x">\n<summary>Old <b>steps</b></summary>\n\nSee [purpose](#Purpose).\n\n</details>\n\n<div onclick="alert(1)">text</div> <kbd>k</kbd>\n';
    await writeFile(file, `---\ntitle: Folds\nsummary: S\nstatus: retired\n---\n\n${body}`);
    const { config: resolved } = await loadConfig(config);
    const sources = async () => (await load(content, resolved.maxFileBytes)).files.filter((f) => f.kind === 'runbook');
    const source = (await sources()).find((f) => f.id === 'sales/folds')!;
    const parsed = parseRunbook(source);
    expect(parsed.body.html).toContain('<details open>\n<summary>Old steps</summary>\n<p>See <a href="@0">purpose</a>.</p>\n</details>');
    expect(parsed.body.links).toEqual([{ url: '#Purpose', line: 14, column: 5, image: false }]);
    expect(deserializeParse(source, serializeParse(parsed))!.body).toEqual(parsed.body);
    const [there] = await parseMany([source], { workers: 1, main: false });
    expect(there!.body).toEqual(parsed.body);
    const first = await openParseCache(dir, resolved);
    await first.parse(await sources());
    await first.save();
    const second = await openParseCache(dir, resolved);
    const again = (await second.parse(await sources())).find((p) => p.source.id === 'sales/folds')!;
    expect(second.stats.misses).toBe(0);
    expect(again.body).toEqual(parsed.body);
  });

  it('gives the same parses on worker threads as on the main thread', async () => {
    const sources = (await load(content, 5 << 20)).files.filter((file) => file.kind === 'runbook');
    const here = sources.map(parseRunbook);
    const there = await parseMany(sources, { workers: 1, main: false });
    expect(there.map((p) => p.body)).toEqual(here.map((p) => p.body));
    expect(there.map((p) => p.frontmatter?.value)).toEqual(here.map((p) => p.frontmatter?.value));
  });
});
