/**
 * The peer site of `npm run bench -- --peers`: an Eleventy 3 project that builds the same Markdown files
 * as Handover with the least a searchable site needs (one Nunjucks layout: title and body; Pagefind
 * indexes the output afterwards). Frontmatter is kept, so Eleventy reads and parses it as it would ours.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Top-level data keys that mean something to Eleventy (special keys, and the ones it refuses to have set).
 * Our format has none of them today; a runbook that had one would change what Eleventy builds (a
 * `layout` of ours would replace the layout, a `permalink` move the page), so it is renamed `handover_<key>`.
 * `tags` is kept: Eleventy builds collections from it, as it would for a team's own site.
 */
export const ELEVENTY_KEYS = [
  'layout',
  'permalink',
  'permalinkBypassOutputDir',
  'dynamicPermalink',
  'pagination',
  'date',
  'page',
  'content',
  'collections',
  'eleventy',
  'pkg',
  'eleventyComputed',
  'eleventyExcludeFromCollections',
  'eleventyImport',
  'eleventyDataSchema',
  'templateEngineOverride',
] as const;

/** The layout every page gets: title and body, nothing else. */
export const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
</head>
<body>
<main>
<h1>{{ title }}</h1>
{{ content | safe }}
</main>
</body>
</html>
`;

/**
 * Markdown is only Markdown (no Liquid or Nunjucks run over bodies, which may hold `{{` or `{%` as text),
 * and only .md files are templates.
 */
export const CONFIG = `// Written by bench/peers/eleventy-site.ts.
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData('layout', 'page.njk');
  return {
    dir: { input: 'src', includes: '_includes', output: '_site' },
    markdownTemplateEngine: false,
    htmlTemplateEngine: false,
    templateFormats: ['md'],
  };
}
`;

const KEY_LINE = new RegExp(`^(${ELEVENTY_KEYS.join('|')}):`, 'gm');

/** `markdown` with its frontmatter's top-level Eleventy keys renamed; the body is untouched. */
export function forEleventy(markdown: string): string {
  const end = markdown.startsWith('---\n') ? markdown.indexOf('\n---', 3) : -1;
  if (end < 0) return markdown;
  return markdown.slice(0, end).replace(KEY_LINE, 'handover_$1:') + markdown.slice(end);
}

/**
 * Writes the Eleventy project for `contentDir` into `projectDir`: eleventy.config.mjs, src/_includes/page.njk,
 * and every Markdown file of the content folder under src/ at the same path. Returns how many pages it will build.
 */
export async function writeEleventySite(contentDir: string, projectDir: string): Promise<number> {
  const src = path.join(projectDir, 'src');
  await mkdir(path.join(src, '_includes'), { recursive: true });
  await writeFile(path.join(projectDir, 'eleventy.config.mjs'), CONFIG);
  await writeFile(path.join(src, '_includes', 'page.njk'), LAYOUT);
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md'));
  for (const entry of files) {
    const relative = path.relative(contentDir, path.join(entry.parentPath, entry.name));
    await mkdir(path.join(src, path.dirname(relative)), { recursive: true });
    await writeFile(path.join(src, relative), forEleventy(await readFile(path.join(contentDir, relative), 'utf8')));
  }
  return files.length;
}
