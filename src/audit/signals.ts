import { humanDate } from '../core/dates.ts';
import { durationDays } from '../facts/practice.ts';
import { formatValue } from '../core/words.ts';
import type { GapRule } from './rule.ts';

type Check = GapRule['check'];

/** `cost-drift`: a cost metric's latest value is more than `drift.threshold` % above the mean before it, even inside its target. */
export const costDrift: Check = ({ workflow, metrics }, at, { site }) =>
  site.config.drift.statuses.includes(workflow.fm.status)
    ? metrics
        .filter((m) => m.drift?.drifting)
        .map(({ metric, latest, drift, index }) =>
          at(
            `${metric.name} was ${formatValue(latest!.value, metric.unit)} on ${humanDate(latest!.date)}, ${Math.round(drift!.percent)}% above the mean of the ${drift!.over} values before it (${formatValue(Number(drift!.mean.toPrecision(3)), metric.unit)})${metric.target ? ', even inside its target' : ''}; find out what got dearer`,
            ['metrics', index, 'name'],
          ),
        )
    : [];

/** `metric-stale`: a metric's last observation is older than `metrics.staleAfter`: a dashboard that stopped updating. */
export const metricStale: Check = ({ workflow, metrics }, at, { site }) =>
  site.config.metrics.statuses.includes(workflow.fm.status)
    ? metrics
        .filter((m) => m.stale)
        .map(({ metric, latest, ageDays, index }) =>
          at(
            `${metric.name} was last observed on ${humanDate(latest!.date)}, ${ageDays} days ago (more than ${durationDays(site.config.metrics.staleAfter)} days); check that its data still arrives`,
            ['metrics', index, 'name'],
          ),
        )
    : [];

/** `moving-target`: a runbook that changed more than `churn.max` times within `churn.window`, by git history. */
export const movingTarget: Check = ({ workflow, churn }, at, { site }) =>
  site.config.churn.statuses.includes(workflow.fm.status) && churn && churn.recent > site.config.churn.max
    ? [
        at(
          `changed ${churn.recent} times since ${humanDate(churn.since)} (more than ${site.config.churn.max} in ${durationDays(site.config.churn.window)} days, by git history); operators would inherit a moving target, so let it settle first`,
          ['status'],
        ),
      ]
    : [];
