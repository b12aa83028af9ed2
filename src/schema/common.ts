import { z } from 'zod';

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

/** An ISO calendar date, `YYYY-MM-DD`, that exists. */
export const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD, e.g. 2026-12-01' })
  .regex(datePattern, { error: 'must be a date written YYYY-MM-DD, e.g. 2026-12-01' })
  .refine(isRealDate, { error: 'is not a real calendar date; check the month and day', params: { hint: 'months have 28 to 31 days; February 29 exists only in leap years' } });

const UNIT_MINUTES = { m: 1, h: 60, d: 60 * 24, w: 60 * 24 * 7 } as const;

/** A number and a unit: `15m`, `2h`, `3d`, `2w`. */
export const durationPattern = /^\d+[mhdw]$/;

/** A duration: a number and a unit, `15m`, `2h`, `3d`, `2w`. */
export const duration = z
  .string({ error: 'must be a duration: a number and a unit, e.g. 15m, 2h, 3d, 2w' })
  .regex(durationPattern, { error: 'must be a duration: a number and a unit (m, h, d, w), e.g. 30m or 90d' });

/** Minutes in a duration string such as `2h`. */
export function durationMinutes(text: string): number {
  const unit = text.slice(-1) as keyof typeof UNIT_MINUTES;
  return Number(text.slice(0, -1)) * UNIT_MINUTES[unit];
}

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
