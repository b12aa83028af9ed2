import type { Guide } from '../../site.ts';
import { guidePath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import type { GuideLink } from '../views.ts';
import { byText, factsOf, personRef, reviewBadge } from '../view.ts';
import type { PageOf } from './page.ts';
import { byStatusThenTitle, workflowRow } from './rows.ts';
import { siteStats } from './stats.ts';

/** The home page lists this many reviews to do, most urgent first; a large site's others are on the report. */
export const HOME_REVIEWS = 8;

/** Home: where is the runbook for X, and is anything on fire? */
export function homePage(ctx: RenderContext): PageOf<'home'> {
  const path = 'index.html';
  const root = rootOf(path);
  const { site } = ctx;
  const rows = [...site.workflows].sort(byStatusThenTitle).map((w) => workflowRow(ctx, w, root));
  const guides = [...site.guides].sort((a, b) => byText(a.fm.title, b.fm.title) || byText(a.id, b.id));
  const start = guides.find(isStartHere) ?? null;
  const reviews = reviewsToAct(ctx, root);
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
      reviews: reviews.slice(0, HOME_REVIEWS),
      reviewsTotal: reviews.length,
      reviewsMore: Math.max(0, reviews.length - HOME_REVIEWS),
      reviewsHref: `${root}report/index.html#reviews`,
      rows,
      teams,
      hasNoTeam: rows.some((r) => !r.team),
      startHere: start ? guideLink(start, root) : null,
      guides: guides.map((g) => guideLink(g, root)),
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

/** The "Start here" guide: the one at `guides/start-here.md` (in any folder), else one titled "Start here". */
function isStartHere(guide: Guide): boolean {
  return guide.id.split('/').at(-1) === 'start-here' || guide.fm.title.trim().toLowerCase() === 'start here';
}

function guideLink(guide: Guide, root: string): GuideLink {
  return { title: guide.fm.title, summary: guide.fm.summary, href: root + guidePath(guide.id) };
}
