import { durationText } from '../../core/words.ts';
import { plainGap } from '../plain.ts';
import { humanDate } from '../../core/dates.ts';
import type { Guide } from '../../site.ts';
import { renderMarkdown } from '../markdown.ts';
import { guidePath, projectPath, rootOf, type RenderContext } from '../types.ts';
import { fixerRef, holderRef, personRef, reviewBadge } from '../view.ts';
import type { PageOf } from './page.ts';

/** Guide: a page to read (start here, a glossary, a how-to), with who keeps it current. */
export function guidePage(ctx: RenderContext, guide: Guide): PageOf<'guide'> {
  const path = guidePath(guide.id);
  const root = rootOf(path);
  const facts = ctx.facts.guides.get(guide.id)!;
  const { fm } = guide;
  const { review } = facts;
  const about = 'about-this-page';
  let aboutId = about;
  for (let n = 2; guide.anchors.has(aboutId); n++) aboutId = `${about}-${n}`;
  return {
    path,
    kind: 'guide',
    title: fm.title,
    description: fm.summary,
    view: {
      id: guide.id,
      file: projectPath(ctx.root, guide.file),
      breadcrumbs: [{ name: 'Runbooks', href: `${root}index.html` }, { name: 'Guides', href: `${root}index.html#guides-h` }],
      title: fm.title,
      summary: fm.summary,
      gaps: facts.gaps.map((gap) => ({ rule: gap.gap.rule, message: plainGap(gap.gap.message), fixer: fixerRef(ctx, gap, root) })),
      toc: [...guide.sections.map((s) => ({ href: `#${encodeURIComponent(s.slug)}`, text: s.heading })), { href: `#${aboutId}`, text: 'About this page' }],
      body: renderMarkdown(guide, ctx.site, path).html,
      aboutId,
      owner: facts.owner ? holderRef(facts.owner, root) : null,
      review: fm.review
        ? {
            last: fm.review.last ? humanDate(fm.review.last) : '',
            by: fm.review.by ? personRef(ctx, fm.review.by, root) : null,
            every: fm.review.last && !fm.review.next ? durationText(fm.review.every ?? ctx.site.config.review.every) : '',
            next: review.due ? reviewBadge(review) : null,
          }
        : null,
      extra: Object.entries(fm.extra).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value) })),
    },
  };
}
