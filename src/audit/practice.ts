import { formatWait } from '../core/words.ts';
import { daysBetween, humanDate } from '../core/dates.ts';
import type { DrillFact } from '../facts/index.ts';
import { durationDays } from '../facts/practice.ts';
import { article } from './owners.ts';
import type { GapRule } from './rule.ts';

type Check = GapRule['check'];

/*
 * The handover test: practise before the switch, force one failure and check who takes over and how fast,
 * logs and alerts before the switch. Every rule reads the practice facts; `drills.statuses` (default pilot
 * and production) says where drills are needed, `drills.practiseStatuses` and `alerts.statuses` where the
 * practice list and alerts are.
 */

const drilled = (statuses: readonly string[], status: string) => statuses.includes(status);
const when = (d: DrillFact) => `the ${d.drill.kind} drill on ${humanDate(d.drill.date)}`;

/** `never-drilled`: no drill yet, where drills are needed. */
export const neverDrilled: Check = ({ workflow, practice }, at, { site }) =>
  drilled(site.config.drills.statuses, workflow.fm.status) && practice.drills.length === 0
    ? [at(`no drill yet; force one failure (kind: failure) and record who took over, how, and how fast under drills`, ['drills'], { key: true })]
    : [];

/** `drill-overdue`: the latest drill is older than `drills.every`. */
export const drillOverdue: Check = ({ workflow, practice }, at, { site, now }) => {
  if (!drilled(site.config.drills.statuses, workflow.fm.status) || !practice.latest || practice.days! >= 0) return [];
  const ago = daysBetween(practice.latest.drill.date, now);
  return [
    at(
      `the last drill was on ${humanDate(practice.latest.drill.date)}, ${ago} days ago (one is due every ${durationDays(site.config.drills.every)} days); run one and record it`,
      ['drills', practice.latest.index, 'date'],
    ),
  ];
};

/** `drill-slow`: the latest failure or escalate drill took longer than the response target. */
export const drillSlow: Check = ({ workflow, practice }, at, { site }) => {
  const { slow, responseTargetMinutes } = practice;
  if (!drilled(site.config.drills.statuses, workflow.fm.status) || !slow) return [];
  return [
    at(
      `${when(slow)} took ${formatWait(slow.tookMinutes!)}, longer than the response target of ${formatWait(responseTargetMinutes!)}; practise until a human takes over in time`,
      ['drills', slow.index, 'took'],
    ),
  ];
};

/** `drill-failed`: the latest drill of a kind failed, and no later one of that kind passed. */
export const drillFailed: Check = ({ workflow, practice }, at, { site }) =>
  drilled(site.config.drills.statuses, workflow.fm.status)
    ? practice.failed.map((d) => at(`${when(d)} ("${d.drill.scenario}") failed and none of that kind passed since; run it again until it passes`, ['drills', d.index, 'outcome']))
    : [];

/** `drill-not-practised`: a kind of the practice list that the operations owner or first responder has never done. */
export const drillNotPractised: Check = ({ workflow, practice }, at, { site }) =>
  drilled(site.config.drills.practiseStatuses, workflow.fm.status)
    ? practice.unpractised.map(({ role, label, holder, kinds }) =>
        at(
          `${holder.name} (${label}) has never done ${kinds.length === 1 ? 'a drill' : 'drills'} of kind ${kinds.join(', ')}; practise ${kinds.length === 1 ? 'it' : 'each'} before routine care`,
          ['owners', role, 'primary'],
        ),
      )
    : [];

/** `missing-alerts`: no alerts where the status needs them (default production). */
export const missingAlerts: Check = ({ workflow }, at, { site }) =>
  site.config.alerts.statuses.includes(workflow.fm.status) && workflow.fm.alerts.length === 0
    ? [at(`no alerts; ${article(workflow.fm.status)} ${workflow.fm.status} workflow needs at least one that tells a person it misbehaves (name, fires_when, notifies)`, ['alerts'], { key: true })]
    : [];
