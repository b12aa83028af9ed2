import { addDays } from '../core/dates.ts';
import type { Site } from '../site.ts';
import type { Person } from '../schema/people.ts';
import type { Availability, Holder } from './types.ts';

/**
 * A person's availability on `now`: left, away today (until the last day of back-to-back
 * absences), away later within `windowDays`, or available.
 */
export function availabilityOf(person: Person, now: string, windowDays: number): Availability {
  if (person.active === false) return { state: 'left' };
  const away = [...person.away].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const current = away.find((a) => a.from <= now && a.to >= now);
  if (current) {
    let until = current.to;
    // Leave that runs on without a working day between is one absence to a caller.
    for (const next of away) if (next.from <= addDays(until, 1) && next.to > until) until = next.to;
    return { state: 'away-now', until, note: current.note ?? '' };
  }
  const last = addDays(now, windowDays - 1);
  const soon = away.find((a) => a.from > now && a.from <= last);
  return soon ? { state: 'away-soon', from: soon.from, until: soon.to, note: soon.note ?? '' } : { state: 'available' };
}

/** True when the holder can be called today. */
export function reachable(holder: Holder): boolean {
  return holder.availability.state === 'available' || holder.availability.state === 'away-soon';
}

/** Makes holders from person and team ids, each person's availability computed once per site. */
export function holders(site: Site, now: string): (id: string) => Holder {
  const known = new Map<string, Holder>();
  return (id) => {
    let holder = known.get(id);
    if (holder) return holder;
    const person = site.person.get(id);
    const team = site.team.get(id);
    holder = person
      ? { kind: 'person', id, name: person.name, availability: availabilityOf(person, now, site.config.coverageDays) }
      : { kind: team ? 'team' : 'person', id, name: team?.name ?? id, availability: { state: 'available' } };
    known.set(id, holder);
    return holder;
  };
}
