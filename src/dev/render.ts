/**
 * The site's files by path, each made on first request. The dev server asks for
 * one page at a time, so an edit re-renders only the pages the browser shows.
 */
import { homePage } from '../render/pages/home.ts';
import { notFoundPage } from '../render/pages/not-found.ts';
import { ownershipPage } from '../render/pages/ownership.ts';
import type { PageSpec } from '../render/pages/page.ts';
import { peoplePage } from '../render/pages/people.ts';
import { personPage } from '../render/pages/person.ts';
import { reportPage } from '../render/pages/report.ts';
import { runbookPage } from '../render/pages/runbook.ts';
import { teamPage, teamsPage } from '../render/pages/teams.ts';
import { loadTemplates, type Templates } from '../render/templates.ts';
import { personPath, rootOf, runbookPath, teamPath, type RenderContext } from '../render/types.ts';

type Spec = () => PageSpec;

/** Every HTML page's path and how to make its spec; the same pages `renderPages` makes. */
export function pageTable(ctx: RenderContext): Map<string, Spec> {
  const { site } = ctx;
  const table = new Map<string, Spec>([
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

/** One page into the layout, exactly as `renderPages` does it. */
export function renderSpec(ctx: RenderContext, spec: PageSpec, templates: Templates = loadTemplates()): string {
  return templates.render(spec.kind, spec.view, {
    title: spec.title,
    siteTitle: ctx.site.config.title,
    root: rootOf(spec.path),
    nav: spec.nav,
    kind: spec.kind,
    description: spec.description,
    generated: ctx.now,
    theme: ctx.theme,
  });
}
