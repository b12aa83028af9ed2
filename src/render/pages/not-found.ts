import type { RenderContext } from '../types.ts';
import type { PageOf } from './page.ts';

/**
 * 404: hosts serve it for a missing path at any depth, so relative links would break there. When
 * the site's absolute URL (`base`) is known its links are absolute; otherwise they are relative to
 * the site root (it sits at `404.html`), which works at the root, from file:// and on hosts that
 * redirect to it. No `<base>`: that would break the site under a sub-path.
 */
export function notFoundPage(ctx: RenderContext): PageOf<'404'> {
  const root = /^https?:\/\//i.test(ctx.base) ? (ctx.base.endsWith('/') ? ctx.base : `${ctx.base}/`) : undefined;
  return { path: '404.html', kind: '404', title: 'Page not found', ...(root && { root }), view: { count: ctx.site.workflows.length } };
}
