import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/build.ts';
import { launch, serve } from './harness.ts';

let browser: Browser;
let out: string;
let host: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  out = path.join(await mkdtemp(path.join(os.tmpdir(), 'handover-search-e2e-')), 'site');
  const result = await build({ content: 'test/fixtures/search', config: 'site.config.ts', now: '2026-11-22', out });
  expect(result.written).toBe(true);
  host = await serve(out, '/sub/path/');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (out) await rm(path.dirname(out), { recursive: true, force: true });
});

/** Opens `url` and collects console errors, page errors and failed requests. */
async function open(url: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`)));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

const options = (page: Page) => page.locator('#search-results [role="option"]');
const titles = (page: Page) => page.locator('#search-results .search-hit-title').allInnerTexts();

/** Waits until the results show `count` options (the query is debounced and loads files). */
async function expectCount(page: Page, count: number): Promise<void> {
  await expect.poll(() => options(page).count(), { timeout: 10_000 }).toBe(count);
}

/** Presses `/` and types `text` as a person would, key by key. */
async function typeQuery(page: Page, text: string): Promise<void> {
  await page.keyboard.press('/');
  await page.keyboard.type(text, { delay: 20 });
}

describe('search in Chromium, site served from a sub-path', () => {
  test('a query puts the expected runbook first, with its status, owners and a highlighted snippet', async () => {
    const { page, problems, close } = await open(`${host.url}index.html`);
    await typeQuery(page, 'dispute replies');
    await expect.poll(() => titles(page)).toEqual(['Dispute reply drafts', 'Refund reply drafts']);
    const first = options(page).first();
    expect(await first.locator('.status').innerText()).toBe('Pilot');
    expect(await first.locator('.search-hit-meta').innerText()).toBe('Owners: Sam Okafor, Mei Tanaka, Ivan Petrov · Team: Support Operations');
    expect(await first.locator('.search-hit-snippet mark').allInnerTexts()).toEqual(expect.arrayContaining(['disputed']));
    expect(await page.locator('[data-search-status]').innerText()).toBe('2 results');
    expect(problems).toEqual([]);
    await close();
  });

  test('a one-letter typo still finds the runbook', async () => {
    const { page, close } = await open(`${host.url}people/dana/index.html`);
    await typeQuery(page, 'refnud');
    await expect.poll(async () => (await titles(page))[0]).toBe('Refund reply drafts');
    expect(await options(page).first().locator('mark').first().innerText()).toBe('Refund');
    await close();
  });

  test('a filter narrows the results', async () => {
    const { page, close } = await open(`${host.url}index.html`);
    await typeQuery(page, 'replies');
    await expectCount(page, 2);
    await page.selectOption('select[data-search-filter="status"]', 'production');
    await expect.poll(() => titles(page)).toEqual(['Refund reply drafts']);
    await page.selectOption('select[data-search-filter="owner"]', 'mei');
    await expectCount(page, 1);
    await page.selectOption('select[data-search-filter="status"]', 'pilot');
    await page.selectOption('select[data-search-filter="team"]', 'platform');
    await expectCount(page, 0);
    expect(await page.locator('[data-search-empty]').innerText()).toBe('Nothing matches “replies”; try clearing a filter.');
    await close();
  });

  test('Enter on a result opens its page, under the sub-path', async () => {
    const { page, close } = await open(`${host.url}runbooks/platform/prompt-suite/index.html`);
    await typeQuery(page, 'replies');
    await expectCount(page, 2);
    const second = (await titles(page))[1]!;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(/\/sub\/path\/runbooks\/billing\/.+\/index\.html$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').innerText()).toContain(second);
    await close();
  });

  test('the keyboard alone: focus with /, filter, move, close with Escape, open with Enter', async () => {
    const { page, problems, close } = await open(`${host.url}index.html`);
    const input = page.locator('#search-input');
    await page.locator('[data-filters] select').first().focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('search-input');
    await page.locator('main').focus();
    await typeQuery(page, 'platform');
    await expect.poll(() => input.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => options(page).count()).toBeGreaterThan(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.searchFilter)).toBe('status');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => titles(page)).toEqual(['Model gateway <img src=x onerror="window.__pwned=1"> routing']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await options(page).first().getAttribute('id'));
    expect(await options(page).first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#search-panel').isHidden()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    await Promise.all([page.waitForURL(/runbooks\/platform\/model-gateway\/index\.html$/), page.keyboard.press('Enter')]);
    expect(problems).toEqual([]);
    await close();
  });

  test('the combobox and listbox carry their ARIA roles and names', async () => {
    const { page, close } = await open(`${host.url}index.html`);
    const input = page.locator('#search-input');
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator(`#${await input.getAttribute('aria-controls')}`).getAttribute('role')).toBe('listbox');
    expect(await page.getByRole('combobox', { name: 'Search runbooks, people and teams' }).count()).toBe(1);
    await typeQuery(page, 'okafor');
    await expect.poll(async () => (await titles(page))[0]).toBe('Sam Okafor');
    expect(await options(page).first().locator('.search-kind').innerText()).toBe('Person');
    expect(await page.getByRole('status').filter({ hasText: 'result' }).count()).toBe(1);
    await close();
  });

  test('indexed text is shown as text: a title holding HTML runs nothing', async () => {
    const { page, close } = await open(`${host.url}index.html`);
    await typeQuery(page, 'gateway');
    await expect.poll(async () => (await titles(page))[0]).toBe('Model gateway <img src=x onerror="window.__pwned=1"> routing');
    expect(await page.locator('#search-results img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await close();
  });

  test('works from file:// too: the index loads through script tags, not fetch()', async () => {
    const { page, problems, close } = await open(pathToFileURL(path.join(out, 'teams/platform/index.html')).href);
    await typeQuery(page, 'chargeback');
    await expect.poll(() => titles(page)).toEqual(['Refund reply drafts']);
    expect(problems).toEqual([]);
    await close();
  });
});
