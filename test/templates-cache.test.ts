/**
 * Compiled templates are kept in the project's cache: the next run loads them instead of compiling them,
 * renders exactly what a fresh compile renders, and never trusts a kept file it cannot verify.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seal, unseal } from '../src/cache/serialize.ts';
import { loadTemplates, type LayoutView } from '../src/render/templates.ts';

let dir: string;
let cache: string;
let overrides: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-templates-'));
  cache = path.join(dir, 'cache', 'templates');
  overrides = path.join(dir, 'templates');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const layout: LayoutView = {
  title: 'Not found',
  siteTitle: 'Acme runbooks',
  root: '../',
  nav: '',
  navItems: [{ label: 'Runbooks', href: '../index.html', current: false }],
  kind: '404',
  generated: '2026-11-22',
  version: '0.0.0',
  url: '',
  theme: { css: ['assets/a.css'], js: ['assets/a.js'], mermaid: 'assets/m.js' },
  site: { links: [], footer: 'Acme <ops>' },
};

/** A page through freshly read templates, with or without the cache folder. */
const render = (withCache: boolean) => loadTemplates({ overrides, fresh: true, ...(withCache ? { cache } : {}) }).render('404', { count: 3 }, layout);
const kept = async () => (await readdir(cache).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));

describe('compiled templates in the cache', () => {
  it('are kept after the first load and give the same pages as a fresh compile', async () => {
    const compiled = render(false);
    expect(compiled).toContain('All 3 runbooks');
    expect(compiled).toContain('Acme &lt;ops&gt;');
    expect(await kept()).toEqual([]);
    expect(render(true)).toBe(compiled);
    expect(await kept()).toHaveLength(1);
    expect(render(true)).toBe(compiled);
  });

  it('are read from the kept file on the next load', async () => {
    render(true);
    const [name] = await kept();
    const file = path.join(cache, name!);
    const stored = unseal(await readFile(file, 'utf8')) as { layout: string };
    // A kept layout that says something else, sealed as Handover seals: the next load must show it.
    stored.layout = Handlebars.precompile('<main>kept layout {{{body}}}</main>', { preventIndent: true }) as string;
    await writeFile(file, seal(JSON.stringify(stored)));
    expect(render(true)).toMatch(/^<main>kept layout <div class="page">/);
  });

  it.each([
    ['not sealed', (text: string) => text.slice(27)],
    ['cut short', (text: string) => text.slice(0, text.length >> 1)],
    ['sealed, but not JavaScript', () => seal(JSON.stringify({ layout: '{ main: function(', partials: [], pages: [] }))],
    ['sealed, with a template that throws when loaded', (text: string) => {
      const stored = unseal(text) as { layout: string; partials: string[]; pages: string[] };
      return seal(JSON.stringify({ ...stored, layout: '(() => { throw new Error("boom"); })()' }));
    }],
  ])('are compiled afresh when the kept file is %s', async (_, damage) => {
    const compiled = render(false);
    render(true);
    const file = path.join(cache, (await kept())[0]!);
    await writeFile(file, damage(await readFile(file, 'utf8')));
    expect(render(true)).toBe(compiled);
  });

  it('follow an edit to a site template: a new kept file, the old one removed', async () => {
    render(true);
    const [before] = await kept();
    await mkdir(path.join(overrides, 'pages'), { recursive: true });
    await writeFile(path.join(overrides, 'pages', '404.hbs'), '<p class="lost">Nothing here ({{count}} runbooks)</p>\n');
    const page = render(true);
    expect(page).toContain('<p class="lost">Nothing here (3 runbooks)</p>');
    expect(page).toBe(render(false));
    const after = await kept();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  it('still render when the cache folder cannot be made', async () => {
    await mkdir(path.dirname(cache), { recursive: true });
    // A file where the folder should be: nothing can be kept there.
    await writeFile(cache, 'not a folder');
    expect(render(true)).toBe(render(false));
  });
});
