import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../src/build.ts';
import { check } from '../src/index.ts';
import { brokenLinks } from './helpers/links.ts';
import { feedFiles } from '../src/render/registry.ts';
import { renderPageBatches } from '../src/render/render.ts';
import { renderContext, rootOf, type OutFile, type RenderContext } from '../src/render/types.ts';
import { launch, serve } from './e2e/harness.ts';

const NOW = '2026-11-22';
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'site');
/** Every page of the site in one list. */
const allPages = (context: RenderContext) => [...renderPageBatches(context, Infinity)].flat();

const THEME = { css: ['assets/handover.css'], js: ['assets/handover.js'], mermaid: 'assets/mermaid.js' };

let ctx: RenderContext;
let pages: Map<string, string>;

beforeAll(async () => {
  const result = await check({ content: FIXTURE, now: NOW, config: 'site.config.ts' });
  expect(result.errors).toEqual([]);
  ctx = renderContext(result, '', THEME);
  pages = new Map(allPages(ctx).map((file) => [file.path, file.content as string]));
});

const page = (file: string) => {
  const html = pages.get(file);
  if (html === undefined) throw new Error(`no page ${file}; have ${[...pages.keys()].join(', ')}`);
  return html;
};
/** Visible text of an HTML fragment, tags dropped and whitespace collapsed, for assertions that read like the page. */
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
/** `runbooks/ops/x/index.html` -> `fixtures/site-golden/runbooks__ops__x.html`. */
const goldenFile = (file: string) => {
  const name = file === 'index.html' ? 'home' : file.replace(/\/?index\.html$/, '').replace(/\.html$/, '').replace(/\//g, '__');
  return path.join('fixtures', 'site-golden', `${name}.html`);
};
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no element #${id}`);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('the pages of a small fixture site', () => {
  test.each([
    ['index.html'],
    ['runbooks/ops/replies/index.html'],
    ['runbooks/ops/tool/index.html'],
    ['runbooks/old/index.html'],
    ['guides/start-here/index.html'],
    ['guides/how-to/glossary/index.html'],
    ['ownership/index.html'],
    ['report/index.html'],
    ['people/index.html'],
    ['people/dee/index.html'],
    ['teams/support/index.html'],
    ['404.html'],
  ])('%s matches its golden file (the <main> element)', async (file) => {
    const html = page(file);
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>') + '</main>'.length);
    await expect(main).toMatchFileSnapshot(goldenFile(file));
  });

  test('the layout (top bar, landmarks, theme tags) matches its golden file', async () => {
    const html = page('people/dee/index.html');
    const layout = html.slice(0, html.indexOf('<main')) + html.slice(html.indexOf('</main>'));
    await expect(layout).toMatchFileSnapshot(path.join('fixtures', 'site-golden', 'layout.html'));
  });

  test('404 links absolutely under the site URL when it is known, since hosts serve it at any depth', () => {
    const links = (html: string) => [...html.matchAll(/\s(?:href|src|data-root)="([^"]*)"/g)].map((m) => m[1]!).filter((url) => !url.startsWith('#') && !url.startsWith('data:'));
    const absolute = allPages({ ...ctx, base: 'https://ops.example.com/handbook' }).find((file) => file.path === '404.html')!.content as string;
    expect(links(absolute).length).toBeGreaterThan(5);
    for (const url of links(absolute)) expect(url).toMatch(/^https:\/\/ops\.example\.com\/handbook\//);
    expect(absolute).toContain('href="https://ops.example.com/handbook/ownership/index.html"');
    // Without a site URL, links stay relative to the root, where 404.html sits.
    for (const url of links(page('404.html'))) expect(url).not.toMatch(/^(https?:)?\/\//);
  });

  test('writes one page per workflow, guide, person and team, plus the index pages and 404', () => {
    const { site } = ctx;
    expect(site.guides.map((g) => g.id)).toEqual(['how-to/glossary', 'start-here']);
    expect(pages.size).toBe(site.workflows.length + site.guides.length + site.people.length + site.teams.length + 8);
    expect([...pages.keys()].filter((p) => p.startsWith('guides/')).sort()).toEqual(['guides/how-to/glossary/index.html', 'guides/start-here/index.html']);
    expect([...pages.keys()].filter((p) => !p.startsWith('runbooks/') && !p.startsWith('guides/') && !/^(people|teams)\/[a-z0-9-]+\/index\.html$/.test(p)).sort()).toEqual([
      '404.html',
      'binder/index.html',
      'changes/index.html',
      'index.html',
      'ownership/index.html',
      'people/index.html',
      'report/index.html',
      'teams/index.html',
    ]);
  });

  test('is deterministic: the same context renders byte-identical pages', () => {
    const again = allPages(ctx);
    expect(again.map((f) => [f.path, f.content])).toEqual([...pages.entries()]);
  });

  test('every internal link and anchor resolves, and every link is relative', () => {
    const assets: OutFile[] = [...THEME.css, ...THEME.js, THEME.mermaid].map((p) => ({ path: p, content: '' }));
    const files = [...[...pages].map(([p, content]) => ({ path: p, content })), ...feedFiles(ctx), ...assets];
    expect(brokenLinks(files)).toEqual([]);
    for (const [file, html] of pages) {
      expect(html, file).not.toMatch(/\s(?:href|src)="\/(?!\/)/);
      expect(html, file).toContain(`data-root="${rootOf(file)}"`);
      expect(html, file).toContain(`data-mermaid="${rootOf(file)}assets/mermaid.js"`);
      expect(html, file).toContain(`<script defer src="${rootOf(file)}assets/handover.js"></script>`);
    }
  });

  test('content and people.yaml values are escaped everywhere', () => {
    for (const [file, html] of pages) {
      expect(html, file).not.toContain('<script>alert(1)</script>');
      expect(html, file).not.toMatch(/<img src=x/i);
      expect(html, file).not.toContain('<b>bold</b>');
      expect(html, file).not.toContain('<i>x</i>');
    }
    expect(page('runbooks/ops/tool/index.html')).toContain('<h1>Tool &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</h1>');
    expect(page('runbooks/ops/replies/index.html')).toContain('Legal threats &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page('people/index.html')).toContain('Support &lt;Ops&gt; &amp; Co');
  });

  test('a runbook answers first: health, gaps with who can fix them, and who to call with tel: and mailto: links', () => {
    const html = page('runbooks/ops/replies/index.html');
    const order = ['class="rb-head"', 'class="callout callout-warn"', 'id="call-now"', 'id="health"', 'class="toc"', 'id="escalation-path"', 'id="goes-to-a-human"', 'class="prose"', 'id="owners-and-facts"'];
    const positions = order.map((marker) => html.indexOf(marker));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text(section(html, 'gaps-h'))).toContain('Dee Ray has left but is still backup Maintainer');
    expect(text(section(html, 'gaps-h'))).toMatch(/Who can fix it: Maintainer, Ben Ode/);
    const call = section(html, 'call-now');
    expect(call).toContain('href="tel:+442079460000"');
    expect(text(call)).toContain('Call first · #replies-bot');
    expect(text(call)).toContain('Response target 30 min');
    expect(text(section(html, 'health'))).toMatch(/Drafts kept ✗ off target 64% target ≥ 70%/);
    expect(text(section(html, 'health'))).toMatch(/Cost per draft ✓ on target 0\.036 USD target ≤ 0\.04 USD/);
    expect(section(html, 'health')).toContain('<svg class="metric-chart"');
  });

  test('the escalation diagram source is escaped inside pre.mermaid, with an ordered list beside it', () => {
    const html = section(page('runbooks/ops/replies/index.html'), 'escalation-path');
    const source = /<pre class="mermaid">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
    expect(source).toMatch(/^flowchart LR/);
    expect(source).not.toMatch(/<(?!\/)/);
    expect(text(html)).toContain('Level 1, at once: Cy &quot;the &lt;b&gt;bold&lt;/b&gt;&quot; Park via #replies-bot');
    expect(text(html)).toContain('Level 2, after 30 min: Ben Ode, Support &lt;Ops&gt; & Co (team)');
  });

  test('a runbook without gaps or escalation shows neither callout nor diagram', () => {
    const html = page('runbooks/old/index.html');
    expect(html).not.toContain('callout-warn');
    expect(html).not.toContain('class="mermaid"');
    expect(text(html)).toContain('Retired: kept for reference');
  });

  test('the ownership matrix marks missing, left and away owners with words, not colour alone', () => {
    const html = page('ownership/index.html');
    const row = (title: string) => text(html.slice(html.indexOf(`>${title}`), html.indexOf('</tr>', html.indexOf(`>${title}`))));
    expect(row('Reply drafts')).toContain('Dee Ray ⊘ left');
    expect(row('Reply drafts')).toContain('Ana Lima ✈ away 1–3 Dec');
    expect(row('Tool')).toMatch(/⚠ missing$/);
    expect(row('Tool')).toContain('⚠ no backup');
    expect(html).toContain('href="../ownership.csv"');
    expect(html.match(/<th scope="col" data-sort>/g)).toHaveLength(Object.keys(ctx.site.config.roles).length + 1);
  });

  test('the report groups gaps by rule (largest first), names who can fix each, and lists reviews by week', () => {
    const html = page('report/index.html');
    const rules = [...section(html, 'by-rule').matchAll(/<summary><span class="rule-title">([^<]+)<\/span> <span class="count">(\d+)<\/span>/g)].map((m) => [m[1], Number(m[2])]);
    expect(rules.map(([, n]) => n)).toEqual([...rules.map(([, n]) => n)].sort((a, b) => Number(b) - Number(a)));
    expect(rules).toContainEqual(['A required role has no owner', 1]);
    // Small groups start open; every group is a <details> a reader can fold.
    expect(section(html, 'by-rule').match(/<details class="rule-group" open>/g)).toHaveLength(rules.length);
    expect(text(section(html, 'coverage'))).toContain('Support &lt;Ops&gt; & Co 0% · 0 of 1 ready');
    expect(text(section(html, 'reviews'))).toContain('This week, 22–28 Nov');
    expect(text(section(html, 'reviews'))).toMatch(/29 Nov – 5 Dec Tool .*30 Nov 2026 · Ben Ode/);
  });

  test('a runbook without a core section says so where it would be, with who can write it; retired ones do not', () => {
    const tool = text(page('runbooks/ops/tool/index.html'));
    expect(tool).toContain('Rollback ⚠ No rollback steps written yet. Ben Ode (Operations owner) can write it.');
    expect(page('runbooks/ops/tool/index.html')).toContain('<li><a href="#rollback-not-written">Rollback</a></li>');
    expect(page('runbooks/old/index.html')).not.toContain('not-written');
  });

  test('the contents row lists escalation once, and pages say gaps in plain words', () => {
    const toc = /<ul><li><a href="#escalation-path">.*?<\/ul>/.exec(page('runbooks/ops/replies/index.html'))![0];
    expect(text(toc).match(/Escalation/g)).toHaveLength(1);
    for (const file of ['runbooks/ops/tool/index.html', 'report/index.html', 'guides/start-here/index.html'])
      expect(text(page(file)), file).not.toMatch(/\(owners\.|review\.last|"## |on \d{4}-\d{2}-\d{2}/);
  });

  test('a person who has left gets a banner naming the roles still held', () => {
    expect(text(page('people/dee/index.html'))).toContain('Has left. Still named in 1 role below: each needs a new owner.');
    expect(page('people/ana/index.html')).not.toContain('Has left.');
  });
});

describe('the client script in Chromium', () => {
  let out: string;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'handover-pages-'));
    const result = await build({ content: FIXTURE, config: 'site.config.ts', now: NOW, out });
    expect(result.written).toBe(true);
    server = await serve(out);
  });
  afterAll(async () => {
    await server?.close();
    await rm(out, { recursive: true, force: true });
  });

  test('filters the home list by team, sorts the matrix, prints a runbook without navigation; without JS the full list shows', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}index.html`);
      const visible = () => page.locator('#workflows tbody tr:visible').count();
      expect(await visible()).toBe(3);
      await page.selectOption('[data-filters="workflows"] select[data-filter="team"]', 'platform');
      expect(await visible()).toBe(1);
      await expect.poll(() => page.locator('[data-filter-count-for="workflows"]').textContent()).toBe('Showing 1 of 3 workflows');

      await page.goto(`${server.url}ownership/index.html`);
      const firstRole = page.locator('#matrix thead th').nth(1);
      await firstRole.getByRole('button').click();
      expect(await firstRole.getAttribute('aria-sort')).toBe('ascending');

      await page.goto(`${server.url}runbooks/ops/replies/index.html`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.topbar').isVisible()).toBe(false);
      expect(await page.locator('nav.toc').isVisible()).toBe(false);
      expect(await page.locator('#call-now').isVisible()).toBe(true);
      const printed = await page.locator('#health a[href^="https:"]').first().evaluate((a) => getComputedStyle(a, '::after').content);
      expect(printed).toBe('" (https://dash.example.com/replies)"');

      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noJs.newPage();
      await plain.goto(`${server.url}index.html`);
      expect(await plain.locator('#workflows tbody tr:visible').count()).toBe(3);
      expect(await plain.locator('[data-filters]').isVisible()).toBe(false);
    } finally {
      await browser.close();
    }
  });
});
