import { byText } from '../../core/order.ts';
import { addDays } from '../../core/dates.ts';
import type { Facts } from '../../facts/index.ts';
import type { Person } from '../../schema/people.ts';
import type { Site, Workflow } from '../../site.ts';
import { DRILL_LABELS } from '../pages/practice.ts';
import { calendar, icsText, pageUrl, reviewEvent } from './ics.ts';

const compact = (iso: string) => iso.replace(/-/g, '');

/** An all-day event: a drill due in a workflow this person cares for. */
function drillEvent(workflow: Workflow, due: string, person: Person, facts: Facts, base: string): string[] {
  const url = pageUrl(workflow.id, base);
  const { practice } = facts.workflows.get(workflow.id)!;
  const last = practice.latest ? `Last drill: ${DRILL_LABELS[practice.latest.drill.kind]} on ${practice.latest.drill.date}.` : 'No drill yet.';
  return [
    'BEGIN:VEVENT',
    `UID:${icsText(`drill-${workflow.id}-${person.id}@handover`)}`,
    `DTSTAMP:${compact(facts.now)}T000000Z`,
    `DTSTART;VALUE=DATE:${compact(due)}`,
    `DTEND;VALUE=DATE:${compact(addDays(due, 1))}`,
    `SUMMARY:${icsText(`Drill: ${workflow.fm.title}`)}`,
    `DESCRIPTION:${icsText(`${last}\nForce one failure or practise a rerun, messy input, weak output or an escalation, then record it under drills.\nRunbook: ${url}`)}`,
    ...(base ? [`URL:${url}`] : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/**
 * `people/<id>/reviews.ics`: the reviews this person runs and the drills due in workflows where they hold
 * a `drills.practisedBy` role, by date. The site-wide `reviews.ics` stays as it is.
 */
export function personIcs(site: Site, facts: Facts, person: Person, base: string): string {
  const mine = facts.people.get(person.id)!;
  const events = [
    ...mine.reviews.map((r) => ({ date: r.review.due!, id: `review ${r.workflow.id}`, lines: reviewEvent(r.workflow, r.review.due!, site, facts.now, base) })),
    ...mine.drillsDue.map((d) => ({ date: d.due, id: `drill ${d.workflow.id}`, lines: drillEvent(d.workflow, d.due, person, facts, base) })),
  ].sort((a, b) => byText(a.date, b.date) || byText(a.id, b.id));
  return calendar(`${person.name}: reviews and drills`, events.flatMap((e) => e.lines));
}
