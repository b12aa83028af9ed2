// The Eleventy project `npm run bench -- --peers` builds (bench/peers/eleventy-site.ts): valid input for
// Eleventy, written from a content folder. Nothing is timed and the peers are not installed here.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generate } from '../bench/generate.ts';
import { ELEVENTY_KEYS, forEleventy, writeEleventySite } from '../bench/peers/eleventy-site.ts';

const TRICKY = `---
title: Tricky {{ title }}
layout: wide
permalink: /elsewhere/
date: 2026-01-01
owners:
  business: { primary: ada-1, backup: ben-1 }
extra:
  layout: nested keys are not Eleventy's
---

## Purpose

Templates are text here: {{ secret }}, {% include "x" %} and {# a comment #}.

layout: in the body stays as written.
`;

let dir: string;
let content: string;
let project: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-peers-test-'));
  content = path.join(dir, 'content');
  project = path.join(dir, 'eleventy');
  await generate(content, { runbooks: 3 });
  await writeFile(path.join(content, 'runbooks', 'tricky.md'), TRICKY);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Frontmatter data and body of a Markdown file. */
function split(markdown: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown);
  if (!match) throw new Error('no frontmatter');
  return { data: parse(match[1]!) as Record<string, unknown>, body: match[2]! };
}

describe('the Eleventy project of the peers benchmark', () => {
  it('holds every Markdown file of the content folder at the same path, and nothing else', async () => {
    const count = await writeEleventySite(content, project);
    const markdown = async (root: string) =>
      (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.md')).sort();
    const source = await markdown(content);
    expect(source).toHaveLength(4);
    expect(count).toBe(4);
    expect(await markdown(path.join(project, 'src'))).toEqual(source);
    expect((await readdir(path.join(project, 'src'), { recursive: true })).filter((file) => /\.(ya?ml|csv)$/.test(file))).toEqual([]);
  });

  it('keeps frontmatter and bodies, renaming only top-level keys that mean something to Eleventy', async () => {
    for (const file of (await readdir(content, { recursive: true })).filter((name) => name.endsWith('.md'))) {
      const before = split(await readFile(path.join(content, file), 'utf8'));
      const after = split(await readFile(path.join(project, 'src', file), 'utf8'));
      expect(after.body).toBe(before.body);
      expect(Object.keys(after.data).filter((key) => (ELEVENTY_KEYS as readonly string[]).includes(key))).toEqual([]);
      const renamed = Object.fromEntries(Object.entries(before.data).map(([key, value]) => [(ELEVENTY_KEYS as readonly string[]).includes(key) ? `handover_${key}` : key, value]));
      expect(after.data).toEqual(renamed);
      expect(typeof after.data.title).toBe('string');
    }
    const tricky = split(await readFile(path.join(project, 'src', 'runbooks', 'tricky.md'), 'utf8'));
    expect(tricky.data).toMatchObject({ handover_layout: 'wide', handover_permalink: '/elsewhere/', extra: { layout: "nested keys are not Eleventy's" } });
    expect(tricky.body).toContain('layout: in the body stays as written.');
  });

  it('leaves a file without frontmatter as it is', () => {
    expect(forEleventy('layout: x\n\n# Title\n')).toBe('layout: x\n\n# Title\n');
  });

  it('configures Markdown without a template language and one layout with title and body', async () => {
    const calls: unknown[][] = [];
    const config = (await import(pathToFileURL(path.join(project, 'eleventy.config.mjs')).href)) as { default: (eleventy: unknown) => Record<string, unknown> };
    const returned = config.default({ addGlobalData: (...args: unknown[]) => calls.push(args) });
    expect(returned).toEqual({ dir: { input: 'src', includes: '_includes', output: '_site' }, markdownTemplateEngine: false, htmlTemplateEngine: false, templateFormats: ['md'] });
    expect(calls).toEqual([['layout', 'page.njk']]);
    const layout = await readFile(path.join(project, 'src', '_includes', 'page.njk'), 'utf8');
    expect(layout).toContain('<html lang="en">');
    expect(layout).toContain('<title>{{ title }}</title>');
    expect(layout).toContain('{{ content | safe }}');
  });
});
