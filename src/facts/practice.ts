import { practisedByRoles, type Config } from '../config.ts';
import { addDays, daysBetween } from '../core/dates.ts';
import { durationMinutes } from '../schema/common.ts';
import { DRILL_KINDS } from '../schema/runbook.ts';
import type { Workflow } from '../site.ts';
import type { DrillFact, Holder, PracticeFact, RoleFact } from './types.ts';

/** Whole days in a duration such as `180d` (as review intervals are counted). */
export function durationDays(text: string): number {
  return Math.round(durationMinutes(text) / (60 * 24));
}

/** Drills as of `now` (later ones have not happened yet): latest per kind, next due, slow, failed, never practised. */
export function practiceFact(workflow: Workflow, config: Config, roles: RoleFact[], holderOf: (id: string) => Holder, now: string): PracticeFact {
  const { fm } = workflow;
  const drills: DrillFact[] = fm.drills
    .map((drill, index) => ({ drill, index, holder: holderOf(drill.by), tookMinutes: drill.took ? durationMinutes(drill.took) : null }))
    .filter((d) => d.drill.date <= now)
    // Stable: drills of one day keep the order they are written in.
    .sort((a, b) => (a.drill.date < b.drill.date ? -1 : a.drill.date > b.drill.date ? 1 : a.index - b.index));
  const latest = drills.at(-1) ?? null;
  const byKind = DRILL_KINDS.map((kind) => ({ kind, latest: drills.filter((d) => d.drill.kind === kind).at(-1) ?? null }));
  const due = latest ? addDays(latest.drill.date, durationDays(config.drills.every)) : null;
  const target = fm.escalation?.response_target ? durationMinutes(fm.escalation.response_target) : null;
  const lastResponse = drills.filter((d) => d.drill.kind === 'failure' || d.drill.kind === 'escalate').at(-1);
  const slow = lastResponse && target !== null && lastResponse.tookMinutes !== null && lastResponse.tookMinutes > target ? lastResponse : null;
  // One entry per person: someone who is both operations owner and first responder practises once.
  const unpractised: PracticeFact['unpractised'] = [];
  for (const id of practisedByRoles(config)) {
    const role = roles.find((r) => r.role === id);
    if (!role?.primary || role.primary.kind !== 'person') continue;
    const holder = role.primary;
    const same = unpractised.find((u) => u.holder.id === holder.id);
    if (same) {
      same.label += `, ${role.label}`;
      continue;
    }
    const kinds = config.drills.practise.filter((kind) => !drills.some((d) => d.drill.by === holder.id && d.drill.kind === kind));
    if (kinds.length) unpractised.push({ role: id, label: role.label, holder, kinds });
  }
  return {
    drills,
    latest,
    byKind,
    due,
    days: due ? daysBetween(now, due) : null,
    slow,
    responseTargetMinutes: target,
    failed: byKind.flatMap((k) => (k.latest?.drill.outcome === 'fail' ? [k.latest] : [])),
    unpractised,
    passed: drills.some((d) => d.drill.outcome === 'pass'),
  };
}
