import { humanDate } from '../core/dates.ts';

/**
 * A gap's message as a page says it: `check` and report.json keep the field paths and ISO dates
 * (people fix the file with them), a reader of the page gets plain words and one date style.
 */
const PLAIN: [RegExp, string | ((...groups: string[]) => string)][] = [
  // `no Maintainer (owners.maintainer.primary); ...` -> `no Maintainer; ...`
  [/ \((?:owners|review|handover|escalation|fallback|metrics|sections)\.[\w.-]+\)/g, ''],
  [/set review\.last \(and review\.every\) or review\.next/g, 'record when it was last reviewed and how often, or when it is next due'],
  [/update review\.last/g, 'record the day of the review'],
  [/set review\.next/g, 'set the decide-by date'],
  [/^no handover\.date;/, 'no handover date;'],
  [/^no escalation\.response_target;/, 'no response target;'],
  // `no "## Exceptions" section` -> `no Exceptions section`
  [/"## ([^"]+)"/g, (_, title: string) => title],
  // `on 2026-11-08` -> `on 8 Nov 2026`
  [/\b(on|since|until|from|by) (\d{4}-\d{2}-\d{2})\b/g, (_, word: string, date: string) => `${word} ${humanDate(date)}`],
];

export function plainGap(message: string): string {
  return PLAIN.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement as string), message);
}
