import { reviewDue } from '../../audit/review.ts';
import { rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, personRef, reviewState } from '../view.ts';
import type { PageSpec } from './page.ts';
import { byStatusThenTitle, workflowRow } from './rows.ts';
import { siteStats } from './stats.ts';

const REVIEW_RULES = ['review-overdue', 'experiment-overdue', 'review-due-soon'];

/** Home: where is the runbook for X, and is anything on fire? */
export function homePage(ctx: RenderContext): PageSpec {
  const path = 'index.html';
  const root = rootOf(path);
  const { site, now } = ctx;
  const rows = [...site.workflows].sort(byStatusThenTitle).map((w) => workflowRow(ctx, w, root));
  const teams = [...new Map(rows.filter((r) => r.team).map((r) => [r.team!.id, r.team!])).values()].sort((a, b) => byText(a.name, b.name));
  return {
    path,
    kind: 'home',
    title: 'Runbooks',
    nav: 'runbooks',
    description: site.config.description || undefined,
    view: {
      siteTitle: site.config.title,
      description: site.config.description,
      ...siteStats(ctx, `${root}report/index.html`),
      reviews: reviewsToAct(ctx, root),
      rows,
      teams,
      hasNoTeam: rows.some((r) => !r.team),
    },
  };
}

/** Reviews overdue or due soon, earliest first, each with the operations owner who runs it. */
function reviewsToAct(ctx: RenderContext, root: string) {
  const { site, now } = ctx;
  const ids = new Set(ctx.gaps.filter((g) => REVIEW_RULES.includes(g.rule)).map((g) => g.workflow));
  return site.workflows
    .filter((w) => ids.has(w.id))
    .map((w) => {
      const owner = w.fm.owners.operations?.primary ?? w.fm.review?.by ?? w.fm.owners.business?.primary;
      return {
        title: w.fm.title,
        href: root + runbookPath(w.id),
        review: reviewState(reviewDue(w, site.config), now, site.config.review.dueSoonDays),
        owner: owner ? personRef(site, owner, root, now) : null,
        experiment: w.fm.status === 'experiment',
      };
    })
    .sort((a, b) => byText(a.review.due, b.review.due) || byText(a.title, b.title));
}
