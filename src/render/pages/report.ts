import { addDays, daysBetween, humanDate } from '../../core/dates.ts';
import { plainGap } from '../plain.ts';
import { shortRange } from '../../core/words.ts';
import type { ReviewFact } from '../../facts/index.ts';
import type { Guide, Workflow } from '../../site.ts';
import { guidePath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, factsOf, fixerRef, groupByTeam, holderRef, personRef, statusBadge, teamRef } from '../view.ts';
import type { PageOf } from './page.ts';
import { drillView } from './practice.ts';
import { isActive, siteStats } from './stats.ts';

/** The review calendar's window: 13 weeks from today. */
const WEEKS = 13;

/** A rule's group is open on the page while it has at most this many gaps; a longer one starts collapsed. */
export const RULE_OPEN = 10;
/** A rule's group lists at most this many gaps; the rest are under each workflow below and in report.json. */
export const RULE_ITEMS = 25;

/** Report: what is not ready for routine care, and whose is it? */
export function reportPage(ctx: RenderContext): PageOf<'report'> {
  const path = 'report/index.html';
  const root = rootOf(path);
  const { site } = ctx;
  const link = (w: Workflow) => ({ title: w.fm.title, href: root + runbookPath(w.id), status: statusBadge(w.fm.status) });
  // A guide's gaps (a stale review, a broken link) are listed under the same rules, linked to the guide.
  const all = [
    ...site.workflows.flatMap((w) => factsOf(ctx, w.id).gaps.map((gap) => ({ to: link(w), gap }))),
    ...[...ctx.facts.guides.values()].flatMap((g) => g.gaps.map((gap) => ({ to: guideLink(g.guide, root), gap }))),
  ];
  const rules = [...new Set(all.map((g) => g.gap.gap.rule))]
    .map((rule) => {
      const items = all.filter((g) => g.gap.gap.rule === rule);
      const shown = items.slice(0, RULE_ITEMS).map(({ to, gap }) => ({ ...to, message: plainGap(gap.gap.message), fixer: fixerRef(ctx, gap, root) }));
      return { rule, title: items[0]!.gap.title, count: items.length, open: items.length <= RULE_OPEN, items: shown, more: items.length - shown.length };
    })
    .sort((a, b) => b.count - a.count || byText(a.rule, b.rule));
  const byWorkflow = site.workflows
    .map((w) => {
      const facts = factsOf(ctx, w.id);
      return {
        ...link(w),
        team: teamRef(ctx, w.fm.team, root),
        count: facts.gaps.length,
        rules: [...new Set(facts.gaps.map((g) => g.title))],
        owner: facts.care ? holderRef(facts.care.holder, root) : null,
      };
    })
    .filter((w) => w.count > 0)
    .sort((a, b) => b.count - a.count || byText(a.title, b.title));
  return {
    path,
    kind: 'report',
    title: 'Report',
    view: {
      ...siteStats(ctx, ''),
      now: humanDate(ctx.now),
      coverage: coverageByTeam(ctx, root),
      rules,
      gapCount: ctx.gaps.length,
      byWorkflow,
      calendar: reviewCalendar(ctx, root),
      load: reviewLoad(ctx, root),
      feeds: { report: `${root}report.json`, ics: `${root}reviews.ics`, csv: `${root}ownership.csv`, changes: `${root}changes/index.html` },
      readiness: readinessByTeam(ctx, root),
      practice: site.workflows.filter(isActive).map((w) => {
        const { practice, readiness } = factsOf(ctx, w.id);
        return {
          ...link(w),
          team: teamRef(ctx, w.fm.team, root),
          readiness: `${readiness.done}/${readiness.total}`,
          lastDrill: practice.latest ? drillView(ctx, practice.latest, practice.responseTargetMinutes, root) : null,
          due: practice.due ? humanDate(practice.due) : '',
          overdue: practice.due !== null && practice.due < ctx.now,
        };
      }),
      historyNote: ctx.facts.history.note ?? '',
    },
  };
}

/** A guide in a list of workflows: its badge says "Guide". */
function guideLink(guide: Guide, root: string) {
  return { title: guide.fm.title, href: root + guidePath(guide.id), status: { status: 'guide', label: 'Guide' } };
}

