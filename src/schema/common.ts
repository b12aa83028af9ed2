import { z } from 'zod';
import { addDays, addMonths } from '../core/dates.ts';

/** Lowercase letters, digits and '-': person, team and role ids. */
export const idPattern = /^[a-z0-9][a-z0-9-]*$/;

/** A person or team id, checked against people.yaml later (model stage). */
export const idRef = z
  .string({ error: 'must be an id (lowercase letters, digits and "-")' })
  .regex(idPattern, { error: 'must be an id: lowercase letters, digits and "-", e.g. "dana" or "support-ops"' });

/** True when `YYYY-MM-DD` names a day that exists (no 2026-02-30). */
export function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written instead of moving them to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y!, m! - 1, d!);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD`. */
export const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Years a date may name. Due dates are a date plus up to `MAX_DURATION_DAYS`, so every date the site
 * computes keeps four digits: no "Feb 10000" on a page, no `+010000` in reviews.ics.
 */
export const YEARS = { min: 1900, max: 2999 } as const;

/** An ISO calendar date, `YYYY-MM-DD`, that exists, in the years of `YEARS`. One wrong value gets one message. */
export const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD, e.g. 2026-12-01' })
  .regex(datePattern, { error: 'must be a date written YYYY-MM-DD, e.g. 2026-12-01', abort: true })
  .refine(isRealDate, { error: 'is not a real calendar date; check the month and day', params: { hint: 'months have 28 to 31 days; February 29 exists only in leap years' }, abort: true })
  .refine((text) => inYears(Number(text.slice(0, 4))), {
    error: `is outside the years ${YEARS.min} to ${YEARS.max}; check the year`,
    params: { hint: 'a date this far away is almost always a typo in the year' },
  });

/** True when a year is one a date may name (see `YEARS`). */
export function inYears(year: number): boolean {
  return year >= YEARS.min && year <= YEARS.max;
}

const UNIT_MINUTES = { m: 1, h: 60, d: 60 * 24, w: 60 * 24 * 7 } as const;

/** The longest duration: 100 years. Longer ones overflow date arithmetic and mean a typo. */
export const MAX_DURATION_DAYS = 36_500;

/** The same bound for calendar units: 100 years of months. */
const MAX_DURATION_MONTHS = 1_200;

/** A number and a unit: `15m`, `2h`, `3d`, `2w`, or calendar months and years, `6mo`, `1y`. */
export const durationPattern = /^\d+(?:mo|y|[mhdw])$/;

/** A duration: a number and a unit, `15m`, `2h`, `3d`, `2w`, `6mo`, `1y`, of at most 100 years. */
export const duration = z
  .string({ error: 'must be a duration: a number and a unit, e.g. 15m, 2h, 3d, 2w, 6mo, 1y' })
  .regex(durationPattern, { error: 'must be a duration: a number and a unit (m, h, d, w, mo, y), e.g. 30m, 90d or 6mo', abort: true })
  .refine(withinBounds, {
    error: `is longer than 100 years (${MAX_DURATION_DAYS}d); check the number`,
    params: { hint: 'e.g. 90d for a quarterly review, 30m for a response target' },
  });

/** A duration split into its number and unit: `6mo` -> `{ count: 6, unit: 'mo' }`. */
export function durationParts(text: string): { count: number; unit: 'm' | 'h' | 'd' | 'w' | 'mo' | 'y' } {
  const unit = text.endsWith('mo') ? 'mo' : (text.slice(-1) as 'm' | 'h' | 'd' | 'w' | 'y');
  return { count: Number(text.slice(0, -unit.length)), unit };
}

function withinBounds(text: string): boolean {
  const { count, unit } = durationParts(text);
  if (unit === 'mo' || unit === 'y') return count * (unit === 'y' ? 12 : 1) <= MAX_DURATION_MONTHS;
  return durationMinutes(text) <= MAX_DURATION_DAYS * UNIT_MINUTES.d;
}

/**
 * Minutes in a duration string such as `2h`. Months and years have no fixed length: here they count
 * 30 and 365 days, for waits; a date plus a duration uses the calendar instead (`addDuration`).
 */
export function durationMinutes(text: string): number {
  const { count, unit } = durationParts(text);
  if (unit === 'mo') return count * 30 * UNIT_MINUTES.d;
  if (unit === 'y') return count * 365 * UNIT_MINUTES.d;
  return count * UNIT_MINUTES[unit];
}

/** `iso` plus a duration, on the calendar: 31 Jan + `1mo` is the last day of February, 29 Feb + `1y` is 28 Feb. */
export function addDuration(iso: string, text: string): string {
  const { count, unit } = durationParts(text);
  if (unit === 'mo' || unit === 'y') return addMonths(iso, unit === 'y' ? count * 12 : count);
  return addDays(iso, Math.round(durationMinutes(text) / UNIT_MINUTES.d));
}

/** The schemes a link from content may have: web pages, mail and phone; never `javascript:`, `data:` or `file:`. */
export const LINK_SCHEMES = ['https', 'http', 'mailto', 'tel'] as const;

const LINK_SCHEME = new RegExp(`^(?:${LINK_SCHEMES.join('|')}):`, 'i');

/** True when `text` is a full address with an allowed scheme, and holds nothing a browser would strip first. */
export function isSafeUrl(text: string): boolean {
  if (!LINK_SCHEME.test(text) || /[\u0000-\u0020\u007f-\u009f]/.test(text)) return false;
  try {
    return LINK_SCHEMES.includes(new URL(text).protocol.slice(0, -1).toLowerCase() as (typeof LINK_SCHEMES)[number]);
  } catch {
    return false;
  }
}

/**
 * A link the site shows (a metric's dashboard): a full address starting with https:, http:, mailto: or tel:,
 * without spaces. Anything else (`javascript:`, `data:`, a bare path) would run script or point at nothing.
 */
export const linkUrl = z.string({ error: 'must be a full address, e.g. https://dash.example.com/refunds' }).refine(isSafeUrl, {
  error: 'is not a link the site can show; write a full address starting with https://, http://, mailto: or tel:',
  params: { hint: 'links from content may only open web pages, mail or a phone number, e.g. https://dash.example.com/refunds; encode spaces as %20' },
});

/** Text a person reads; YAML numbers and booleans written by accident are kept as text. */
export const text = z.union([z.string(), z.number()]).transform(String);

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zones.set(zone, known);
  }
  return known;
}

/** Building a DateTimeFormat costs about 0.1 ms; thousands of people share a few dozen zones. */
const zones = new Map<string, boolean>();
