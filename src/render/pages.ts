import path from 'node:path';
import { homePage } from './pages/home.ts';
import { notFoundPage } from './pages/not-found.ts';
import { ownershipPage } from './pages/ownership.ts';
import type { PageSpec } from './pages/page.ts';
import { peoplePage } from './pages/people.ts';
import { personPage } from './pages/person.ts';
import { reportPage } from './pages/report.ts';
import { runbookPage } from './pages/runbook.ts';
import { teamPage, teamsPage } from './pages/teams.ts';
import { loadTemplates, type Templates } from './templates.ts';
import { personPath, rootOf, runbookPath, teamPath, type OutFile, type RenderContext } from './types.ts';

/** Makes one page's view model on demand. */
export type PageMaker = () => PageSpec;

/** Every HTML page's path and how to make it; `renderPages` makes them all, `handover dev` one per request. */
export function pageTable(ctx: RenderContext): Map<string, PageMaker> {
  const { site } = ctx;
  const table = new Map<string, PageMaker>([
    ['index.html', () => homePage(ctx)],
    ['people/index.html', () => peoplePage(ctx)],
    ['teams/index.html', () => teamsPage(ctx)],
    ['ownership/index.html', () => ownershipPage(ctx)],
    ['report/index.html', () => reportPage(ctx)],
    ['404.html', () => notFoundPage(ctx)],
  ]);
  for (const workflow of site.workflows) table.set(runbookPath(workflow.id), () => runbookPage(ctx, workflow));
  for (const person of site.people) table.set(personPath(person.id), () => personPage(ctx, person));
  for (const team of site.teams) table.set(teamPath(team.id), () => teamPage(ctx, team));
  return table;
}

/** One page's view model into its template and the layout. */
export function renderSpec(ctx: RenderContext, spec: PageSpec, templates: Templates = siteTemplates(ctx)): string {
  const root = spec.root ?? rootOf(spec.path);
  const { accent, nav, footer } = ctx.site.config;
  return templates.render(spec.kind, spec.view, {
    title: spec.title,
    siteTitle: ctx.site.config.title,
    root,
    nav: spec.nav,
    kind: spec.kind,
    description: spec.description,
    generated: ctx.now,
    theme: ctx.theme,
    site: { accent, footer, links: nav },
  });
}

/** The package's templates, shadowed by the site's own `templates/` folder. */
export function siteTemplates(ctx: RenderContext, fresh = false): Templates {
  return loadTemplates({ overrides: path.join(ctx.root, 'templates'), fresh });
}

/** Every HTML page of the site. Same context in, byte-identical pages out: no clock, no random ids. */
export function renderPages(ctx: RenderContext): OutFile[] {
  return [...renderPageBatches(ctx, Infinity)].flat();
}

/** The pages of the site, `size` at a time, so a build can write each batch before rendering the next. */
export function* renderPageBatches(ctx: RenderContext, size: number): Generator<OutFile[]> {
  const templates = siteTemplates(ctx);
  let batch: OutFile[] = [];
  for (const [path, make] of pageTable(ctx)) {
    batch.push({ path, content: renderSpec(ctx, make(), templates) });
    if (batch.length >= size) yield batch, (batch = []);
  }
  if (batch.length) yield batch;
}
