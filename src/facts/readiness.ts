import { dutyRoles, type Config } from '../config.ts';
import type { Workflow } from '../site.ts';
import { dutyHolder } from './roles.ts';
import type { MetricFact, PracticeFact, ReadinessFact, ReadinessItem, ReviewFact, RoleFact } from './types.ts';

/** What the checklist reads: facts computed before it. */
interface Inputs {
  workflow: Workflow;
  roles: RoleFact[];
  care: { role: string } | null;
  metrics: MetricFact[];
  practice: PracticeFact;
  review: ReviewFact;
}

/**
 * The practice's checklist before a switch, from the day's facts: one person owns changes, one owns daily
 * care, one to three numbers with targets and recent data, logs and alerts, escalation with a response
 * target, a human fallback, a passed drill, a handover date with a first-week owner, a kept review.
 */
export function readinessFact({ workflow, roles, care, metrics, practice, review }: Inputs, config: Config): ReadinessFact {
  const { fm } = workflow;
  const change = dutyHolder(roles, config, 'change');
  const item = (id: ReadinessItem['id'], label: string, done: boolean, todo: string): ReadinessItem => ({ id, label, done, todo: done ? '' : todo });
  const numbers = metrics.length >= 1 && metrics.length <= 3 && metrics.every((m) => m.metric.target && m.latest && !m.stale);
  const items = [
    item('changes', 'One person owns changes', change !== null, `Name a primary for ${roleLabels(config, 'change')}.`),
    item('care', 'One person owns daily care', care !== null, `Name a primary for ${roleLabels(config, 'care')}.`),
    item(
      'metrics',
      'One to three numbers with targets and recent data',
      numbers,
      metrics.length === 0 ? 'Add one to three metrics, each with a target.' : metrics.length > 3 ? 'Keep the one to three numbers that matter most.' : 'Give each metric a target and recent observations.',
    ),
    item('signals', 'Logs and alerts', Boolean(fm.logs?.url) && fm.alerts.length > 0, 'Link the logs (logs.url) and list the alerts that notify a person.'),
    item('escalation', 'Staff know when to escalate', Boolean(fm.escalation?.levels.length && fm.escalation.response_target), 'Add escalation levels and a response target.'),
    item('fallback', 'A human fallback', fm.fallback.length > 0, 'List the cases that go to a person, never through the workflow.'),
    item('practised', 'Practised: a drill passed', practice.passed, 'Run a drill (force one failure) and record it under drills.'),
    item('handover', 'A handover date and a first-week owner', Boolean(fm.handover?.date && fm.handover.first_week), 'Set handover.date and handover.first_week.'),
    item('review', 'A kept review', review.state === 'ok' || review.state === 'soon', 'Review the runbook and record review.last.'),
  ];
  return { items, done: items.filter((i) => i.done).length, total: items.length };
}

function roleLabels(config: Config, duty: 'change' | 'care'): string {
  return dutyRoles(config, duty).map((role) => config.roles[role] ?? role).join(' or ');
}

/** The checklist as report.json and `check --format json` show it: `{ done, total, ready: "7/9", items: [{ id, label, done, todo }] }`. */
export function readinessJson(readiness: ReadinessFact) {
  return { done: readiness.done, total: readiness.total, ready: `${readiness.done}/${readiness.total}`, items: readiness.items.map((i) => ({ id: i.id, label: i.label, done: i.done, todo: i.todo || null })) };
}
