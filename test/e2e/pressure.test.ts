import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/build.ts';
import { launch, serve } from './harness.ts';

/** The site under pressure: a phone screen, dark mode and print, page by page as a reader sees it. */
let browser: Browser;
let out: string;
let host: { url: string; close: () => Promise<void> };
let runbooks: string[];

/** One page of every kind the site has. */
const KINDS: Record<string, string> = {
  home: 'index.html',
  runbook: 'runbooks/support/refund-replies/index.html',
  ownership: 'ownership/index.html',
  people: 'people/index.html',
  person: 'people/dana/index.html',
  teams: 'teams/index.html',
  team: 'teams/support-ops/index.html',
  report: 'report/index.html',
  guide: 'guides/start-here/index.html',
  '404': '404.html',
};

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

beforeAll(async () => {
  out = path.join(await mkdtemp(path.join(os.tmpdir(), 'handover-pressure-')), 'site');
  host = await serve(out, '/team/runbooks/');
  const result = await build({ config: 'site.config.ts', now: '2026-11-22', out, base: host.url });
  expect(result.written).toBe(true);
  runbooks = result.site.workflows.map((w) => `runbooks/${w.id}/index.html`);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await rm(path.dirname(out), { recursive: true, force: true });
});

async function open(page: string, viewport = DESKTOP, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  const tab = await context.newPage();
  await tab.goto(host.url + page, { waitUntil: 'load' });
  return { tab, close: () => context.close() };
}

async function diagramsDrawn(tab: Page): Promise<void> {
  await tab.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((el) => el.querySelector('svg')), undefined, { timeout: 20_000 });
}

/** The smallest rendered font size of any label in the page's first diagram, in CSS px as drawn. */
function smallestLabel(tab: Page): Promise<number> {
  return tab.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('pre.mermaid svg')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const labels = [...svg.querySelectorAll('.nodeLabel, .edgeLabel, text, small')].filter((el) => el.textContent?.trim());
    return Math.min(...labels.map((el) => parseFloat(getComputedStyle(el).fontSize) * scale));
  });
}

