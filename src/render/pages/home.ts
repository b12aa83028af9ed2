import { rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, factsOf, personRef, reviewBadge } from '../view.ts';
import type { PageOf } from './page.ts';
import { byStatusThenTitle, workflowRow } from './rows.ts';
import { siteStats } from './stats.ts';

/** Home: where is the runbook for X, and is anything on fire? */
export function homePage(ctx: RenderContext): PageOf<'home'> {
  const path = 'index.html';
  const root = rootOf(path);
  const { site } = ctx;
  const rows = [...site.workflows].sort(byStatusThenTitle).map((w) => workflowRow(ctx, w, root));
  const teams = [...new Map(rows.filter((r) => r.team).map((r) => [r.team!.id, r.team!])).values()].sort((a, b) => byText(a.name, b.name));
  return {
    path,
    kind: 'home',
    title: 'Runbooks',
    description: site.config.description || undefined,
    view: {
      siteTitle: site.config.title,
      description: site.config.description,
      ...siteStats(ctx, `${root}report/index.html`),
      reviews: reviewsToAct(ctx, root),
      rows,
      teams,
      hasNoTeam: rows.some((r) => !r.team),
      binderHref: `${root}binder/index.html`,
      changesHref: `${root}changes/index.html`,
    },
  };
}

/** Reviews overdue or due soon, earliest first, each with the person who runs it. */
function reviewsToAct(ctx: RenderContext, root: string) {
  return ctx.site.workflows
    .map((w) => ({ w, review: factsOf(ctx, w.id).review }))
    .filter(({ review }) => review.state === 'overdue' || review.state === 'decide-overdue' || review.state === 'soon')
    .map(({ w, review }) => ({
      title: w.fm.title,
      href: root + runbookPath(w.id),
      review: reviewBadge(review),
      owner: review.runner ? personRef(ctx, review.runner.person, root) : null,
      experiment: w.fm.status === 'experiment',
    }))
    .sort((a, b) => byText(a.review.due, b.review.due) || byText(a.title, b.title));
}
