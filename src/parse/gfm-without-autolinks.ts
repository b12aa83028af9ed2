/**
 * GitHub Flavored Markdown as remark-gfm sets it up (footnotes, strikethrough, tables, task
 * lists), minus autolink literals: bare `www.`, `http(s)://` and e-mail addresses turned into
 * links. Those cost about a third of all Markdown parsing (a check at every character, and a
 * find-and-replace over every text node), yet can only match where the text holds `www.`, `://`
 * or `@`; src/parse/index.ts uses this for bodies with none of them, and full GFM for the rest.
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

/** Whether autolink literals could match anywhere in `text` (a superset of where they do). */
export function mayHoldAutolinks(text: string): boolean {
  return /www\.|:\/\/|@/i.test(text);
}

/** A unified plugin: remark-gfm's parsing extensions, in its order, without autolink literals. */
export function gfmWithoutAutolinks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}
