import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { launch, serve } from './harness.ts';

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The example site on 1 Dec, as a reader sees the Practice block, the readiness checklist and the binder. */
describe('practice, readiness and the binder in Chromium', () => {
  let browser: Browser;
  let dir: string | undefined;
  let host: Awaited<ReturnType<typeof serve>>;
  const errors: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'handover-e2e-practice-'));
    const out = path.join(dir, 'site');
    const result = await build({ content: 'content', now: '2026-12-01', out, cache: false });
    expect(result.errors).toEqual([]);
    host = await serve(out);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(page: string): Promise<Page> {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => errors.push(`${page}: ${e.message}`));
    tab.on('console', (m) => m.type() === 'error' && errors.push(`${page}: ${m.text()}`));
    await tab.goto(`${host.url}${page}`);
    return tab;
  }

  it('Dispute reply drafts: the Practice block shows the latest drill of each kind, who, how long against the target, the outcome', async () => {
    const tab = await open('runbooks/finance/dispute-replies/index.html');
    const block = tab.locator('#practice-drills');
    await expect.poll(() => block.isVisible()).toBe(true);
    expect(squash(await block.locator('p').first().innerText())).toBe('5 drills so far; the next is due by 2 May 2027 (in 152 days). One every 180 days.');
    const rows = block.locator('tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.locator('th').allInnerTexts()).toEqual(['Forced failure', 'Rerun a failed job', 'Missing or messy input', 'Weak output', 'Escalate and stop']);
    const failure = rows.first();
    expect(squash(await failure.innerText())).toMatch(/^Forced failure\s+3 Nov 2026.*Nia Brooks\s+⚠ 45 min target 30 min\s+✓ passed/);
    // The slow time is marked in words and colour, not colour alone.
    expect(await failure.locator('.mark-bad').innerText()).toContain('45 min');
    expect(squash(await rows.nth(4).locator('td').nth(2).innerText())).toBe('10 min target 30 min');
    // The table of contents reaches it.
    await tab.locator('.toc a', { hasText: 'Practice' }).click();
    await expect.poll(() => tab.evaluate(() => location.hash)).toBe('#practice-drills');
    await tab.close();
  });

  it('Expense coding: a failed drill reads as failed, with its notes', async () => {
    const tab = await open('runbooks/finance/expense-coding/index.html');
    const rerun = tab.locator('#practice-drills tr[data-kind="rerun"]');
    expect(squash(await rerun.innerText())).toMatch(/10 Nov 2026 Rerun a half-finished nightly batch Grace Mensah .*✗ failed The rerun posted every line a second time/);
    await tab.close();
  });

  it('the readiness checklist sits under Health: each item done or not, with what to do, counted in the heading', async () => {
    const tab = await open('runbooks/people/onboarding-accounts/index.html');
    const list = tab.locator('#ready-for-routine-care');
    await expect.poll(() => list.isVisible()).toBe(true);
    // Below the cards (call, health, logs and alerts), above the table of contents.
    const [cards, ready, toc] = await Promise.all(['.cards', '#ready-for-routine-care', '.toc'].map((s) => tab.locator(s).boundingBox()));
    expect(ready!.y).toBeGreaterThan(cards!.y + cards!.height - 1);
    expect(toc!.y).toBeGreaterThan(ready!.y);
    const items = list.locator('li');
    expect(await items.count()).toBe(9);
    const done = await list.locator('li.check-done .check-label').allInnerTexts();
    const todo = await list.locator('li.check-todo').allInnerTexts();
    expect(squash(await list.locator('h2').innerText())).toBe(`Ready for routine care? ${done.length}/9 ready`);
    expect(done.length + todo.length).toBe(9);
    expect(todo.map(squash)).toContain('✗ Practised: a drill passed : not done Run a drill (force one failure) and record it under drills.');
    // Screen readers hear the state, not only the icon.
    expect(await list.locator('li.check-todo .visually-hidden').first().textContent()).toBe(': not done');
    await tab.close();
    const home = await open('index.html');
    const row = home.locator('#workflows tr', { hasText: 'Onboarding account requests' });
    expect(squash(await row.locator('.ready-text').innerText())).toBe(`${done.length}/9 ready`);
    expect(squash(await home.locator('#workflows tr', { hasText: 'Dispute reply drafts' }).locator('.ready-text').innerText())).toBe('9/9 ready');
    await home.close();
  });

  it('logs and alerts sit beside Health, with who each alert notifies', async () => {
    const tab = await open('runbooks/platform/model-gateway/index.html');
    const card = tab.locator('#logs-and-alerts');
    const [health, signals] = await Promise.all([tab.locator('#health').boundingBox(), card.boundingBox()]);
    expect(Math.abs(health!.y - signals!.y)).toBeLessThan(2);
    expect(await card.locator('a', { hasText: 'Logs' }).getAttribute('href')).toBe('https://logs.example.com/platform/model-gateway');
    expect(squash(await card.locator('.alert-list li').first().innerText())).toMatch(/^Gateway error rate above 2% fires when five minutes with more than 2% of requests failing notifies Kofi Asante, AI Platform \(team\) via pager$/);
    await tab.close();
  });

  it('the binder: linked from home, every active runbook with its call list, fallback, rollback checklist and owners; printable', async () => {
    const home = await open('index.html');
    await home.locator('a', { hasText: 'Binder' }).click();
    await expect.poll(() => home.url()).toMatch(/binder\/index\.html$/);
    const entries = home.locator('.binder-entry');
    expect(await entries.count()).toBe(13);
    expect(squash(await home.locator('#binder-toc-h').innerText())).toBe('13 runbooks');
    const refunds = home.locator('#binder-support-refund-replies');
    const text = squash(await refunds.innerText());
    expect(text).toMatch(/Who to call, in order First human response within 30 min\. Level 1, at once: Tomas Reyes \(\+1 555/);
    expect(text).toContain('Goes to a human');
    expect(text).toContain('Rollback and restart');
    expect(await refunds.locator('.prose input[type="checkbox"]').count()).toBeGreaterThan(0);
    expect(text).toMatch(/Owners Business owner: Dana Whitfield/);
    // Retired and paused workflows are not in it.
    expect(await home.locator('.binder-entry', { hasText: 'Macro suggestions' }).count()).toBe(0);
    // In print: no top bar, each runbook starts a page.
    await home.emulateMedia({ media: 'print' });
    expect(await home.locator('.topbar').isVisible()).toBe(false);
    expect(await entries.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    await home.close();
    expect(errors).toEqual([]);
  });
});
