import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { pageTable } from '../src/render/registry.ts';
import { renderContext } from '../src/render/types.ts';

/**
 * A build keeps a runbook or person page without making its view when the page's inputs key (src/render/inputs.ts)
 * is the one it was made from. That is only sound if the key changes whenever the view does: here every
 * kind of input a runbook page reads is edited, and every page whose key stayed the same must have the
 * same view, byte for byte, while the pages the edit reaches get a new key.
 */

const NOW = '2026-11-22';
let dir: string;
let content: string;
let config: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-inputs-'));
  content = path.join(dir, 'content');
  await cp(path.resolve('content'), content, { recursive: true });
  config = path.join(dir, 'site.config.mjs');
  await writeFile(config, "export default { title: 'Inputs test', base: 'https://example.com/' };\n");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every page's inputs key and view (as JSON), by path, for the kinds that have a key (runbooks, people). */
async function pages(now = NOW): Promise<Map<string, { inputs: string | undefined; view: string }>> {
  const result = await check({ content, config, now, cache: true, history: false });
  expect(result.errors).toEqual([]);
  const ctx = renderContext(result, result.config.base, { css: [], js: [], mermaid: '' });
  const found = new Map<string, { inputs: string | undefined; view: string }>();
  for (const [page, make] of pageTable(ctx)) if (make.inputs) found.set(page, { inputs: make.inputs(), view: JSON.stringify(make()) });
  return found;
}

async function edit(file: string, from: string | RegExp, to: string) {
  const text = await readFile(path.join(content, file), 'utf8');
  expect(text).toMatch(from);
  await writeFile(path.join(content, file), text.replace(from, to));
}

const GATEWAY = 'runbooks/platform/model-gateway/index.html';
const REGRESSION = 'runbooks/platform/prompt-regression/index.html';
const TRIAGE = 'runbooks/support/ticket-triage/index.html';
const KOFI = 'people/kofi/index.html';
const RAJ = 'people/raj/index.html';

describe("a runbook page's inputs key", { timeout: 120_000 }, () => {
  it.each<[string, () => Promise<string | void>, string[], 'local' | 'site-wide']>([
    // prompt-regression links to model-gateway.md#rollback: the heading's new name breaks that link.
    ['a heading another runbook links to', () => edit('runbooks/platform/model-gateway.md', '## Rollback', '## Rolling back'), [GATEWAY, REGRESSION], 'local'],
    ['the title of a runbook others link to', () => edit('runbooks/platform/model-gateway.md', 'title: Model gateway', 'title: Model gateway, renamed'), [GATEWAY, KOFI, RAJ], 'local'],
    ['the owners of one runbook', () => edit('runbooks/platform/model-gateway.md', 'responder:  { primary: kofi, backup: raj }', 'responder:  { primary: raj, backup: kofi }'), [GATEWAY, KOFI, RAJ], 'local'],
    ['a body', () => appendFile(path.join(content, 'runbooks/support/ticket-triage.md'), '\nOne more line.\n'), [TRIAGE], 'local'],
    ['a person in people.yaml', () => edit('people.yaml', 'contact: { email: kofi.asante@example.com', 'contact: { email: kofi@example.com'), [GATEWAY, KOFI], 'site-wide'],
    ['a metrics CSV', () => appendFile(path.join(content, 'metrics/platform/model-gateway.csv'), '2026-11-20,Gateway availability,97.10\n'), [GATEWAY], 'local'],
    ['a removed runbook that others link to', async () => { await rm(path.join(content, 'runbooks/platform/model-gateway.md')); await rm(path.join(content, 'metrics/platform/model-gateway.csv')); }, [REGRESSION], 'local'],
    ['--now', async () => '2026-11-23', [GATEWAY, TRIAGE], 'site-wide'],
    // A guide heading a runbook links to (the link is added first, so the before state has it).
    ['a heading of a guide a runbook links to', () => edit('guides/start-here.md', '## Who to ask', '## Whom to ask'), [TRIAGE], 'local'],
  ])('changes with %s, and a page whose key did not change has the same view', async (_, change, reached, reach) => {
    await appendFile(path.join(content, 'runbooks/support/ticket-triage.md'), '\nNew here? Read [who to ask](../../guides/start-here.md#who-to-ask).\n');
    const before = await pages();
    const now = (await change()) || NOW;
    const after = await pages(now);
    const same = [...after].filter(([page, { inputs }]) => before.get(page)?.inputs === inputs);
    // A page that kept its key would be kept as it was: its view must not have changed.
    expect(same.filter(([page, { view }]) => view !== before.get(page)!.view).map(([page]) => page)).toEqual([]);
    for (const page of reached) {
      expect(after.get(page)!.inputs, `${page} is reached by the edit`).not.toBe(before.get(page)!.inputs);
      expect(after.get(page)!.view).not.toBe(before.get(page)!.view);
    }
    // Not a key that changes with everything: a local edit leaves most pages' keys alone (people.yaml and the day reach every page).
    if (reach === 'local') expect(same.length).toBeGreaterThan(after.size / 2);
    else expect(same).toEqual([]);
  });

  it('is the same for the same content, and there is none without a cache (every page is then made)', async () => {
    const first = await pages();
    const again = await pages();
    expect([...again].map(([page, { inputs }]) => [page, inputs])).toEqual([...first].map(([page, { inputs }]) => [page, inputs]));
    expect(first.size).toBeGreaterThan(10);
    expect([...first.values()].every(({ inputs }) => typeof inputs === 'string' && inputs.length > 10)).toBe(true);
    const uncached = await check({ content, config, now: NOW, cache: false, history: false });
    const ctx = renderContext(uncached, uncached.config.base, { css: [], js: [], mermaid: '' });
    const keys = [...pageTable(ctx).values()].flatMap((make) => (make.inputs ? [make.inputs()] : []));
    expect(keys).toHaveLength(first.size);
    expect(keys.every((key) => key === undefined)).toBe(true);
  });
});
