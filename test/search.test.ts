import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/index.ts';
import type { Site } from '../src/site.ts';
import { searchDocs, type SearchDoc } from '../src/search/documents.ts';
import { searchFiles } from '../src/search/index.ts';
import { nodeStore } from '../src/search/node-store.ts';
import { MANIFEST_PATH, type Manifest } from '../src/search/protocol.ts';
import type { Store } from '../src/search/query.ts';
import type { OutFile } from '../src/render/types.ts';

let site: Site;
let docs: SearchDoc[];
let files: OutFile[];
let store: Store;

beforeAll(async () => {
  site = (await check({ content: 'test/fixtures/search', config: 'site.config.ts', now: '2026-11-22' })).site;
  docs = searchDocs(site);
  files = searchFiles(site);
  const byPath = new Map(files.map((f) => [f.path, String(f.content)]));
  store = nodeStore((path) => byPath.get(path));
});

const doc = (url: string) => docs.find((d) => d.url === url)!;
/** Every word any index file holds, as one lowercase string. */
const everything = () => files.map((f) => String(f.content)).join('\n').toLowerCase();

describe('what the search index holds', () => {
  test('one document per runbook, person and team, each linking to its page', () => {
    expect(docs.map((d) => d.url).sort()).toEqual([
      'people/dana/index.html',
      'people/ivan/index.html',
      'people/mei/index.html',
      'people/sam/index.html',
      'runbooks/billing/dispute-replies/index.html',
      'runbooks/billing/refund-replies/index.html',
      'runbooks/platform/model-gateway/index.html',
      'runbooks/platform/prompt-suite/index.html',
      'teams/platform/index.html',
      'teams/support-ops/index.html',
    ]);
  });

  test('a runbook is indexed by title, summary, tags, owner names, team and status', () => {
    const { fields, facets, show } = doc('runbooks/billing/refund-replies/index.html');
    expect(fields.title).toBe('Refund reply drafts');
    expect(fields.summary).toContain('refund tickets');
    expect(fields.tags).toBe('billing customer-care');
    expect(fields.people).toContain('Dana Whitfield');
    expect(fields.people).toContain('Ivan Petrov');
    expect(fields.team).toBe('Support Operations support-ops');
    expect(fields.status).toBe('production');
    expect(facets).toEqual({ status: 'production', team: 'support-ops', owners: ['dana', 'sam', 'ivan', 'mei'] });
    expect(show.owners).toEqual(['Dana Whitfield', 'Sam Okafor', 'Ivan Petrov', 'Mei Tanaka']);
  });

  test('the body is plain text: blocks kept apart, tables and code read, no HTML, no link targets', () => {
    const { body } = doc('runbooks/billing/refund-replies/index.html').fields;
    expect(body).toContain('Agents spent hours on chargeback questions.');
    expect(body).toContain('It reads inline markup as text only, and links to the refund policy.');
    expect(body).toContain('Pause the queue\noperations');
    expect(body).toContain('nwctl workflow pause billing/refund-replies');
    expect(body).not.toMatch(/<|htmlblockword|inlineattrword|secretpathword/);
  });

  test('what the runbook page shows from the frontmatter (runs, extra values) is indexed; extra keys, raw HTML and file paths are not', () => {
    const text = everything();
    // The page shows these (issue 11: search covers what the page shows).
    for (const shown of ['zebrafishcode', 'nightlyrunword']) expect(text, shown).toContain(shown);
    for (const hidden of ['cost_center', 'htmlblockword', 'inlineattrword', 'secretpathword']) expect(text, hidden).not.toContain(hidden);
  });

  test('people are found by name, id and job title; teams by name and lead', () => {
    expect(doc('people/dana/index.html').fields).toMatchObject({ title: 'Dana Whitfield', people: 'dana', summary: 'Head of Support' });
    expect(doc('people/dana/index.html').show.summary).toBe('Head of Support · Support Operations');
    expect(doc('teams/platform/index.html').fields).toMatchObject({ title: 'AI Platform', people: 'Ivan Petrov' });
  });

  test('files: a fixed manifest, and every other file named by a hash of its bytes, each listed once in the manifest', () => {
    const manifest = store.manifest as Manifest;
    expect(files[0]!.path).toBe(MANIFEST_PATH);
    const names = [...manifest.files.s, ...manifest.files.v, ...manifest.files.d];
    expect(files.slice(1).map((f) => f.path).sort()).toEqual(names.map((name) => `search/${name}.js`).sort());
    for (const f of files.slice(1)) {
      const name = /^search\/([0-9a-f]{12})\.js$/.exec(f.path)![1]!;
      expect(String(f.content)).toMatch(new RegExp(`^self\\.__handoverSearch&&self\\.__handoverSearch\\.load\\("${name}",`));
      expect(createHash('sha256').update(String(f.content).slice(`self.__handoverSearch&&self.__handoverSearch.load("${name}",`.length, -3)).digest('hex').slice(0, 12)).toBe(name);
    }
    expect(manifest.docs).toBe(docs.length);
    // Documents are packed a few to a file, in order: every document is in exactly one.
    expect(manifest.groups[0]).toBe(0);
    expect(manifest.groups.length).toBe(manifest.files.d.length);
    expect(manifest.files.d.length).toBeLessThan(docs.length);
  });

  test('the same site gives the same files; an edit renames only the files whose bytes changed', async () => {
    expect(searchFiles(site)).toEqual(files);
    // The example site: enough documents for several documents files.
    const example = (await check({ content: 'content', config: 'site.config.ts', now: '2026-11-22' })).site;
    const manifestOf = (list: OutFile[]) => nodeStore((p) => list.find((f) => f.path === p)?.content as string | undefined).manifest;
    const before = searchFiles(example);
    const [first, ...rest] = example.workflows;
    const after = searchFiles({ ...example, workflows: [{ ...first!, fm: { ...first!.fm, summary: `${first!.fm.summary} Zanzibarword.` } }, ...rest] });
    const [was, now] = [manifestOf(before), manifestOf(after)];
    expect(was.files.d.length).toBeGreaterThan(3);
    // Only the documents file that holds the edited runbook has a new name; every other one is the same file.
    expect(now.files.d.filter((name, i) => name !== was.files.d[i])).toHaveLength(1);
    expect(after.find((f) => f.path === `search/${now.files.d[0]}.js`)!.content).toContain('Zanzibarword');
    const kept = new Set(before.map((f) => f.path));
    expect(after.filter((f) => !kept.has(f.path)).length).toBeLessThan(after.length / 2);
  });

  test('filters offer the statuses present, every team, and the people who own a runbook', () => {
    expect(store.manifest.filters).toEqual({
      statuses: ['production', 'pilot', 'experiment', 'retired'],
      teams: [
        ['platform', 'AI Platform'],
        ['support-ops', 'Support Operations'],
      ],
      owners: [
        ['dana', 'Dana Whitfield'],
        ['ivan', 'Ivan Petrov'],
        ['mei', 'Mei Tanaka'],
        ['sam', 'Sam Okafor'],
      ],
    });
  });

  test('a hit file carries what the result shows, the title as written', async () => {
    const n = docs.findIndex((d) => d.url === 'runbooks/platform/model-gateway/index.html');
    expect(await store.doc(n)).toEqual({
      k: 'runbook',
      u: 'runbooks/platform/model-gateway/index.html',
      t: 'Model gateway <img src=x onerror="window.__pwned=1"> routing',
      x: 'Routes every model call through one gateway with retries and a cost cap.',
      s: 'experiment',
      m: 'AI Platform',
      o: ['Ivan Petrov', 'Mei Tanaka'],
      b: 'Purpose\nKeeps provider keys in one place and watches gateway latency per team.',
      // Where each body section starts, so a hit opens its section; the end of the body has no anchor.
      a: [
        [0, 'purpose'],
        [78, ''],
      ],
    });
  });

  test('an empty site still gives a manifest the client can open', () => {
    const empty = { ...site, workflows: [], people: [], teams: [] };
    const out = searchFiles(empty);
    const byPath = new Map(out.map((f) => [f.path, String(f.content)]));
    const emptyStore = nodeStore((path) => byPath.get(path));
    expect(emptyStore.manifest).toMatchObject({ docs: 0, shards: [], vocab: [] });
  });
});
