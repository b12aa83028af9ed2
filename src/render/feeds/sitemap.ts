/** `sitemap.xml`: the absolute URL of each listed page, folders for `index.html` pages. */
export function sitemapXml(base: string, pages: string[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const urls = pages.map((page) => `  <url><loc>${escape(root + page.replace(/index\.html$/, ''))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
