import type { RenderContext } from '../types.ts';
import type { PageSpec } from './page.ts';

/**
 * 404: hosts serve it for a missing path at any depth, but its links are written relative to the
 * site root (it sits at `404.html`), so they work when it is opened at the root, from file://,
 * or by hosts that redirect to it. No `<base>`: that would break the site under a sub-path.
 */
export function notFoundPage(ctx: RenderContext): PageSpec {
  return { path: '404.html', kind: '404', title: 'Page not found', nav: '', view: { count: ctx.site.workflows.length } };
}
