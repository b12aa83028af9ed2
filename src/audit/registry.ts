import { brokenLink } from './broken-link.ts';
import { coverageAway, missingBackup, missingRole, ownerLeft, tooManyRoles } from './owners.ts';
import { metricOffTarget, missingEscalation, missingFallback, missingHandover, missingMetrics, missingSection } from './readiness.ts';
import { experimentOverdue, missingReview, reviewDueSoon, reviewOverdue } from './review.ts';
import { drillFailed, drillNotPractised, drillOverdue, drillSlow, missingAlerts, neverDrilled } from './practice.ts';
import type { GapRule } from './rule.ts';
import { costDrift, metricStale, movingTarget } from './signals.ts';

/**
 * Every gap rule, once: the audit runs these checks, the report groups by these titles, and the
 * README's table, the fixture folders (test/fixtures/gaps/<id>/) and the fuzz test are held to
 * this list by tests. A new rule is its check, one entry here, and its fixture folder.
 */
export const GAP_RULES = [
  { id: 'missing-role', severity: 'gap', title: 'A required role has no owner', todo: 'Name a primary owner for the role.', check: missingRole },
  { id: 'missing-backup', severity: 'gap', title: 'A required role has no backup', todo: 'Name a backup for the role.', check: missingBackup },
  { id: 'owner-left', severity: 'gap', title: 'A role is held by someone who has left', todo: 'Hand the role to someone still here.', check: ownerLeft },
  { id: 'coverage-away', severity: 'gap', title: 'Owner and backup are away on the same day', todo: 'Arrange cover for that day.', check: coverageAway },
  { id: 'too-many-roles', severity: 'gap', title: 'One person holds too many roles', todo: 'Hand one of their roles to someone else.', check: tooManyRoles },
  { id: 'review-overdue', severity: 'gap', title: 'Review overdue', todo: 'Review the runbook with its owners and record the date.', check: reviewOverdue },
  { id: 'review-due-soon', severity: 'gap', title: 'Review due soon', todo: 'Plan the review with the owners.', check: reviewDueSoon },
  { id: 'experiment-overdue', severity: 'gap', title: 'Experiment past its decide-by date', todo: 'Promote it to pilot or retire it.', check: experimentOverdue },
  { id: 'missing-section', severity: 'gap', title: 'A runbook section is missing or empty', todo: 'Write the section.', check: missingSection },
  { id: 'missing-metrics', severity: 'gap', title: 'No health numbers, or no target', todo: 'Add the one to three numbers that show it is healthy, each with a target.', check: missingMetrics },
  { id: 'metric-off-target', severity: 'gap', title: 'A health number misses its target', todo: 'Look into the latest value.', check: metricOffTarget },
  { id: 'missing-escalation', severity: 'gap', title: 'Nobody is called when it stops', todo: 'Add escalation levels and a response target.', check: missingEscalation },
  { id: 'missing-fallback', severity: 'gap', title: 'No human fallback', todo: 'List the cases that go to a person, never through the workflow.', check: missingFallback },
  { id: 'missing-handover', severity: 'gap', title: 'No handover date', todo: 'Record the day daily care moved from builders to operators.', check: missingHandover },
  { id: 'missing-review', severity: 'gap', title: 'No review date', todo: 'Set when the runbook is next reviewed.', check: missingReview },
  { id: 'broken-link', severity: 'gap', title: 'A link goes nowhere', todo: 'Fix or remove the link.', check: brokenLink },
  { id: 'never-drilled', severity: 'gap', title: 'Never drilled', todo: 'Force one failure and record who took over, how, and how fast.', check: neverDrilled },
  { id: 'drill-overdue', severity: 'gap', title: 'No recent drill', todo: 'Run a drill and record it.', check: drillOverdue },
  { id: 'drill-slow', severity: 'gap', title: 'A drill took longer than the response target', todo: 'Practise until a human takes over within the target.', check: drillSlow },
  { id: 'drill-failed', severity: 'gap', title: 'A drill failed and has not passed since', todo: 'Fix what failed and run the drill again.', check: drillFailed },
  { id: 'drill-not-practised', severity: 'gap', title: 'An operator has not practised every drill', todo: 'Let the operator practise each kind of drill on real examples.', check: drillNotPractised },
  { id: 'missing-alerts', severity: 'gap', title: 'No alerts', todo: 'List the alerts that tell a person it misbehaves.', check: missingAlerts },
  { id: 'cost-drift', severity: 'gap', title: 'Costs are drifting up', todo: 'Find out what got dearer before output gets worse.', check: costDrift },
  { id: 'metric-stale', severity: 'gap', title: 'A health number stopped updating', todo: 'Check that the dashboard still gets data.', check: metricStale },
  { id: 'moving-target', severity: 'gap', title: 'The runbook still changes every few days', todo: 'Let it settle before routine care.', check: movingTarget },
] as const satisfies readonly GapRule[];
