import type { GapRule } from './rule.ts';
import { article } from './owners.ts';

type Check = GapRule['check'];

/** `missing-section`: a body section the status requires is missing or empty. */
export const missingSection: Check = ({ workflow }, at, { site }) =>
  site.config.required[workflow.fm.status].sections.flatMap((key) => {
    const section = workflow.sections.find((s) => s.key === key);
    const title = site.config.sections[key]?.title ?? key;
    const { status } = workflow.fm;
    if (!section) return [at(`no "## ${title}" section; ${article(status)} ${status} runbook needs one, so add it`, ['sections', key], { line: workflow.body.endLine })];
    if (section.empty) return [at(`the "## ${section.heading}" section is empty; write what it asks for`, ['sections', key], { line: section.line })];
    return [];
  });

/** `missing-metrics`: no metric, or a metric without a target, where required. */
export const missingMetrics: Check = ({ workflow }, at, { site }) => {
  if (!site.config.required[workflow.fm.status].metrics) return [];
  if (workflow.fm.metrics.length === 0) return [at(`no metrics; add the one to three numbers that show ${article(workflow.fm.status)} ${workflow.fm.status} workflow is healthy`, ['metrics'])];
  return workflow.fm.metrics.flatMap((metric, i) =>
    metric.target ? [] : [at(`the metric "${metric.name}" has no target; add one, e.g. target: "<= 0.04"`, ['metrics', i, 'target'])],
  );
};

/** `metric-off-target`: the latest value observed on or before today misses its target. */
export const metricOffTarget: Check = ({ workflow, metrics }, at) =>
  workflow.fm.status === 'retired'
    ? []
    : metrics
        .filter((m) => m.state === 'missed')
        .map(({ metric, latest, index }) => {
          const unit = metric.unit ? ` ${metric.unit}` : '';
          return at(`${metric.name} was ${latest!.value}${unit} on ${latest!.date}, missing its target ${metric.target}${unit}; look into it`, ['metrics', index, 'target']);
        });

/** `missing-escalation`: no level, or no response target, where required. */
export const missingEscalation: Check = ({ workflow }, at, { site }) => {
  const need = site.config.required[workflow.fm.status].escalation;
  const { escalation, status } = workflow.fm;
  return [
    ...(need !== 'none' && !escalation?.levels.length
      ? [at(`no escalation levels; add at least one (who is called, after how long) for ${article(status)} ${status} workflow`, ['escalation', 'levels'])]
      : []),
    ...(need === 'levels+target' && !escalation?.response_target
      ? [at(`no escalation.response_target; set the time to first human response for ${article(status)} ${status} workflow`, ['escalation', 'response_target'])]
      : []),
  ];
};

/** `missing-fallback`: no human fallback where required. */
export const missingFallback: Check = ({ workflow }, at, { site }) =>
  site.config.required[workflow.fm.status].fallback && workflow.fm.fallback.length === 0
    ? [at('no human fallback; list the cases that go to a person, never through the workflow', ['fallback'])]
    : [];

/** `missing-handover`: production without `handover.date`. */
export const missingHandover: Check = ({ workflow }, at, { site }) =>
  site.config.required[workflow.fm.status].handover && !workflow.fm.handover?.date
    ? [at('no handover.date; record the day daily care moved from builders to operators', ['handover', 'date'])]
    : [];
