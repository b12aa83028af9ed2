/**
 * Hostile content that passes `check` (so it is built) stays inert in a real browser: every page and
 * every copied file is opened in Chromium, served and from file://, and no dialog opens, no element
 * has an `on*` attribute and no URL is `javascript:`. Footnotes and odd file names work as links.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/build.ts';
import { NOW, PEOPLE, runbook, writeSite, type TempSite } from '../helpers/site.ts';
import { launch, serve } from './harness.ts';

const vectors = readFileSync(new URL('../fixtures/xss/vectors.txt', import.meta.url), 'utf8')
  .split(/^=====$/m)
  .map((v) => v.trim());

const HOSTILE_PEOPLE = `${PEOPLE}  - id: eve
    name: "<img src=x onerror=alert('name')>"
    title: "javascript:alert('title')"
    contact: { chat: "<script>alert('chat')</script>", phone: "javascript:alert(1)" }
`;

const FM = `title: "<script>alert('title')</script> Refunds"
summary: "<img src=x onerror=alert('summary')>"
status: experiment
review: { next: 2027-01-15 }
owners:
  maintainer: { primary: eve }
metrics:
  - { name: "<svg onload=alert(1)>", kind: cost, target: "<= 1", source: "https://dash.example.com/?q=<script>alert(1)</script>" }
extra:
  link: "javascript:alert('extra')"
  html: "<a href=javascript:alert(1)>x</a>"
  nested: { deep: ["data:text/html,<script>alert(1)</script>"] }
`;

const BODY = `## Purpose

A claim[^1] and another[^note].

Links to [the flow](flow.svg), ![the flow](flow.svg), [notes](notes.txt), [a fake image](fake.png),
![accents](%C3%BC%20%C3%B1.png), [accents as text](ü%20ñ.png), [the other runbook](über%20runbook.md#purpose), [odd name](100%25%23%3F%26.txt),
[js](javascript:alert(1)), [data](data:text/html,<script>alert(1)</script>), [vb](vbscript:msgbox(1)),
[spaced js]( javascript:alert(1)), [tab js](java\tscript:alert(1)).

[^1]: The first note.
[^note]: The second note, with [a link](https://example.com/).

## Raw

${vectors.join('\n\n')}
`;

const FLOW_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect id="box" width="10" height="10"/><use href="#box" x="10"/></svg>';

let browser: Browser;
let site: TempSite;
let out: string;
let host: { url: string; close: () => Promise<void> };
let files: string[];

beforeAll(async () => {
  site = await writeSite({
    'people.yaml': HOSTILE_PEOPLE,
    'runbooks/ops/hostile.md': runbook(FM, BODY),
    'runbooks/ops/über runbook.md': runbook('title: Über\nsummary: S\nstatus: retired\n'),
    'runbooks/ops/flow.svg': FLOW_SVG,
    'runbooks/ops/notes.txt': "<script>alert('txt')</script><img src=x onerror=alert('txt')>",
    'runbooks/ops/fake.png': "<html><script>alert('png')</script></html>",
    'runbooks/ops/ü ñ.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    'runbooks/ops/100%#?&.txt': 'odd name',
  });
  out = path.join(site.dir, '..', `${path.basename(site.dir)}-out`);
  host = await serve(out, '/sub/');
  const result = await build({ content: site.dir, out, now: NOW, config: 'site.config.ts', cache: false });
  expect(result.errors).toEqual([]);
  expect(result.written).toBe(true);
  files = ['index.html', 'people/eve/index.html', 'report/index.html', 'ownership/index.html', 'runbooks/ops/hostile/index.html', 'runbooks/ops/über runbook/index.html', 'runbooks/ops/flow.svg', 'runbooks/ops/notes.txt', 'runbooks/ops/fake.png', 'runbooks/ops/100%#?&.txt'];
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await site?.dispose();
  if (out) await rm(out, { recursive: true, force: true });
});

/** Opens `url`, waits for the page's scripts, and counts what could have run script. */
async function inspect(url: string): Promise<{ dialogs: string[]; onAttributes: string[]; scriptUrls: string[]; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(50);
  const found = await scan(page);
  await context.close();
  return { dialogs, errors, ...found };
}

async function scan(page: Page): Promise<{ onAttributes: string[]; scriptUrls: string[] }> {
  return page.evaluate(() => {
    const onAttributes: string[] = [];
    const scriptUrls: string[] = [];
    for (const el of document.querySelectorAll('*'))
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) onAttributes.push(`${el.tagName} ${attr.name}`);
        if (!/^(href|src|action|formaction|xlink:href|data|poster|background)$/i.test(attr.name)) continue;
        // The layout's own favicon (`<link rel="icon" href="data:image/svg+xml,…">`, an image: no script runs) is the one data: URL allowed.
        if (el.tagName === 'LINK' && el.getAttribute('rel') === 'icon' && el.parentElement?.tagName === 'HEAD' && attr.value.startsWith('data:image/svg+xml,')) continue;
        if (/^(javascript|vbscript|data):/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))) scriptUrls.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    return { onAttributes, scriptUrls };
  });
}

describe('hostile content in Chromium', () => {
  test('every page and copied file, served from a sub-path and from file://: 0 dialogs, 0 on* attributes, 0 javascript: URLs', { timeout: 120_000 }, async () => {
    expect(files.length).toBe(10);
    for (const file of files)
      for (const url of [host.url + file.split('/').map(encodeURIComponent).join('/'), pathToFileURL(path.join(out, file)).href]) {
        const seen = await inspect(url);
        expect(seen, url).toEqual({ dialogs: [], errors: [], onAttributes: [], scriptUrls: [] });
      }
  });

  test('the hostile text is shown as text, not dropped', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${host.url}runbooks/ops/hostile/index.html`);
    expect(await page.locator('h1').textContent()).toContain("<script>alert('title')</script> Refunds");
    expect(await page.locator('body').textContent()).toContain("javascript:alert('extra')");
    expect(await page.locator("a[href^='https://dash.example.com/']").count()).toBe(1);
    await context.close();
  });

  test('a footnote reference jumps to its note and the note back to the reference', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${host.url}runbooks/ops/hostile/index.html`);
    const ref = page.locator('a[data-footnote-ref]').first();
    await ref.click();
    await page.waitForURL(/#user-content-fn-1$/);
    expect(await page.locator(':target').textContent()).toContain('The first note.');
    await page.locator(':target a[data-footnote-backref]').first().click();
    await page.waitForURL(/#user-content-fnref-1$/);
    expect(await page.locator(':target').textContent()).toBe('1');
    await context.close();
  });

  test('links to files and pages with spaces and accents in their names load', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${host.url}runbooks/ops/hostile/index.html`);
    for (const name of ['accents as text', 'the other runbook', 'the flow', 'notes', 'odd name']) {
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status(), `${name} -> ${href}`).toBe(200);
    }
    const image = page.getByRole('img', { name: 'the flow' });
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await context.close();
  });
});
