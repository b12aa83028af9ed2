import { ownershipCsv, ownershipJson, reportJson, reviewsIcs } from './feeds.ts';
import { runbookPath, personPath, teamPath, type OutFile, type RenderContext } from './types.ts';

/** The machine-readable files beside the pages: report, ownership, review calendar, sitemap. */
export function siteFiles(ctx: RenderContext): OutFile[] {
  const { site, facts, base } = ctx;
  const files: OutFile[] = [
    { path: 'report.json', content: reportJson(site, facts) },
    { path: 'ownership.json', content: ownershipJson(site, facts) },
    { path: 'ownership.csv', content: ownershipCsv(site, facts) },
    { path: 'reviews.ics', content: reviewsIcs(site, facts, base) },
  ];
  if (base) files.push({ path: 'sitemap.xml', content: sitemap(ctx) });
  return files;
}

function sitemap({ site, base }: RenderContext): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const pages = [
    'index.html',
    'ownership/index.html',
    'report/index.html',
    'people/index.html',
    'teams/index.html',
    ...site.workflows.map((w) => runbookPath(w.id)),
    ...site.people.map((p) => personPath(p.id)),
    ...site.teams.map((t) => teamPath(t.id)),
  ];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const urls = pages.map((page) => `  <url><loc>${escape(root + page.replace(/index\.html$/, ''))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
