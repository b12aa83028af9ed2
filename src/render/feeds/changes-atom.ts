import { Feed } from 'feed';
import { escapeHtml } from '../../core/text.ts';
import type { ChangeEntry, Facts } from '../../facts/index.ts';
import type { Site } from '../../site.ts';
import { pageUrl } from './ics.ts';

/** Entries a feed reader needs; older ones are on the changes page. */
const MAX_ENTRIES = 200;

/** One entry's title: `Refund replies: Switch the model` or `Refund replies: version 2026-10-01`. */
export function changeTitle(entry: ChangeEntry): string {
  const names = entry.workflows.map((w) => w.fm.title).join(', ');
  return entry.kind === 'commit' ? `${names}: ${entry.commit.subject || entry.commit.short}` : `${names}: version ${entry.version}`;
}

/**
 * `changes.xml`: an Atom feed of version changes and commits across workflows, newest first, made with the
 * `feed` library. Dated by the latest change (or the build's day), never the clock, so rebuilds give the
 * same bytes. Feed readers need absolute links, so it is written only when the site's `base` is known.
 * The library marks titles and summaries `type="html"`, so text from content (commit subjects, titles)
 * is HTML-escaped first: a reader shows `<script>` as text, never runs it.
 */
export function changesAtom(site: Site, facts: Facts, base: string): string {
  const root = `${base.replace(/\/+$/, '')}/`;
  const feed = new Feed({
    id: `${root}changes.xml`,
    title: `${site.config.title}: what changed`,
    description: 'Version changes and commits across workflows, newest first.',
    link: `${root}changes/index.html`,
    updated: new Date(`${facts.changes[0]?.date ?? facts.now}T00:00:00Z`),
    generator: 'Handover',
    copyright: '',
    feedLinks: { atom: `${root}changes.xml` },
  });
  for (const entry of facts.changes.slice(0, MAX_ENTRIES)) {
    const first = entry.workflows[0]!;
    const id = entry.kind === 'commit' ? `commit-${entry.commit.hash}` : `version-${first.id}-${entry.version}${entry.commit ? `-${entry.commit.short}` : ''}`;
    const author = entry.commit ? [{ name: entry.commit.author.person ? (site.person.get(entry.commit.author.person)?.name ?? entry.commit.author.name) : entry.commit.author.name }] : undefined;
    feed.addItem({
      title: escapeHtml(changeTitle(entry)),
      id: `urn:handover:${encodeURIComponent(id)}`,
      link: pageUrl(first.id, base),
      date: new Date(entry.commit ? entry.commit.at : `${entry.date}T00:00:00Z`),
      description: escapeHtml(
        entry.kind === 'commit'
          ? `Commit ${entry.commit.short} changed ${entry.workflows.map((w) => w.id).join(', ')}.`
          : `${first.fm.title} runs version ${entry.version}.`,
      ),
      ...(author ? { author } : {}),
    });
  }
  return feed.atom1();
}
