import { inYears, isRealDate } from '../../schema/common.ts';
import { parseOwner } from '../owners.ts';
import type { Style } from './style.ts';
import { markdownPages, withoutExtension } from './style.ts';

const TECHDOCS_FIELDS = ['owner_slack', 'last_reviewed_on', 'review_in'];

/**
 * Tech-docs style manuals: `owner_slack: "#channel"`, `last_reviewed_on: 2019-5-13`, `review_in: 6 months`,
 * `section`, `parent`, `old_paths`, and body links to `/manual/other-page.html`. A page at
 * `manual/x.html.md` (or `manual/x.md`) was served at `/manual/x.html`, and at each of its `old_paths`.
 */
export const techdocs: Style = {
  name: 'techdocs',
  detect: (collection) => [...collection.docs.values()].some((doc) => 'fm' in doc && TECHDOCS_FIELDS.some((key) => key in doc.fm)),
  pages: async (collection) => {
    const found = markdownPages(collection, (rel) => [`/${withoutExtension(rel)}.html`]);
    for (const page of found.pages) {
      const doc = collection.docs.get(page.rel)!;
      const old = 'fm' in doc ? doc.fm.old_paths : undefined;
      if (Array.isArray(old)) page.urls.push(...old.filter((p): p is string => typeof p === 'string'));
    }
    return found;
  },
  fields(fm, found) {
    const used: string[] = [];
    if (typeof fm.owner_slack === 'string') {
      const owner = parseOwner(fm.owner_slack, 'owner_slack', 'team');
      if (owner) found.owners.push(owner);
      used.push('owner_slack');
    }
    const last = fm.last_reviewed_on === undefined ? undefined : padDate(fm.last_reviewed_on);
    const every = fm.review_in === undefined ? undefined : interval(fm.review_in);
    if (last) used.push('last_reviewed_on');
    else if (fm.last_reviewed_on !== undefined) found.missed.push(`last_reviewed_on: ${JSON.stringify(fm.last_reviewed_on)} is not a date; kept under extra`);
    if (every) used.push('review_in');
    else if (fm.review_in !== undefined) found.missed.push(`review_in: ${JSON.stringify(fm.review_in)} is not an interval; kept under extra`);
    if (last || every) found.review = { ...(last ? { last } : {}), ...(every ? { every } : {}), from: used.filter((k) => k !== 'owner_slack').join(' + ') };
    return used;
  },
  shortcodes: false,
};

/** `2019-5-13` -> `2019-05-13`: a real date in the years Handover takes, or null. */
export function padDate(value: unknown): string | null {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isRealDate(iso) && inYears(Number(match[1])) ? iso : null;
}

const UNITS: Record<string, string> = { minute: 'm', hour: 'h', day: 'd', week: 'w', month: 'mo', year: 'y' };

/** `6 months` -> `6mo`, `1 year` -> `1y`, `2 weeks` -> `2w`; a duration already written (`90d`) is kept; else null. */
export function interval(value: unknown): string | null {
  const text = String(value).trim().toLowerCase();
  if (/^\d+(?:mo|y|[mhdw])$/.test(text)) return text;
  const match = /^(\d+)\s*(minute|hour|day|week|month|year)s?$/.exec(text);
  return match ? `${Number(match[1])}${UNITS[match[2]!]}` : null;
}
