/**
 * Compiles a runbook body once, right after it is parsed: safe HTML with a numbered slot for every
 * link and image, its level-2 sections, heading anchors, links and plain text. Only these strings
 * live on; the Markdown and HTML trees are dropped at once, so a 10,000-runbook build holds text,
 * not trees, and the parse cache (and parse workers) carry a few kilobytes per runbook.
 * Links are resolved later, per page (src/render/markdown.ts), because that needs the whole site.
 */
import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { finishHtml } from './html.ts';
import { bodyText, collectLinks, headingSlugs, readSections } from './outline.ts';
import { hasHtml, onlyDetails } from './raw.ts';
import type { Body } from './types.ts';

export type { Body, BodySection, Link, Slot } from './types.ts';

/** The body of a runbook that could not be read. */
export const EMPTY_BODY: Body = { html: '', slots: [], sections: [], anchors: [], links: [], text: '', endLine: 1 };

/** The default (GitHub) schema, plus the link schemes the runbook format adds; rewritten before output. */
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'tel', 'people', 'teams'] },
};

/**
 * Footnote ids get their `user-content-` prefix from the sanitizer alone (remark-rehype would add a
 * second one); `finishHtml` gives footnote links the same prefix. A body with raw HTML takes the longer
 * road: only its `<details>` and `<summary>` tags are kept as HTML, and reparsed with the Markdown around
 * them (src/compile/raw.ts). Without raw HTML, remark-rehype drops nothing and the reparse is skipped.
 */
const toHast = unified().use(remarkRehype, { clobberPrefix: '' });
const toHastWithRaw = unified().use(remarkRehype, { clobberPrefix: '', allowDangerousHtml: true });
const reparse = unified().use(rehypeRaw);
const processor = unified().use(rehypeSanitize, schema).use(rehypeStringify);

function safeHast(tree: Root): HastRoot {
  if (!hasHtml(tree)) return processor.runSync(toHast.runSync(tree)) as HastRoot;
  const withRaw = toHastWithRaw.runSync(tree) as HastRoot;
  onlyDetails(withRaw);
  return processor.runSync(reparse.runSync(withRaw)) as HastRoot;
}

/** Compiles a Markdown body (frontmatter node already removed). Takes ownership of `tree`: it is changed in place. */
export function compileBody(tree: Root): Body {
  const slugs = headingSlugs(tree);
  const { sections, anchors } = readSections(tree, slugs);
  const links = collectLinks(tree);
  const text = bodyText(tree);
  const endLine = tree.position?.end.line ?? 1;
  const hast = safeHast(tree);
  const slots = finishHtml(hast, slugs, schema.clobberPrefix ?? '');
  return { html: processor.stringify(hast as never), slots, sections, anchors, links, text, endLine };
}

