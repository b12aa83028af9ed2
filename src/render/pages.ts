import { homePage } from './pages/home.ts';
import { notFoundPage } from './pages/not-found.ts';
import { ownershipPage } from './pages/ownership.ts';
import type { PageSpec } from './pages/page.ts';
import { peoplePage } from './pages/people.ts';
import { personPage } from './pages/person.ts';
import { reportPage } from './pages/report.ts';
import { runbookPage } from './pages/runbook.ts';
import { teamPage, teamsPage } from './pages/teams.ts';
import { loadTemplates } from './templates.ts';
import { rootOf, type OutFile, type RenderContext } from './types.ts';

/** Every HTML page of the site. Same context in, byte-identical pages out: no clock, no random ids. */
export function renderPages(ctx: RenderContext): OutFile[] {
  const templates = loadTemplates();
  const { site } = ctx;
  const specs: PageSpec[] = [
    homePage(ctx),
    ...site.workflows.map((workflow) => runbookPage(ctx, workflow)),
    peoplePage(ctx),
    ...site.people.map((person) => personPage(ctx, person)),
    teamsPage(ctx),
    ...site.teams.map((team) => teamPage(ctx, team)),
    ownershipPage(ctx),
    reportPage(ctx),
    notFoundPage(ctx),
  ];
  return specs.map((spec) => ({
    path: spec.path,
    content: templates.render(spec.kind, spec.view, {
      title: spec.title,
      siteTitle: site.config.title,
      root: rootOf(spec.path),
      nav: spec.nav,
      kind: spec.kind,
      description: spec.description,
      generated: ctx.now,
      theme: ctx.theme,
    }),
  }));
}
