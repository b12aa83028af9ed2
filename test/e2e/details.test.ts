/**
 * `<details>`/`<summary>` in a runbook body, as a reader meets it in Chromium: folded, opened by a click
 * on its summary, with the Markdown inside it rendered (links, lists), and found by search.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PEOPLE, runbook } from '../helpers/site.ts';
import { buildAndServe, type ServedSite } from './harness.ts';

const FM = `title: Refund replies
summary: Drafts replies to refund requests.
status: experiment
review: { next: 2027-01-15 }
owners:
  maintainer: { primary: dana }
`;

const BODY = `## Purpose

Drafts replies.

## Rollback

- [ ] Turn the workflow off.

<details>
<summary>Before <b>version 2</b></summary>

Drain the legacy queue with \`qctl drain --all\`, then read [the purpose](#purpose).

- Tell the on-call.

</details>

<details open><summary>Already open</summary>

Shown from the start.

</details>
`;

let served: ServedSite;

beforeAll(async () => {
  served = await buildAndServe({ 'people.yaml': PEOPLE, 'runbooks/support/refund-replies.md': runbook(FM, BODY) });
  expect(served.result.errors).toEqual([]);
  expect(served.result.gaps.filter((g) => g.rule === 'broken-link')).toEqual([]);
});

afterAll(async () => {
  await served?.close();
});

describe('<details> in a runbook body, in Chromium', () => {
  test('renders folded, opens on a click on its summary, and holds the Markdown written inside it', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${served.url}runbooks/support/refund-replies/index.html`);
    const folds = tab.locator('.prose details');
    expect(await folds.count()).toBe(2);
    const first = folds.first();
    expect(await first.locator('summary').innerText()).toBe('Before version 2');
    const inside = first.getByText('Drain the legacy queue');
    expect(await inside.isVisible()).toBe(false);
    expect(await first.evaluate((el: HTMLDetailsElement) => el.open)).toBe(false);
    await first.locator('summary').click();
    expect(await first.evaluate((el: HTMLDetailsElement) => el.open)).toBe(true);
    expect(await inside.isVisible()).toBe(true);
    expect(await first.locator('code').innerText()).toBe('qctl drain --all');
    expect(await first.getByRole('link', { name: 'the purpose' }).getAttribute('href')).toBe('#purpose');
    expect(await first.getByRole('listitem').innerText()).toBe('Tell the on-call.');
    // HANDOVER_SHOTS=dir keeps a picture of the open fold, to look at.
    if (process.env.HANDOVER_SHOTS) await tab.screenshot({ path: path.join(process.env.HANDOVER_SHOTS, 'details.png'), fullPage: true });
    await first.locator('summary').click();
    expect(await inside.isVisible()).toBe(false);
    expect(await tab.getByText('Shown from the start.').isVisible()).toBe(true);
    await context.close();
  });

  test('search finds words that are only inside a fold, and words of its summary', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${served.url}index.html`);
    const input = tab.locator('#search-input');
    for (const query of ['qctl', 'legacy queue', 'version 2']) {
      await input.fill(query);
      const hit = tab.locator('.search-hit-link').first();
      await expect.poll(() => hit.getAttribute('href'), { timeout: 10_000 }).toBe('runbooks/support/refund-replies/index.html#rollback');
    }
    await context.close();
  });
});
