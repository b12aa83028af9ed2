import { humanDate } from '../../core/dates.ts';
import { changeTitle } from '../feeds/changes-atom.ts';
import { rootOf, runbookPath, type RenderContext } from '../types.ts';
import { personRef, statusBadge } from '../view.ts';
import type { PageOf } from './page.ts';

/** Entries the page lists; a long history is cut here, and says so. */
const MAX_ENTRIES = 500;

/** What changed: version changes and commits across workflows, newest first. */
export function changesPage(ctx: RenderContext): PageOf<'changes'> {
  const path = 'changes/index.html';
  const root = rootOf(path);
  const { changes, history } = ctx.facts;
  const entries = changes.slice(0, MAX_ENTRIES).map((entry) => ({
    date: humanDate(entry.date),
    iso: entry.date,
    kind: entry.kind,
    title: changeTitle(entry),
    workflows: entry.workflows.map((w) => ({ title: w.fm.title, href: root + runbookPath(w.id), status: statusBadge(w.fm.status) })),
    commit: entry.commit
      ? { short: entry.commit.short, subject: entry.commit.subject, author: entry.commit.author.name, person: entry.commit.author.person ? personRef(ctx, entry.commit.author.person, root) : null }
      : null,
    version: entry.kind === 'version' ? entry.version : '',
  }));
  return {
    path,
    kind: 'changes',
    title: 'What changed',
    view: {
      entries,
      more: Math.max(0, changes.length - MAX_ENTRIES),
      // changes.xml is written only when the site's absolute URL is known (feed readers need it).
      feed: ctx.base ? `${root}changes.xml` : '',
      history: history.state,
      historyNote: history.note ?? '',
    },
  };
}
