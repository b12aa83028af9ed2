import { beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/index.ts';
import { searchFiles } from '../src/search/index.ts';
import { nodeStore } from '../src/search/node-store.ts';
import { search, type Store } from '../src/search/query.ts';

/** Rankings pinned on a small site: exact words first, and what the runbook page shows from its frontmatter is found. */
let store: Store;

beforeAll(async () => {
  const { site, errors } = await check({ content: 'test/fixtures/search-rank', config: 'site.config.ts', now: '2026-11-22' });
  expect(errors).toEqual([]);
  const byPath = new Map(searchFiles(site).map((f) => [f.path, String(f.content)]));
  store = nodeStore((path) => byPath.get(path));
});

async function find(query: string): Promise<string[]> {
  const { docs } = await search(store, query);
  return Promise.all(docs.map(async (n) => (await store.doc(n)).u));
}

const DEPLOY = 'runbooks/ops/deploy-app/index.html';
const DEPLOYMENTS = 'runbooks/ops/catalogue-deployments/index.html';
const INVOICES = 'runbooks/ops/invoice-sync/index.html';

describe('search ranking', () => {
  test('an exact word outranks a completion of it, typed or finished', async () => {
    // "deploy" is a common word here (three pages) and "deployments" a rare one, which by itself would rank it first.
    const typed = await find('deploy');
    expect(typed[0]).toBe(DEPLOY);
    expect(typed.indexOf(DEPLOYMENTS)).toBe(typed.length - 1);
    expect((await find('deploy '))[0]).toBe(DEPLOY);
    expect(await find('deployments')).toEqual([DEPLOYMENTS]);
  });

  test('finds fallback cases and actions, metric names, inputs, outputs, runs, escalation channels and extra values', async () => {
    for (const word of ['chargebacks', 'quarantine', 'reconciliation drift', 'stripe', 'journal', 'nightly', 'ledger-pager', 'acmesoft']) expect(await find(word), word).toEqual([INVOICES]);
  });
});

describe('a search hit in the body', () => {
  test('opens the section the passage is in; a hit in the frontmatter text opens the top of the page', async () => {
    const { check: run } = await import('../src/index.ts');
    const { hitAnchor } = await import('../src/search/snippet.ts');
    const { site } = await run({ config: 'site.config.ts', now: '2026-11-22' });
    const byPath = new Map(searchFiles(site).map((f) => [f.path, String(f.content)]));
    const example = nodeStore((path) => byPath.get(path));
    const REFUNDS = 'runbooks/support/refund-replies/index.html';
    /** The anchor the refund runbook's hit opens for `query`. */
    const anchorFor = async (query: string) => {
      const { docs, matched } = await search(example, query);
      const files = await Promise.all(docs.map((n) => example.doc(n)));
      const doc = files.find((d) => d.u === REFUNDS)!;
      return hitAnchor(doc.b, matched, doc.a);
    };
    expect(await anchorFor('nwctl workflow deploy')).toBe('rollback');
    expect(await anchorFor('messy')).toBe('practice');
    expect(await anchorFor('billing policy clause')).toBe('purpose');
    // "Chargebacks, tax questions, fraud signals or legal threats" is the page's "Goes to a human" table (frontmatter), not a body section.
    expect(await anchorFor('fraud signals')).toBe('');
  });
});
