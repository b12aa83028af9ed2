import { escapeHtml } from '../../core/text.ts';

/** `sitemap.xml`: the absolute URL of each listed page (folders for `index.html` pages), percent-encoded. */
export function sitemapXml(base: string, pages: string[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const url = (page: string) => root + page.replace(/index\.html$/, '').split('/').map(encodeURIComponent).join('/');
  const urls = pages.map((page) => `  <url><loc>${escapeHtml(url(page))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
