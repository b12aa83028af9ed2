import { VERSION } from '../core/version.ts';
import path from 'node:path';
import { NAV, PAGE_KIND, pageTable } from './registry.ts';
import type { PageSpec } from './pages/page.ts';
import { hash } from 'node:crypto';
import { loadTemplates, type Templates } from './templates.ts';
import { cacheDir } from '../cache/key.ts';
import { scanPage, type PageLinks } from '../emit/links.ts';
import { rootOf, type OutFile, type RenderContext } from './types.ts';


/** One page's view model into its template and the layout. */
export function renderSpec(ctx: RenderContext, spec: PageSpec, templates: Templates = siteTemplates(ctx)): string {
  const root = spec.root ?? rootOf(spec.path);
  const current = PAGE_KIND.get(spec.kind)?.nav ?? '';
  const { accent, nav, footer } = ctx.site.config;
  return templates.render(spec.kind, spec.view, {
    title: spec.title,
    siteTitle: ctx.site.config.title,
    root,
    nav: current,
    navItems: NAV.map((item) => ({ label: item.label, href: root + item.path, current: item.id === current })),
    kind: spec.kind,
    description: spec.description,
    generated: ctx.now,
    version: VERSION,
    url: ctx.base ? new URL(spec.path.replace(/(^|\/)index\.html$/, '$1'), ctx.base.endsWith('/') ? ctx.base : `${ctx.base}/`).href : '',
    theme: ctx.theme,
    site: { accent, footer, links: nav },
  });
}

/** The package's templates, shadowed by the site's own `templates/` folder; compiled once, then kept in the project's cache. */
export function siteTemplates(ctx: RenderContext, fresh = false): Templates {
  return loadTemplates({ overrides: path.join(ctx.root, 'templates'), fresh, cache: path.join(cacheDir(ctx.root), 'templates') });
}

/** The pages of the site, `size` at a time, so a build can write each batch before rendering the next. Same context in, byte-identical pages out. */
export function* renderPageBatches(ctx: RenderContext, size: number, templates: Templates = siteTemplates(ctx)): Generator<OutFile[]> {
  for (const batch of renderSitePages(ctx, size, NO_REUSE, templates)) yield batch.map((page) => ({ path: page.path, content: page.content!.toString() }));
}

/** What a build may keep of the pages it made last time. */
export interface Reuse {
  /** The view key the page at `path` had when it was made from the same `inputs` (see `PageMaker`), if it still stands. */
  inputs(path: string, inputs: string): string | undefined;
  /** Whether the page at `path` already built for `view` still stands. */
  view(path: string, view: string): boolean;
}

const NO_REUSE: Reuse = { inputs: () => undefined, view: () => false };

/** A page of the site: its view key, and its HTML unless the build reuses the page it already has. */
export interface SitePage {
  path: string;
  /** Hash of the page's view model (everything its template reads besides the layout's site-wide inputs). */
  view: string;
  /** The key of what its maker read, for the kinds that have one. */
  inputs?: string;
  /** The HTML as UTF-8 bytes; undefined when `reuse` said the page already built for this view is still good. */
  content?: Buffer;
  /** The page's ids and links for the link check (see `scanPage`), with its HTML. */
  links?: PageLinks;
}

/**
 * Every page's view model, keyed by its hash; the page is rendered only when `reuse.view` says no.
 * The template sees nothing but the view and the layout, so the same view (and the same templates,
 * config, `--now` and theme, which the build's record keys on) renders the same bytes. A page whose
 * maker has an inputs key that `reuse.inputs` knows is not even made: the same inputs make the same view.
 */
export function* renderSitePages(ctx: RenderContext, size: number, reuse: Reuse, templates: Templates = siteTemplates(ctx)): Generator<SitePage[]> {
  let batch: SitePage[] = [];
  /** Links resolved on earlier pages (see `scanPage`). */
  const resolved = new Map<string, string>();
  for (const [path, make] of pageTable(ctx)) {
    const inputs = make.inputs?.();
    const kept = inputs === undefined ? undefined : reuse.inputs(path, inputs);
    if (kept !== undefined) {
      batch.push({ path, view: kept, inputs });
      if (batch.length >= size) yield batch, (batch = []);
      continue;
    }
    const spec = make();
    // SHA-1 is enough to tell two views apart (nothing adversarial: both come from the same content) and the fastest here.
    const view = hash('sha1', JSON.stringify(spec), 'base64url');
    if (reuse.view(path, view)) batch.push({ path, view, inputs });
    else {
      // Scanned and encoded at once: the string (a rope of template pieces) dies young instead of waiting in the batch,
      // and the bytes are encoded once for the hash, the size and the write, not three times.
      const html = renderSpec(ctx, spec, templates);
      batch.push({ path, view, inputs, links: scanPage({ path, content: html }, resolved), content: Buffer.from(html, 'utf8') });
    }
    if (batch.length >= size) yield batch, (batch = []);
  }
  if (batch.length) yield batch;
}
