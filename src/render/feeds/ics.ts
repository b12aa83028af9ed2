import { byText } from '../../core/order.ts';
import { addDays, humanDate } from '../../core/dates.ts';
import type { Facts } from '../../facts/index.ts';
import type { Site, Workflow } from '../../site.ts';
import { runbookPath } from '../types.ts';

/*
 * Written by hand rather than with the `ics` package: we need a DTSTAMP taken from the build's
 * date (not the clock) so rebuilds give the same bytes, folding by octets (ics counts characters),
 * and no extra dependencies (ics brings yup, nanoid and runes2) for some 60 lines of RFC 5545.
 */

/** RFC 5545 TEXT escaping: backslash, semicolon, comma and newline. */
export function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n?|\n/g, '\\n');
}

/** Folds a content line so no line is longer than 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = utf8Length(char.codePointAt(0)!);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** Octets of one code point in UTF-8. */
function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

const compact = (iso: string) => iso.replace(/-/g, '');

/** Page URL of a runbook: absolute under `base`, else site-relative. */
export function pageUrl(id: string, base: string): string {
  const path = runbookPath(id).split('/').map(encodeURIComponent).join('/');
  return base ? `${base.replace(/\/+$/, '')}/${path}` : path;
}

function description(workflow: Workflow, site: Site, url: string): string {
  const review = workflow.fm.review;
  const by = review?.by ? (site.person.get(review.by)?.name ?? review.by) : undefined;
  const last = review?.last
    ? `Last reviewed ${humanDate(review.last)}${by ? ` by ${by}` : ''}.`
    : by
      ? `Last reviewed by ${by}.`
      : 'Not reviewed yet.';
  const kind = workflow.fm.status === 'experiment' ? 'Decide: promote this experiment to pilot or retire it.' : 'Check the runbook still matches how the workflow runs, then update review.last.';
  return `${last}\n${kind}\nRunbook: ${url}`;
}

export function reviewEvent(workflow: Workflow, due: string, site: Site, now: string, base: string): string[] {
  const url = pageUrl(workflow.id, base);
  return [
    'BEGIN:VEVENT',
    `UID:${icsText(`review-${workflow.id}@handover`)}`,
    `DTSTAMP:${compact(now)}T000000Z`,
    `DTSTART;VALUE=DATE:${compact(due)}`,
    `DTEND;VALUE=DATE:${compact(addDays(due, 1))}`,
    `SUMMARY:${icsText(`Review: ${workflow.fm.title}`)}`,
    `DESCRIPTION:${icsText(description(workflow, site, url))}`,
    ...(base ? [`URL:${url}`] : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/**
 * `reviews.ics`: one all-day event per workflow on its review due date (retired ones have none),
 * ordered by date then id. Today (`facts.now`) stamps every event; `base` makes page links absolute.
 */
export function reviewsIcs(site: Site, facts: Facts, base: string): string {
  const { now } = facts;
  const due = site.workflows
    .map((w) => ({ w, date: facts.workflows.get(w.id)!.review.due }))
    .filter((entry): entry is { w: Workflow; date: string } => entry.date !== null)
    .sort((a, b) => byText(a.date, b.date) || byText(a.w.id, b.w.id));
  return calendar(`${site.config.title}: runbook reviews`, due.flatMap(({ w, date }) => reviewEvent(w, date, site, now, base)));
}

/** A whole calendar of `events` (their lines), folded, with CRLF line ends. */
export function calendar(name: string, events: string[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Handover//Runbook reviews//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(name)}`,
    ...events,
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
