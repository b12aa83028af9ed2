import { reviewDue } from '../../audit/review.ts';
import { addDays, daysBetween, humanDate } from '../../dates.ts';
import type { Workflow } from '../../model.ts';
import { rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, fixerOf, gapsOf, personRef, shortRange, statusBadge, teamRef } from '../view.ts';
import type { PageSpec } from './page.ts';
import { isActive, siteStats } from './stats.ts';

const WEEKS = 13;

/** Report: what is not ready for routine care, and whose is it? */
export function reportPage(ctx: RenderContext): PageSpec {
  const path = 'report/index.html';
  const root = rootOf(path);
  const { site, now } = ctx;
  const byId = new Map(site.workflows.map((w) => [w.id, w]));
  const link = (w: Workflow) => ({ title: w.fm.title, href: root + runbookPath(w.id), status: statusBadge(w.fm.status) });
  const fixer = (w: Workflow, gap: (typeof ctx.gaps)[number]) => {
    const found = fixerOf(gap, w, site);
    return found ? { role: found.role, person: personRef(site, found.person, root, now) } : null;
  };
  const rules = [...new Set(ctx.gaps.map((g) => g.rule))]
    .map((rule) => {
      const items = ctx.gaps.filter((g) => g.rule === rule && g.workflow && byId.has(g.workflow));
      return { rule, count: items.length, items: items.map((g) => ({ ...link(byId.get(g.workflow!)!), message: g.message, fixer: fixer(byId.get(g.workflow!)!, g) })) };
    })
    .sort((a, b) => b.count - a.count || byText(a.rule, b.rule));
  const byWorkflow = site.workflows
    .map((w) => {
      const gaps = gapsOf(ctx.gaps, w.id);
      const owner = w.fm.owners.operations?.primary;
      return { ...link(w), team: teamRef(site, w.fm.team, root), count: gaps.length, rules: [...new Set(gaps.map((g) => g.rule))], owner: owner ? personRef(site, owner, root, now) : null };
    })
    .filter((w) => w.count > 0)
    .sort((a, b) => b.count - a.count || byText(a.title, b.title));
  return {
    path,
    kind: 'report',
    title: 'Report',
    nav: 'report',
    view: {
      ...siteStats(ctx, ''),
      now: humanDate(now),
      coverage: coverageByTeam(ctx, root),
      rules,
      gapCount: ctx.gaps.length,
      byWorkflow,
      calendar: reviewCalendar(ctx, root),
      load: reviewLoad(ctx, root),
      feeds: { report: `${root}report.json`, ics: `${root}reviews.ics`, csv: `${root}ownership.csv` },
    },
  };
}

/** Share of each team's active workflows with no gap. */
function coverageByTeam(ctx: RenderContext, root: string) {
  const { site } = ctx;
  return [...site.teams.map((t) => t.id), '']
    .map((id) => {
      const active = site.workflows.filter((w) => isActive(w) && (id ? w.fm.team === id : !w.fm.team || !site.team.has(w.fm.team)));
      const ready = active.filter((w) => gapsOf(ctx.gaps, w.id).length === 0).length;
      const pct = active.length ? Math.round((100 * ready) / active.length) : 100;
      return { team: teamRef(site, id || undefined, root) ?? { id: '', name: 'No team', href: '' }, active: active.length, ready, pct, tone: pct === 100 ? 'ok' : pct >= 50 ? 'warn' : 'bad' };
    })
    .filter((t) => t.active > 0);
}

/** Workflows that are not retired, with their review due date and who runs the review (operations primary). */
function dueReviews(ctx: RenderContext) {
  const { site } = ctx;
  return site.workflows
    .filter((w) => w.fm.status !== 'retired')
    .map((w) => ({ w, due: reviewDue(w, site.config), owner: w.fm.owners.operations?.primary ?? w.fm.review?.by ?? w.fm.owners.business?.primary }))
    .filter((r): r is { w: Workflow; due: string; owner: string | undefined } => r.due !== null)
    .sort((a, b) => byText(a.due, b.due) || byText(a.w.fm.title, b.w.fm.title));
}

/** Overdue reviews, then one column per week for the next 13 weeks. */
function reviewCalendar(ctx: RenderContext, root: string) {
  const reviews = dueReviews(ctx);
  const item = (r: (typeof reviews)[number]) => ({ title: r.w.fm.title, href: root + runbookPath(r.w.id), date: humanDate(r.due), owner: r.owner ? personRef(ctx.site, r.owner, root, ctx.now) : null });
  const weeks = Array.from({ length: WEEKS }, (_, i) => {
    const from = addDays(ctx.now, 7 * i);
    const to = addDays(from, 6);
    return { label: shortRange(from, to), current: i === 0, items: reviews.filter((r) => r.due >= from && r.due <= to).map(item) };
  });
  const overdue = reviews.filter((r) => r.due < ctx.now).map(item);
  return { overdue, weeks, total: overdue.length + weeks.reduce((n, w) => n + w.items.length, 0), until: humanDate(addDays(ctx.now, 7 * WEEKS - 1)) };
}

/** Reviews each person runs per month over the calendar's window; overdue ones in their own column. */
function reviewLoad(ctx: RenderContext, root: string) {
  const end = addDays(ctx.now, 7 * WEEKS - 1);
  const reviews = dueReviews(ctx).filter((r) => r.owner && r.due <= end);
  const months: string[] = [];
  for (let day = ctx.now; day <= end; day = addDays(day, 1)) if (!months.includes(day.slice(0, 7))) months.push(day.slice(0, 7));
  const owners = [...new Set(reviews.map((r) => r.owner!))];
  const rows = owners
    .map((id) => {
      const mine = reviews.filter((r) => r.owner === id);
      return {
        person: personRef(ctx.site, id, root, ctx.now),
        overdue: mine.filter((r) => r.due < ctx.now).length,
        months: months.map((m) => mine.filter((r) => r.due >= ctx.now && r.due.startsWith(m)).length),
        total: mine.length,
      };
    })
    .sort((a, b) => b.total - a.total || byText(a.person.name, b.person.name));
  return { months: months.map((m) => humanDate(`${m}-01`).slice(2)), rows, dueIn: daysBetween(ctx.now, end) + 1 };
}
