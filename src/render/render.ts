import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NAV, PAGE_KIND, pageTable } from './registry.ts';
import type { PageSpec } from './pages/page.ts';
import { loadTemplates, type Templates } from './templates.ts';
import { rootOf, type OutFile, type RenderContext } from './types.ts';

/** Handover's own version, for the footer (package.json sits two folders above src/render/ and lib/render/). */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

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

/** The package's templates, shadowed by the site's own `templates/` folder. */
export function siteTemplates(ctx: RenderContext, fresh = false): Templates {
  return loadTemplates({ overrides: path.join(ctx.root, 'templates'), fresh });
}

/** The pages of the site, `size` at a time, so a build can write each batch before rendering the next. Same context in, byte-identical pages out. */
export function* renderPageBatches(ctx: RenderContext, size: number, templates: Templates = siteTemplates(ctx)): Generator<OutFile[]> {
  let batch: OutFile[] = [];
  for (const [path, make] of pageTable(ctx)) {
    batch.push({ path, content: renderSpec(ctx, make(), templates) });
    if (batch.length >= size) yield batch, (batch = []);
  }
  if (batch.length) yield batch;
}
