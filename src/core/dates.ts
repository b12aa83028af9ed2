/** Calendar arithmetic on ISO `YYYY-MM-DD` strings, in UTC so results never depend on the machine's zone. */

const DAY_MS = 86_400_000;

function toTime(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** `iso` plus `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  return new Date(toTime(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `iso` plus `months` calendar months; a day the target month lacks becomes its last day (31 Jan + 1 = 28 or 29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(2000, month + 1, 0)).getUTCDate();
  const leap = month === 1 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  const day = Math.min(d!, month === 1 ? (leap ? 29 : 28) : last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** Today in UTC, as the build's date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `2026-12-01` -> `1 Dec 2026`, for people. */
export function humanDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m! - 1];
  return `${d} ${month} ${y}`;
}