describe('on a phone (390 x 844)', () => {
  test('no page kind scrolls sideways', { timeout: 120_000 }, async () => {
    const widths: Record<string, number> = {};
    for (const [kind, page] of Object.entries(KINDS)) {
      const visit = await open(page, PHONE);
      if (kind === 'runbook') await diagramsDrawn(visit.tab);
      widths[kind] = await visit.tab.evaluate(() => document.documentElement.scrollWidth);
      await visit.close();
    }
    expect(widths).toEqual(Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, 390])));
    // Every runbook too: each has its own long words, missing sections and tables.
    const wide: string[] = [];
    for (const page of runbooks) {
      const visit = await open(page, PHONE);
      await diagramsDrawn(visit.tab);
      const width = await visit.tab.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${page}: ${width}`);
      await visit.close();
    }
    expect(wide).toEqual([]);
  });

  test('a rollback command wraps whole on screen, and has a copy button that copies it', async () => {
    const context = await browser.newContext({ viewport: PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
    const tab = await context.newPage();
    await tab.goto(host.url + KINDS.runbook);
    const block = tab.locator('#rollback ~ ol .code-block, .prose .code-block').filter({ hasText: '--version 2026-10-01' }).first();
    const pre = block.locator('pre');
    // Nothing is hidden to the right: the box is as wide as its text, and the end of the command is on screen.
    expect(await pre.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const box = await pre.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await block.getByRole('button', { name: 'Copy this code' }).click();
    expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe('nwctl workflow deploy support/refund-replies --version 2026-10-01');
    await expect.poll(() => block.getByRole('button').textContent()).toBe('Copied');
    await context.close();
  });

  test('the ownership matrix scrolls in its own box, which the keyboard can reach', async () => {
    const visit = await open(KINDS.ownership, PHONE);
    const wrap = visit.tab.locator('.matrix-wrap');
    expect(await wrap.evaluate((el) => [el.getBoundingClientRect().right <= 390, el.scrollWidth > el.clientWidth, el.tabIndex])).toEqual([true, true, 0]);
    await visit.close();
  });

  test("the report's review-load table says that it scrolls, and scrolls by keyboard", async () => {
    const visit = await open(KINDS.report, PHONE);
    const wrap = visit.tab.locator('#load .table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await wrap.getAttribute('tabindex')).toBe('0');
    expect(await wrap.getAttribute('aria-label')).toBe('Review load per person, table, scrolls sideways');
    await expect.poll(() => visit.tab.locator('#load .scroll-note').textContent()).toBe('Scroll sideways for more columns →');
    await wrap.focus();
    await visit.tab.keyboard.press('ArrowRight');
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await visit.close();
  });
});

describe('the escalation diagram', () => {
  test('keeps its smallest label at reading size: >= 11 px on a phone, >= 13 px on a desktop', async () => {
    const sizes: number[] = [];
    for (const viewport of [PHONE, DESKTOP]) {
      const visit = await open(KINDS.runbook, viewport);
      await diagramsDrawn(visit.tab);
      sizes.push(await smallestLabel(visit.tab));
      await visit.close();
    }
    expect(sizes[0]).toBeGreaterThanOrEqual(11);
    expect(sizes[1]).toBeGreaterThanOrEqual(13);
  });

  test('its level and fallback boxes take dark fills in dark mode and light ones in light mode', async () => {
    const fills: Record<string, string[]> = {};
    for (const scheme of ['light', 'dark'] as const) {
      const visit = await open(KINDS.runbook, DESKTOP, scheme);
      await diagramsDrawn(visit.tab);
      fills[scheme] = await visit.tab.evaluate(() =>
        ['.node.level', '.node.fallback'].map((sel) => getComputedStyle(document.querySelector(`pre.mermaid svg ${sel} :is(rect, polygon, path)`)!).fill),
      );
      await visit.close();
    }
    // The page palette: --info-soft and --warn-soft (theme/base.css).
    expect(fills).toEqual({ light: ['rgb(232, 241, 251)', 'rgb(253, 243, 220)'], dark: ['rgb(21, 38, 58)', 'rgb(51, 40, 15)'] });
  });
});

/** The text of each page of a PDF, by poppler's pdftotext (pages split at form feeds). */
function pdfPages(pdf: Buffer): string[] {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8').split('\f').filter((page) => page.trim());
}

async function printed(page: string): Promise<{ tab: Page; pages: string[]; close: () => Promise<void> }> {
  // A reader whose screen is dark prints: paper must still be light.
  const visit = await open(page, DESKTOP, 'dark');
  if (page === KINDS.runbook) await diagramsDrawn(visit.tab);
  await visit.tab.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const pdf = await visit.tab.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  return { tab: visit.tab, pages: pdfPages(pdf), close: visit.close };
}

describe('in print', () => {
  test('a runbook prints light with absolute dates, its URL and build date, and Rollback on one page', { timeout: 60_000 }, async () => {
    const { tab, pages, close } = await printed(KINDS.runbook);
    const colours = await tab.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color, getComputedStyle(document.querySelector('.diagram .node.level rect, .diagram .node.level polygon')!).fill]);
    expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)', 'rgb(232, 241, 251)']);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(`printed from ${host.url}runbooks/support/refund-replies/ · built 22 Nov 2026`);
    // On screen the review says "in 57 days" beside its date; paper keeps the date alone.
    expect(text).toContain('next 18 Jan 2027');
    expect(text).not.toMatch(/\b(in \d+ days|\d+ days ago)\b/);
    expect(text).not.toMatch(/\bCopy\b/);
    const rollback = pages.filter((page) => /^\s*Rollback\s*$/m.test(page));
    expect(rollback).toHaveLength(1);
    expect(rollback[0]).toContain('--reason "rollback: INC-1234"');
    expect(rollback[0]).toContain('--version 2026-10-01');
    expect(rollback[0]).toContain('Agents told in #support-billing that drafts are back');
    await close();
  });

  test('ownership prints its header row with words and no sort arrows', { timeout: 60_000 }, async () => {
    const { pages, close } = await printed(KINDS.ownership);
    expect(pages.join('\n')).not.toMatch(/[↕↑↓]/);
    expect(pages[0]).toMatch(/WORKFLOW\s+BUSINESS OWNER/i);
    await close();
  });
});

describe('what readers of docs sites expect', () => {
  test('Teams is in the top bar and a team page highlights it; the footer names the Handover version; the tab has an icon', async () => {
    const version = (JSON.parse(await readFile('package.json', 'utf8')) as { version: string }).version;
    const visit = await open(KINDS.team);
    expect(await visit.tab.locator('.mainnav a').allTextContents()).toEqual(['Runbooks', 'Ownership', 'People', 'Teams', 'Report']);
    expect(await visit.tab.locator('.mainnav a[aria-current="page"]').textContent()).toBe('Teams');
    expect(await visit.tab.locator('.footer').textContent()).toContain(`with Handover ${version}`);
    const icon = await visit.tab.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/^data:image\/svg\+xml,/);
    await visit.close();
  });

  test('a light / dark / auto switch changes the page and the diagram, and the choice persists across pages', async () => {
    const visit = await open(KINDS.runbook, DESKTOP, 'light');
    await diagramsDrawn(visit.tab);
    const background = () => visit.tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const switcher = visit.tab.getByRole('button', { name: /^Theme:/ });
    expect(await switcher.textContent()).toBe('Theme: Auto');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await switcher.click();
    expect(await switcher.textContent()).toBe('Theme: Light');
    await switcher.click();
    expect(await switcher.textContent()).toBe('Theme: Dark');
    expect(await background()).toBe('rgb(15, 18, 22)');
    // The diagram is drawn again in the dark theme: its trigger box is no longer white.
    await diagramsDrawn(visit.tab);
    await expect.poll(() => visit.tab.evaluate(() => getComputedStyle(document.querySelector('pre.mermaid svg .node:not(.level):not(.fallback) :is(rect, path)')!).fill)).not.toBe('rgb(236, 236, 255)');
    // Another page of the same site opens dark at once, before any script of ours runs.
    await visit.tab.goto(host.url + KINDS.report);
    expect(await visit.tab.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(15, 18, 22)');
    await visit.tab.getByRole('button', { name: /^Theme:/ }).click();
    expect(await visit.tab.evaluate(() => [document.documentElement.dataset.theme ?? 'auto', localStorage.getItem('handover-theme')])).toEqual(['auto', null]);
    await visit.close();
  });

  test('search: tabbing past the empty box adds no stops; filters come with results; a body hit opens its section', async () => {
    const visit = await open(KINDS.home);
    const input = visit.tab.locator('#search-input');
    await input.focus();
    await visit.tab.keyboard.press('Tab');
    // The next stop is outside the search form: no filter selects on the way.
    expect(await visit.tab.evaluate(() => Boolean(document.activeElement?.closest('form[data-search]')))).toBe(false);
    expect(await visit.tab.locator('.search-filters').isVisible()).toBe(false);
    await input.fill('messy');
    const hit = visit.tab.locator('.search-hit-link').first();
    await hit.waitFor();
    expect(await hit.getAttribute('href')).toBe('runbooks/support/refund-replies/index.html#practice');
    expect(await visit.tab.locator('.search-filters').isVisible()).toBe(true);
    await input.press('Enter');
    await visit.tab.waitForURL(/#practice$/);
    await input.fill('zzqxnothing');
    await expect.poll(() => visit.tab.locator('[data-search-empty]').textContent()).toMatch(/^Nothing matches/);
    expect(await visit.tab.locator('.search-filters').isVisible()).toBe(false);
    await visit.close();
  });

  test('on a wide screen the contents stay beside the runbook while it scrolls, mark the section being read, and go to the headings', { timeout: 60_000 }, async () => {
    for (const width of [1280, 1440]) {
      const visit = await open(KINDS.runbook, { width, height: 900 }, width === 1440 ? 'dark' : 'light');
      const { tab } = visit;
      const toc = tab.locator('nav.toc');
      const inView = async () => {
        const box = (await toc.boundingBox())!;
        return box.y >= 0 && box.y + box.height <= 900 && box.x + box.width <= width;
      };
      expect(await toc.evaluate((el) => [getComputedStyle(el).position, getComputedStyle(el).float])).toEqual(['sticky', 'right']);
      // A column of its own: right of the body text, the sections and the facts, never over them.
      const tocLeft = (await toc.boundingBox())!.x;
      for (const selector of ['.prose', '#escalation-path', '#owners-and-facts']) {
        const box = (await tab.locator(selector).boundingBox())!;
        expect(box.x + box.width, `${selector} at ${width}`).toBeLessThanOrEqual(tocLeft);
      }
      await tab.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(inView).toBe(true);
      await expect.poll(() => toc.locator('a[aria-current="location"]').allInnerTexts()).toEqual(['Owners and facts']);
      // Every entry points at a heading (or section) of the page; a click brings it under the top bar.
      const hrefs = await toc.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      expect(hrefs.length).toBeGreaterThan(5);
      expect(await tab.evaluate((list) => list.filter((href) => !document.getElementById(decodeURIComponent(href.slice(1)))), hrefs)).toEqual([]);
      await toc.getByRole('link', { name: 'Rollback', exact: true }).click();
      expect(new URL(tab.url()).hash).toBe('#rollback');
      await expect.poll(() => tab.locator('h2#rollback').evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(120);
      expect(await inView()).toBe(true);
      await expect.poll(() => toc.locator('a[aria-current="location"]').allInnerTexts()).toEqual(['Rollback']);
      if (process.env.HANDOVER_SHOTS) await tab.screenshot({ path: path.join(process.env.HANDOVER_SHOTS, `toc-${width}.png`) });
      await visit.close();
    }
    // On a phone the contents stay a row under the cards, in the page's flow; print leaves them out (test/pages.test.ts).
    const phone = await open(KINDS.runbook, PHONE);
    expect(await phone.tab.locator('nav.toc').evaluate((el) => [getComputedStyle(el).position, getComputedStyle(el).float])).toEqual(['static', 'none']);
    await phone.close();
  });

  test('a heading has a copy-link anchor to itself', async () => {
    const visit = await open(KINDS.runbook);
    const anchor = visit.tab.getByRole('link', { name: 'Link to Rollback' });
    expect(await anchor.getAttribute('href')).toBe('#rollback');
    await anchor.click();
    expect(new URL(visit.tab.url()).hash).toBe('#rollback');
    await visit.close();
  });
});

describe('axe-core', () => {
  test('0 violations of any impact on every page kind, light, dark and phone', { timeout: 300_000 }, async () => {
    const axe = await readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    for (const [kind, page] of Object.entries(KINDS))
      for (const [name, viewport, scheme] of [['light', DESKTOP, 'light'], ['dark', DESKTOP, 'dark'], ['phone', PHONE, 'light'], ['phone dark', PHONE, 'dark']] as const) {
        const visit = await open(page, viewport, scheme);
        if (kind === 'runbook') await diagramsDrawn(visit.tab);
        await visit.tab.addScriptTag({ content: axe });
        const violations = await visit.tab.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
          return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        found.push(...violations.map((v) => `${kind} ${name}: ${v}`));
        await visit.close();
      }
    expect(found).toEqual([]);
  });
});
