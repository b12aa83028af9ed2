import { beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/index.ts';
import { searchFiles } from '../src/search/index.ts';
import { nodeStore } from '../src/search/node-store.ts';
import { search, type Filters, type Store } from '../src/search/query.ts';

let store: Store;

beforeAll(async () => {
  const { site } = await check({ content: 'test/fixtures/search', config: 'site.config.ts', now: '2026-11-22' });
  const byPath = new Map(searchFiles(site).map((f) => [f.path, String(f.content)]));
  store = nodeStore((path) => byPath.get(path));
});

/** Page paths of the hits, best first. */
async function find(query: string, filters: Filters = {}): Promise<string[]> {
  const { docs } = await search(store, query, filters);
  return Promise.all(docs.map(async (n) => (await store.doc(n)).u));
}

const REFUNDS = 'runbooks/billing/refund-replies/index.html';
const DISPUTES = 'runbooks/billing/dispute-replies/index.html';
const GATEWAY = 'runbooks/platform/model-gateway/index.html';

describe('search queries', () => {
  test('a title word puts its runbook first', async () => {
    expect((await find('refund'))[0]).toBe(REFUNDS);
    expect((await find('dispute replies'))[0]).toBe(DISPUTES);
  });

  test('a one-letter typo still finds the runbook: swapped, missing, extra or wrong letter', async () => {
    for (const typo of ['refnud', 'refnd', 'reffund', 'rafund']) expect((await find(typo))[0], typo).toBe(REFUNDS);
  });

  test('the word being typed is completed; a finished short word is taken as written', async () => {
    expect(await find('gat')).toEqual([GATEWAY]);
    expect(await find('gat ')).toEqual([]);
  });

  test('finds by body text, tag, owner name, team name and status', async () => {
    expect(await find('chargeback')).toEqual([REFUNDS]);
    expect(await find('llm')).toEqual([GATEWAY]);
    expect(await find('petrov')).toContain(GATEWAY);
    const whitfield = await find('whitfield');
    expect(whitfield[0]).toBe('people/dana/index.html');
    expect(whitfield.slice(1).sort()).toEqual([REFUNDS, 'teams/support-ops/index.html']);
    expect(await find('ai platform')).toContain('runbooks/platform/prompt-suite/index.html');
    expect(await find('retired')).toEqual(['runbooks/platform/prompt-suite/index.html']);
  });

  test('people and teams are found by name', async () => {
    expect((await find('okafor'))[0]).toBe('people/sam/index.html');
    expect((await find('support operations'))[0]).toBe('teams/support-ops/index.html');
  });

  test('documents matching every word come before those matching some', async () => {
    expect(await find('billing chargeback')).toEqual([REFUNDS, DISPUTES]);
    expect(await find('chargeback billing')).toEqual([REFUNDS, DISPUTES]);
  });

  test('filters narrow the hits: status, team and owner, alone or together', async () => {
    const all = await find('replies');
    expect(all).toEqual(expect.arrayContaining([REFUNDS, DISPUTES]));
    expect(await find('replies', { status: 'pilot' })).toEqual([DISPUTES]);
    expect(await find('drafts', { owner: 'dana' })).toEqual([REFUNDS]);
    expect(await find('platform', { team: 'platform' })).toEqual(expect.arrayContaining(['teams/platform/index.html', GATEWAY]));
    expect(await find('platform', { team: 'support-ops' })).toEqual([]);
    expect((await find('replies', { team: 'support-ops', owner: 'ivan' })).sort()).toEqual([DISPUTES, REFUNDS]);
    expect(await find('replies', { team: 'support-ops', owner: 'dana' })).toEqual([REFUNDS]);
  });

  test('filters alone list everything they allow', async () => {
    expect(await find('', { owner: 'mei' })).toEqual([
      'runbooks/billing/dispute-replies/index.html',
      REFUNDS,
      GATEWAY,
      'runbooks/platform/prompt-suite/index.html',
    ]);
    expect(await find('', {})).toEqual([]);
  });

  test('stop words, HTML and file paths find nothing; an extra value the page shows finds its runbook', async () => {
    for (const query of ['the', 'script', 'htmlblockword', 'secretpathword']) expect(await find(query), query).toEqual([]);
    expect(await find('zebrafishcode')).toEqual([REFUNDS]);
  });

  test('the matched terms come back for highlighting, typo-corrected', async () => {
    const { matched } = await search(store, 'refnud policy');
    expect([...matched].sort()).toEqual(['policy', 'refund']);
  });

  test('a query loads the manifest, a vocabulary file and the postings it needs, and no document', async () => {
    const { site } = await check({ content: 'test/fixtures/search', config: 'site.config.ts', now: '2026-11-22' });
    const byPath = new Map(searchFiles(site).map((f) => [f.path, String(f.content)]));
    const paths: string[] = [];
    const fresh = nodeStore(
      (path) => byPath.get(path),
      (path) => paths.push(path),
    );
    expect((await search(fresh, 'chargeback')).docs).toHaveLength(1);
    expect(paths).toEqual(['search/manifest.js', `search/${fresh.manifest.files.v[0]}.js`, `search/${fresh.manifest.files.s[0]}.js`]);
  });
});
