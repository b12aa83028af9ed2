import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
let runbookIds: string[];

beforeAll(async () => {
  out = path.join(await mkdtemp(path.join(os.tmpdir(), 'handover-e2e-')), 'site');
  // Served first, so the build can be told the site's real URL (404.html links absolutely under it).
  host = await serve(out, '/team/runbooks/', { notFoundPage: true });
  const result = await build({ config: 'site.config.ts', now: '2026-11-22', out, base: host.url });
  expect(result.written).toBe(true);
  runbookIds = result.site.workflows.map((w) => w.id);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await rm(path.dirname(out), { recursive: true, force: true });
});

/** Opens a page and records every console error, page error and failed or 4xx/5xx request. */
async function open(url: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}) {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** Waits until every Mermaid block on the page holds a rendered SVG; returns how many there were. */
async function diagramsRendered(page: Page): Promise<number> {
  const count = await page.locator('pre.mermaid').count();
  if (count === 0) return 0;
  await page.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((el) => el.querySelector('svg')), undefined, { timeout: 20_000 });
  return count;
}

describe('the built site in Chromium, served from a sub-path', () => {
  test('every page loads without console errors or failed requests, and every diagram renders to SVG in light and dark mode', { timeout: 600_000 }, async () => {
    const pages = ['index.html', 'ownership/index.html', 'report/index.html', 'people/index.html', 'teams/index.html', 'people/dana/index.html', '404.html'];
    let rendered = 0;
    for (const colorScheme of ['light', 'dark'] as const)
      for (const page of [...pages, ...runbookIds.map((id) => `runbooks/${id}/index.html`)]) {
        const visit = await open(host.url + page, { colorScheme });
        rendered += await diagramsRendered(visit.page);
        const failedDiagrams = await visit.page.locator('pre.mermaid').evaluateAll((els) => els.filter((el) => !el.querySelector('svg') || /syntax error/i.test(el.textContent ?? '')).length);
        expect(failedDiagrams, `${page} (${colorScheme})`).toBe(0);
        expect(visit.problems, `${page} (${colorScheme})`).toEqual([]);
        await visit.close();
      }
    // Each production and pilot runbook has an escalation diagram; one body also holds a mermaid block.
    expect(rendered).toBeGreaterThan(2 * 11);
  });

  test('a missing page at any depth shows the styled 404 page, whose links work', async () => {
    const tab = await browser.newPage();
    const response = await tab.goto(`${host.url}runbooks/support/gone/deeper/index.html`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => tab.locator('h1').textContent()).toBe('Page not found');
    // The theme's stylesheet applied: the page is not in the browser's default serif font.
    expect(await tab.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toMatch(/^"?Times/);
    await tab.getByRole('link', { name: 'Who owns what' }).click();
    await tab.waitForURL(`${host.url}ownership/index.html`);
    expect(await tab.locator('h1').textContent()).toBe('Ownership');
    await tab.close();
  });

  test('no serious or critical axe-core violations on the main pages', { timeout: 300_000 }, async () => {
    const axe = await readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    for (const page of ['index.html', 'runbooks/support/refund-replies/index.html', 'ownership/index.html', 'report/index.html', 'people/dana/index.html']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const visit = await open(host.url + page, { colorScheme });
        await diagramsRendered(visit.page);
        await visit.page.addScriptTag({ content: axe });
        const violations = await visit.page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations, `${page} (${colorScheme})`).toEqual([]);
        await visit.close();
      }
    }
  });

  test('the ownership matrix filters by team and status, and shows every row without JS', async () => {
    const visit = await open(`${host.url}ownership/index.html`);
    const rows = visit.page.locator('#matrix tbody tr[data-status]');
    const visible = visit.page.locator('#matrix tbody tr[data-status]:visible');
    const total = await rows.count();
    expect(total).toBe(runbookIds.length);
    await visit.page.locator('[data-filters="matrix"] select[data-filter="team"]').selectOption('finance-ops');
    const financeRows = await visible.count();
    expect(financeRows).toBeGreaterThan(0);
    expect(financeRows).toBeLessThan(total);
    expect(await visible.evaluateAll((els) => els.every((el) => (el as HTMLElement).dataset.team === 'finance-ops'))).toBe(true);
    await visit.page.locator('[data-filters="matrix"] select[data-filter="status"]').selectOption('production');
    expect(await visible.evaluateAll((els) => els.every((el) => (el as HTMLElement).dataset.status === 'production'))).toBe(true);
    expect(await visit.page.locator('[data-filter-count-for="matrix"]').textContent()).toMatch(/Showing \d+ of \d+ workflows/);
    await visit.page.locator('[data-filters="matrix"] select[data-filter="team"]').selectOption('');
    await visit.page.locator('[data-filters="matrix"] select[data-filter="status"]').selectOption('');
    expect(await visible.count()).toBe(total);
    expect(visit.problems).toEqual([]);
    await visit.close();

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${host.url}ownership/index.html`);
    expect(await plain.locator('#matrix tbody tr[data-status]:visible').count()).toBe(total);
    expect(await plain.locator('[data-filters="matrix"]').isVisible()).toBe(false);
    await noJs.close();
  });

  test('the site works from file:// too, diagrams included', async () => {
    const visit = await open(pathToFileURL(path.join(out, 'runbooks/support/refund-replies/index.html')).href);
    expect(await diagramsRendered(visit.page)).toBeGreaterThan(0);
    await visit.page.getByRole('link', { name: 'Ownership' }).first().click();
    await visit.page.waitForURL(/ownership\/index\.html$/);
    expect(visit.problems).toEqual([]);
    await visit.close();
  });
});
