import path from 'node:path';
import type { Diagnostic } from '../diagnostic.ts';
import type { Facts } from '../facts/index.ts';
import type { Site } from '../site.ts';

/** What the link check needs from one HTML page: its ids, and the targets of its relative links (path, a NUL, anchor; resolved: see src/emit/links.ts). */
export interface PageLinks {
  ids: string[];
  links: string[];
}

/** One file of the built site. */
export interface OutFile {
  /** Path inside the out dir, forward slashes, e.g. `runbooks/billing/refund-replies/index.html`. */
  path: string;
  content: string | Uint8Array;
  /** A rendered page's ids and links, read from its HTML as it was rendered, so the link check does not read the page again. */
  links?: PageLinks;
}

/** Bundled theme files, as paths from the site root (`assets/handover-1a2b3c.js`). */
export interface ThemeAssets {
  css: string[];
  js: string[];
  /** Mermaid's browser bundle; loaded by the client only on pages that hold a diagram. */
  mermaid: string;
  /** The site's logo (`logo` in the config), copied under assets/. */
  logo?: string;
}

/** Everything a page renderer may read. */
export interface RenderContext {
  site: Site;
  /** Every gap, sorted; a workflow's own are in its facts. */
  gaps: Diagnostic[];
  /** What is true today: pages read it and never recompute a fact. */
  facts: Facts;
  /** Today, YYYY-MM-DD. */
  now: string;
  /** Absolute site URL ('' when unknown); only for ics and sitemap. */
  base: string;
  theme: ThemeAssets;
  /**
   * The project root (the folder of site.config.ts). Its `templates/` shadow the package's, and source
   * paths on pages are shown relative to it (`projectPath`), so no machine path reaches the output.
   */
  root: string;
}

/**
 * A file's path as the site shows it: relative to the project root, forward slashes, whatever the working
 * directory (`shown` is a display path: relative to the working directory, or absolute).
 */
export function projectPath(root: string, shown: string): string {
  return path.relative(root, path.resolve(shown)).split(path.sep).join('/');
}

/** The render context of a check's result: its site, gaps (file paths from the project root) and facts, with the build's base URL and theme. */
export function renderContext(result: Pick<RenderContext, 'site' | 'gaps' | 'facts' | 'now' | 'root'>, base: string, theme: ThemeAssets): RenderContext {
  const { root } = result;
  const gaps = result.gaps.map((gap) => (gap.file ? { ...gap, file: projectPath(root, gap.file) } : gap));
  return { site: result.site, gaps, facts: result.facts, now: result.now, base, theme, root };
}

/** Relative prefix from a page at `pagePath` back to the site root: `runbooks/a/b/index.html` -> `../../../`. */
export function rootOf(pagePath: string): string {
  return '../'.repeat(pagePath.split('/').length - 1);
}

/** Site-root-relative path of a runbook page. Links end in index.html so the site also works from file://. */
export const runbookPath = (id: string) => `runbooks/${id}/index.html`;
export const guidePath = (id: string) => `guides/${id}/index.html`;
export const personPath = (id: string) => `people/${id}/index.html`;
export const teamPath = (id: string) => `teams/${id}/index.html`;
