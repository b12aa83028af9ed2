import { ACTIVE_STATUSES, practisedByRoles } from '../config.ts';
import type { Site } from '../site.ts';
import { availabilityOf } from './availability.ts';
import type { PersonFacts, WorkflowFacts } from './types.ts';

/** Per person: availability, roles held, call-list steps and reviews run, read off the workflow facts. */
export function peopleFacts(site: Site, workflows: Map<string, WorkflowFacts>, now: string): Map<string, PersonFacts> {
  const people = new Map<string, PersonFacts>(
    site.people.map((p) => [p.id, { availability: availabilityOf(p, now, site.config.coverageDays), held: [], activePrimary: 0, calls: [], reviews: [], drills: [], drillsDue: [] }]),
  );
  for (const facts of workflows.values()) {
    const { workflow } = facts;
    if (workflow.fm.status === 'retired') continue;
    for (const role of facts.roles)
      for (const slot of ['primary', 'backup'] as const) {
        const holder = role[slot];
        const person = holder ? people.get(holder.id) : undefined;
        if (!person) continue;
        person.held.push({ workflow, role: role.role, slot });
        if (slot === 'primary' && ACTIVE_STATUSES.includes(workflow.fm.status)) person.activePrimary++;
      }
    for (const step of facts.calls.steps)
      for (const entry of step.entries) people.get(entry.holder.id)?.calls.push({ workflow, level: step.level, afterMinutes: step.afterMinutes });
    const runner = facts.review.runner?.person;
    if (runner && facts.review.due) people.get(runner)?.reviews.push({ workflow, review: facts.review });
    for (const drill of facts.practice.drills) people.get(drill.drill.by)?.drills.push({ workflow, drill });
    const { due } = facts.practice;
    if (due && site.config.drills.statuses.includes(workflow.fm.status)) {
      const practisers = new Set(practisedByRoles(site.config).flatMap((role) => facts.roles.find((r) => r.role === role)?.primary?.id ?? []));
      for (const id of practisers) people.get(id)?.drillsDue.push({ workflow, due });
    }
  }
  for (const person of people.values()) {
    person.reviews.sort((a, b) => order(a.review.due!, b.review.due!) || order(a.workflow.fm.title, b.workflow.fm.title));
    person.drills.sort((a, b) => order(b.drill.drill.date, a.drill.drill.date) || order(a.workflow.id, b.workflow.id) || a.drill.index - b.drill.index);
    person.drillsDue.sort((a, b) => order(a.due, b.due) || order(a.workflow.id, b.workflow.id));
  }
  return people;
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
