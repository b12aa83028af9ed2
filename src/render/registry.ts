import { guidePage } from './pages/guide.ts';
import { binderPage } from './pages/binder.ts';
import { changesPage } from './pages/changes.ts';
import { homePage } from './pages/home.ts';
import { notFoundPage } from './pages/not-found.ts';
import { ownershipPage } from './pages/ownership.ts';
import type { PageSpec } from './pages/page.ts';
import { peoplePage } from './pages/people.ts';
import { personPage } from './pages/person.ts';
import { reportPage } from './pages/report.ts';
import { runbookPage } from './pages/runbook.ts';
import { personInputs, runbookInputs } from './inputs.ts';
import { teamPage, teamsPage } from './pages/teams.ts';
import { ownershipCsv, ownershipJson } from './feeds/ownership.ts';
import { reportJson } from './feeds/report.ts';
import { changesAtom } from './feeds/changes-atom.ts';
import { reviewsIcs } from './feeds/ics.ts';
import { personIcs } from './feeds/person-ics.ts';
import { sitemapXml } from './feeds/sitemap.ts';
import type { PageKind } from './templates.ts';
import { guidePath, personPath, runbookPath, teamPath, type RenderContext } from './types.ts';

/** A top-bar entry. */
export type Nav = 'runbooks' | 'ownership' | 'people' | 'teams' | 'report';

/** The top bar, in order: every page names which entry it is under. */
export const NAV: readonly { id: Nav; label: string; path: string }[] = [
  { id: 'runbooks', label: 'Runbooks', path: 'index.html' },
  { id: 'ownership', label: 'Ownership', path: 'ownership/index.html' },
  { id: 'people', label: 'People', path: 'people/index.html' },
  { id: 'teams', label: 'Teams', path: 'teams/index.html' },
  { id: 'report', label: 'Report', path: 'report/index.html' },
];

/**
 * Makes one page's view model on demand. `inputs`, where a kind has it, is a key of everything the
 * maker reads: the same key gives the same view, so a build may keep the page without making it.
 */
export type PageMaker = (() => PageSpec) & { inputs?: () => string | undefined };

/** One kind of page: its template, the top-bar entry it sits under, whether the sitemap lists it, and its pages. */
export interface PageKindEntry {
  kind: PageKind;
  nav: Nav | '';
  sitemap: boolean;
  /** Every page of this kind in the site: its path in the out dir and how to make it. */
  pages(ctx: RenderContext): [path: string, make: PageMaker][];
}

const one = (path: string, make: (ctx: RenderContext) => PageSpec) => (ctx: RenderContext): [string, PageMaker][] => [[path, () => make(ctx)]];

/**
 * Every page of the site, once: build and dev render from it, the sitemap and the top bar read it,
 * and the tests hold the built tree to it. A new page kind is its file, its template and one entry here.
 */
export const PAGES: readonly PageKindEntry[] = [
  { kind: 'home', nav: 'runbooks', sitemap: true, pages: one('index.html', homePage) },
  { kind: 'ownership', nav: 'ownership', sitemap: true, pages: one('ownership/index.html', ownershipPage) },
  { kind: 'report', nav: 'report', sitemap: true, pages: one('report/index.html', reportPage) },
  { kind: 'people', nav: 'people', sitemap: true, pages: one('people/index.html', peoplePage) },
  { kind: 'teams', nav: 'teams', sitemap: true, pages: one('teams/index.html', teamsPage) },
  { kind: 'runbook', nav: 'runbooks', sitemap: true, pages: (ctx) => ctx.site.workflows.map((w) => [runbookPath(w.id), Object.assign(() => runbookPage(ctx, w), { inputs: () => runbookInputs(ctx, w) })]) },
  { kind: 'guide', nav: 'runbooks', sitemap: true, pages: (ctx) => ctx.site.guides.map((g) => [guidePath(g.id), () => guidePage(ctx, g)]) },
  { kind: 'person', nav: 'people', sitemap: true, pages: (ctx) => ctx.site.people.map((p) => [personPath(p.id), Object.assign(() => personPage(ctx, p), { inputs: () => personInputs(ctx, p) })]) },
  { kind: 'team', nav: 'teams', sitemap: true, pages: (ctx) => ctx.site.teams.map((t) => [teamPath(t.id), () => teamPage(ctx, t)]) },
  { kind: 'changes', nav: 'report', sitemap: true, pages: one('changes/index.html', changesPage) },
  { kind: 'binder', nav: 'runbooks', sitemap: true, pages: one('binder/index.html', binderPage) },
  { kind: '404', nav: '', sitemap: false, pages: one('404.html', notFoundPage) },
];

/** One machine-readable file beside the pages, or one per item (`each`: e.g. one calendar per person). */
export type FeedEntry =
  | {
      path: string;
      /** Written only when this holds (the sitemap needs the site's absolute URL). */
      when?: (ctx: RenderContext) => boolean;
      make(ctx: RenderContext): string;
    }
  | { each(ctx: RenderContext): { path: string; make: () => string }[] };

/** Every machine-readable file of the site, once; each reads the day's facts. */
export const FEEDS: readonly FeedEntry[] = [
  { path: 'report.json', make: (ctx) => reportJson(ctx.site, ctx.facts, ctx.root) },
  { path: 'ownership.json', make: (ctx) => ownershipJson(ctx.site, ctx.facts) },
  { path: 'ownership.csv', make: (ctx) => ownershipCsv(ctx.site, ctx.facts) },
  { path: 'reviews.ics', make: (ctx) => reviewsIcs(ctx.site, ctx.facts, ctx.base) },
  { each: (ctx) => ctx.site.people.map((p) => ({ path: `people/${p.id}/reviews.ics`, make: () => personIcs(ctx.site, ctx.facts, p, ctx.base) })) },
  { path: 'changes.xml', when: (ctx) => ctx.base !== '', make: (ctx) => changesAtom(ctx.site, ctx.facts, ctx.base) },
  { path: 'sitemap.xml', when: (ctx) => ctx.base !== '', make: (ctx) => sitemapXml(ctx.base, sitemapPages(ctx)) },
];

/** Entry of a page kind by its template name. */
export const PAGE_KIND = new Map(PAGES.map((entry) => [entry.kind, entry]));

/** Every page's path and maker, in registry order. */
export function pageTable(ctx: RenderContext): Map<string, PageMaker> {
  return new Map(PAGES.flatMap((entry) => entry.pages(ctx)));
}

/** Paths of the pages the sitemap lists. */
function sitemapPages(ctx: RenderContext): string[] {
  return PAGES.filter((entry) => entry.sitemap).flatMap((entry) => entry.pages(ctx).map(([path]) => path));
}

/** The feeds of this site, made. */
export function feedFiles(ctx: RenderContext): { path: string; content: string }[] {
  return [...eachFeedFile(ctx)];
}

/**
 * The feeds one at a time, each made only when asked for: a build writes one before making the next,
 * so the largest (report.json, 51 MB at 10,000 runbooks, and the objects it is made from) is never in
 * memory beside the others.
 */
export function* eachFeedFile(ctx: RenderContext): Generator<{ path: string; content: string }> {
  for (const feed of FEEDS) {
    if ('each' in feed) for (const f of feed.each(ctx)) yield { path: f.path, content: f.make() };
    else if (!feed.when || feed.when(ctx)) yield { path: feed.path, content: feed.make(ctx) };
  }
}
