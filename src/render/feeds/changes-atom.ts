import { Feed } from 'feed';
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
 * `feed` library (it escapes every value). Dated by the build's day, never the clock, so rebuilds give the
 * same bytes; links are absolute under `base` when it is set, else site-relative.
 */
export function changesAtom(site: Site, facts: Facts, base: string): string {
  const root = base ? `${base.replace(/\/+$/, '')}/` : '';
  const feed = new Feed({
    id: root ? `${root}changes.xml` : 'urn:handover:changes',
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
    const id = entry.kind === 'commit' ? `commit-${entry.commit.hash}` : `version-${first.id}-${entry.version}`;
    const author = entry.kind === 'commit' ? [{ name: entry.commit.author.person ? (site.person.get(entry.commit.author.person)?.name ?? entry.commit.author.name) : entry.commit.author.name }] : undefined;
    feed.addItem({
      title: changeTitle(entry),
      id: `urn:handover:${encodeURIComponent(id)}`,
      link: pageUrl(first.id, base),
      date: new Date(entry.kind === 'commit' ? entry.commit.at : `${entry.date}T00:00:00Z`),
      description:
        entry.kind === 'commit'
          ? `Commit ${entry.commit.short} changed ${entry.workflows.map((w) => w.id).join(', ')}.`
          : `${first.fm.title} runs version ${entry.version}.`,
      ...(author ? { author } : {}),
    });
  }
  return feed.atom1();
}