/** Share of each team's active workflows with no gap. */
function coverageByTeam(ctx: RenderContext, root: string) {
  const { site } = ctx;
  return groupByTeam(ctx, root, site.workflows.filter(isActive), (w) => w.fm.team).map(({ team, items }) => {
    const ready = items.filter((w) => factsOf(ctx, w.id).gaps.length === 0).length;
    const pct = Math.round((100 * ready) / items.length);
    return { team, active: items.length, ready, pct, tone: pct === 100 ? 'ok' : pct >= 50 ? 'warn' : 'bad' };
  });
}

/** Checklist items done across each team's active workflows, and the three items missing most. */
function readinessByTeam(ctx: RenderContext, root: string) {
  return groupByTeam(ctx, root, ctx.site.workflows.filter(isActive), (w) => w.fm.team).map(({ team, items }) => {
    const lists = items.map((w) => factsOf(ctx, w.id).readiness);
    const done = lists.reduce((n, r) => n + r.done, 0);
    const total = lists.reduce((n, r) => n + r.total, 0);
    const pct = total ? Math.round((100 * done) / total) : 100;
    const missing = lists[0]
      ? lists[0].items
          .map((item, i) => ({ label: item.label, count: lists.filter((r) => !r.items[i]!.done).length }))
          .filter((m) => m.count > 0)
          .sort((a, b) => b.count - a.count)
          .slice(0, 3)
      : [];
    return { team, done, total, pct, tone: pct === 100 ? 'ok' : pct >= 75 ? 'warn' : 'bad', missing };
  });
}

type Due = { w: Workflow; review: ReviewFact & { due: string } };

/** Workflows with a review due date, earliest first: the facts say when and who runs it. */
function dueReviews(ctx: RenderContext): Due[] {
  return ctx.site.workflows
    .map((w) => ({ w, review: factsOf(ctx, w.id).review }))
    .filter((r): r is Due => r.review.due !== null)
    .sort((a, b) => byText(a.review.due, b.review.due) || byText(a.w.fm.title, b.w.fm.title));
}

/** Overdue reviews, then one column per week for the next 13 weeks. */
function reviewCalendar(ctx: RenderContext, root: string) {
  const reviews = dueReviews(ctx);
  const item = ({ w, review }: Due) => ({
    title: w.fm.title,
    href: root + runbookPath(w.id),
    date: humanDate(review.due),
    owner: review.runner ? personRef(ctx, review.runner.person, root) : null,
  });
  const weeks = Array.from({ length: WEEKS }, (_, i) => {
    const from = addDays(ctx.now, 7 * i);
    const to = addDays(from, 6);
    return { label: shortRange(from, to), current: i === 0, items: reviews.filter((r) => r.review.due >= from && r.review.due <= to).map(item) };
  });
  const overdue = reviews.filter((r) => r.review.due < ctx.now).map(item);
  return { overdue, weeks, total: overdue.length + weeks.reduce((n, w) => n + w.items.length, 0), until: humanDate(addDays(ctx.now, 7 * WEEKS - 1)), days: 7 * WEEKS };
}

/** Reviews each person runs per month over the calendar's window; overdue ones in their own column; unowned ones counted. */
function reviewLoad(ctx: RenderContext, root: string) {
  const end = addDays(ctx.now, 7 * WEEKS - 1);
  const inWindow = dueReviews(ctx).filter((r) => r.review.due <= end);
  const reviews = inWindow.filter((r) => r.review.runner);
  const months: string[] = [];
  for (let day = ctx.now; day <= end; day = addDays(day, 1)) if (!months.includes(day.slice(0, 7))) months.push(day.slice(0, 7));
  // Each runner's reviews in one pass, in the order the runners first appear (filtering every review per runner grew with runners × reviews).
  const byOwner = new Map<string, Due[]>();
  for (const r of reviews) {
    const id = r.review.runner!.person;
    byOwner.set(id, byOwner.get(id) ?? []).get(id)!.push(r);
  }
  const rows = [...byOwner]
    .map(([id, mine]) => ({
      person: personRef(ctx, id, root),
      overdue: mine.filter((r) => r.review.due < ctx.now).length,
      months: months.map((m) => mine.filter((r) => r.review.due >= ctx.now && r.review.due.startsWith(m)).length),
      total: mine.length,
    }))
    .sort((a, b) => b.total - a.total || byText(a.person.name, b.person.name));
  return { months: months.map((m) => humanDate(`${m}-01`).slice(2)), rows, dueIn: daysBetween(ctx.now, end) + 1, unowned: inWindow.length - reviews.length };
}
