import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAP_RULES } from '../src/audit/registry.ts';
import { build } from '../src/build.ts';
import { feedFiles, pageTable, PAGES } from '../src/render/registry.ts';
import { renderContext } from '../src/render/types.ts';
import { fixtures } from './helpers/site.ts';

const README = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** Rows of the README's gap table: `| \`id\` | title | what to do |`. */
function readmeGapRows(): string[][] {
  const start = README.indexOf('| gap | what it means | what to do |');
  expect(start, 'the README has the gap table').toBeGreaterThan(0);
  const lines = README.slice(start).split('\n').slice(2);
  return lines.slice(0, lines.findIndex((line) => !line.startsWith('|'))).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('the gap rule registry', () => {
  it('is the README table, row for row', () => {
    expect(readmeGapRows()).toEqual(GAP_RULES.map((rule) => [`\`${rule.id}\``, rule.title, rule.todo]));
  });

  it('has one fixture folder per rule (test/fixtures/gaps/<id>/) and no other', () => {
    expect(fixtures('gaps').map((f) => f.name)).toEqual(GAP_RULES.map((rule) => rule.id).sort());
  });

  it('gives every rule a title and a what-to-do that read as plain words', () => {
    for (const rule of GAP_RULES) {
      expect(rule.title, rule.id).toMatch(/^[A-Z][^`.]*[^.]$/);
      expect(rule.todo, rule.id).toMatch(/^[A-Z].*\.$/);
      expect(rule.severity).toBe('gap');
    }
  });
});

describe('the page and output registry', () => {
  it('is exactly what a build writes, besides the search index, the theme and linked files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-registry-'));
    try {
      const out = path.join(dir, 'site');
      const result = await build({ content: 'content', now: '2026-12-01', out, cache: false });
      expect(result.errors).toEqual([]);
      const ctx = renderContext(result, result.config.base, { css: [], js: [], mermaid: '' });
      const expected = [...pageTable(ctx).keys(), ...feedFiles(ctx).map((f) => f.path)].sort();
      const written = (readdirSync(out, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        .filter((file) => !/^(search|assets)\//.test(file) && !/\.(png|svg|pdf|jpe?g)$/.test(file) && file !== '.handover-build')
        .sort();
      expect(written).toEqual(expected);
      expect(expected).toContain('sitemap.xml');
      // Every page kind has at least one page on the example site.
      expect(new Set(PAGES.filter((entry) => entry.pages(ctx).length > 0).map((entry) => entry.kind)).size).toBe(PAGES.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
