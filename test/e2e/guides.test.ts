import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/build.ts';
import { launch, serve } from './harness.ts';

let browser: Browser;
let tmp: string;
let example: { url: string; close: () => Promise<void> };
let fixture: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'handover-guides-e2e-'));
  const [a, b] = [path.join(tmp, 'example'), path.join(tmp, 'fixture')];
  expect((await build({ content: 'content', config: 'site.config.ts', now: '2026-11-22', out: a, cache: false })).written).toBe(true);
  expect((await build({ content: 'test/fixtures/site', config: 'site.config.ts', now: '2026-11-22', out: b, cache: false })).written).toBe(true);
  example = await serve(a, '/runbooks/');
  fixture = await serve(b, '/sub/path/');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await example?.close();
  await fixture?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Opens `url`, collecting console errors, page errors and failed requests. */
async function open(url: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`)));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

describe('guides in Chromium', () => {
  test('the home page leads with Start here, above the numbers; it opens the guide, whose links reach runbooks', async () => {
    const { page, problems, close } = await open(`${example.url}index.html`);
    const start = page.locator('.start-here');
    await expect.poll(() => start.isVisible()).toBe(true);
    const [startBox, statsBox] = [await start.boundingBox(), await page.locator('.stats').boundingBox()];
    expect(startBox!.y).toBeLessThan(statsBox!.y);
    await page.getByRole('link', { name: 'Start here', exact: true }).first().click();
    await page.waitForURL(/guides\/start-here\/index\.html$/);
    expect(await page.locator('h1').allInnerTexts()).toEqual(['Start here']);
    expect(await page.locator('.badge.status-guide').innerText()).toBe('Guide');
    expect(await page.locator('.toc a').allInnerTexts()).toEqual(['Your first week', 'Where the runbooks are', 'How to read a call card', 'How to read the report', 'Who to ask', 'About this page']);
    expect(await page.locator('#about-this-page').innerText()).toMatch(/Kept by\s+Ivan Petrov[\s\S]*every 6 months; next 2 May 2027/);
    await page.getByRole('link', { name: 'Refund reply drafts' }).click();
    await page.waitForURL(/runbooks\/support\/refund-replies\/index\.html$/);
    expect(await page.locator('h1').innerText()).toBe('Refund reply drafts');
    expect(problems).toEqual([]);
    await close();
  });

  test('search finds a guide by its words, marked Guide, and Enter opens it', async () => {
    const { page, problems, close } = await open(`${example.url}people/index.html`);
    await page.keyboard.press('/');
    await page.keyboard.type('first week', { delay: 20 });
    const first = page.locator('#search-results [role="option"]').first();
    await expect.poll(() => first.locator('.search-hit-title').innerText().catch(() => ''), { timeout: 10_000 }).toBe('Start here');
    expect(await first.locator('.search-kind').innerText()).toBe('Guide');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/guides\/start-here\/index\.html$/);
    expect(problems).toEqual([]);
    await close();
  });

  test('a runbook links to a guide, and the guide back to the runbook and to another guide, from a sub-path', async () => {
    const { page, problems, close } = await open(`${fixture.url}runbooks/ops/replies/index.html`);
    await page.locator('.prose').getByRole('link', { name: 'Start here' }).click();
    await page.waitForURL(/\/sub\/path\/guides\/start-here\/index\.html$/);
    // The stale review is on the page, with who can fix it.
    expect(await page.locator('.callout-warn').innerText()).toMatch(/review was due on 1 Nov 2026[\s\S]*Who can fix it: Last reviewer, Ana Lima/);
    await page.getByRole('link', { name: 'the glossary' }).click();
    await page.waitForURL(/guides\/how-to\/glossary\/index\.html#terms$/);
    expect(await page.locator('h1').innerText()).toBe('Glossary');
    await page.getByRole('link', { name: 'Start here' }).last().click();
    await page.getByRole('link', { name: 'the replies runbook' }).click();
    await page.waitForURL(/runbooks\/ops\/replies\/index\.html#rollback$/);
    expect(problems).toEqual([]);
    await close();
  });
});
