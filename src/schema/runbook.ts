import { z } from 'zod';
import { STATUSES, type Config } from '../config.ts';
import { duration, idRef, isoDate, linkUrl, text } from './common.ts';
import { reviewSchema } from './review.ts';
import { DRILL_KINDS } from './drill-kinds.ts';

/** Metric kinds, fixed by the spec. */
export const METRIC_KINDS = [
  'cost',
  'quality',
  'uptime',
  'throughput',
  'cycle-time',
  'exception-rate',
  'approval-delay',
  'fallback-rate',
  'business-impact',
] as const;

/** `<= 0.04`: a comparison and a number. */
export const targetPattern = /^(<=|>=|<|>|=)\s*(-?\d+(?:\.\d+)?)$/;

/** One owner pair: primary and backup, each a person id. */
const ownerSchema = z
  .strictObject({
    /** The person who does the job. */
    primary: idRef.optional(),
    /** The person who does it when the primary cannot. */
    backup: idRef.optional(),
  })
  .superRefine((owner, ctx) => {
    if (owner.primary && owner.primary === owner.backup)
      ctx.addIssue({
        code: 'custom',
        path: ['backup'],
        message: `backup is the same person as the primary ('${owner.primary}'); name someone else as backup`,
        params: { rule: 'backup-is-primary', hint: 'the backup covers when the primary is away, so it must be another person' },
      });
  });

const metricSchema = z.strictObject({
  /** Short name; matches the `metric` column of the metrics CSV. */
  name: text.pipe(z.string().min(1)),
  kind: z.enum(METRIC_KINDS),
  /** One of < <= > >= = and a number, e.g. "<= 0.04". */
  target: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(targetPattern, { error: 'must be a comparison and a number, e.g. "<= 0.04" or ">= 70" (quote it)' }))
    .optional(),
  unit: text.optional(),
  /** Link to the live dashboard: https:, http:, mailto: or tel: only. */
  source: linkUrl.optional(),
  /** What the number means, for a newcomer. */
  description: z.string().optional(),
});

const levelSchema = z.strictObject({
  /** Wait since the workflow stopped before this level is called. */
  after: duration,
  /** Person or team ids. */
  notify: z.array(idRef).min(1, { error: 'must name at least one person or team id' }),
  /** Channel, e.g. "#refund-bot on chat". */
  via: z.string().optional(),
});

const fallbackSchema = z.strictObject({
  /** Cases that go to a human, never through the workflow. */
  when: text.pipe(z.string().min(1)),
  /** A role name or a person id. */
  to: idRef,
  /** What the human does. */
  action: z.string().optional(),
});

export { DRILL_KINDS, type DrillKind } from './drill-kinds.ts';

/** One practice run or forced failure. */
const drillSchema = z.strictObject({
  /** The day it was run. */
  date: isoDate,
  /** failure | rerun | messy-input | weak-output | escalate. */
  kind: z.enum(DRILL_KINDS),
  /** What was practised, e.g. "Provider API returns 500 for an hour". */
  scenario: text.pipe(z.string().min(1, { error: 'must not be empty' })),
  /** Who responded (a person id). */
  by: idRef,
  /** Time to a human taking over, e.g. 20m. */
  took: duration.optional(),
  /** pass | fail. */
  outcome: z.enum(['pass', 'fail']),
  /** What happened, what to change. */
  notes: z.string().optional(),
});

/** Where the workflow's logs are, and for how long. */
const logsSchema = z.strictObject({
  /** Link to the logs: https:, http:, mailto: or tel: only. */
  url: linkUrl.optional(),
  /** How long they are kept, e.g. 30d. */
  keeps: duration.optional(),
});

/** One alert that tells a person the workflow misbehaves. */
const alertSchema = z.strictObject({
  /** Short name, e.g. "Draft job failed". */
  name: text.pipe(z.string().min(1, { error: 'must not be empty' })),
  /** The condition, e.g. "a run ends in error or takes over 10 minutes". */
  fires_when: text.optional(),
  /** Person or team ids. */
  notifies: z.array(idRef).min(1, { error: 'must name at least one person or team id' }),
  /** Channel, e.g. "#billing-bot on chat". */
  via: z.string().optional(),
});

/** Builds the frontmatter schema; role names come from the config. */
export function runbookSchema(config: Pick<Config, 'roles'>) {
  const roles = Object.keys(config.roles) as [string, ...string[]];
  const roleName = z.enum(roles);
  const owners = z.strictObject(Object.fromEntries(roles.map((role) => [role, ownerSchema.optional()])));
  return z.strictObject({
    /** Workflow name. */
    title: text.pipe(z.string().min(1, { error: 'must not be empty' })),
    /** One sentence: what the workflow does. */
    summary: text.pipe(z.string().min(1, { error: 'must not be empty' })),
    status: z.enum(STATUSES),
    /** Owning team id. */
    team: idRef.optional(),
    tags: z.array(text).default([]),
    /** The named or dated version operators run. */
    version: text.optional(),
    /** Role -> primary and backup. */
    owners: owners.default({}),
    handover: z
      .strictObject({
        /** The day daily care moved from builders to operators. */
        date: isoDate.optional(),
        /** Who checks logs daily in the first week after it. */
        first_week: idRef.optional(),
      })
      .optional(),
    review: reviewSchema.optional(),
    /** Trigger and schedule. */
    runs: text.optional(),
    inputs: z.array(text).default([]),
    outputs: z.array(text).default([]),
    /** The one to three numbers that show it is healthy. */
    metrics: z.array(metricSchema).default([]),
    escalation: z
      .strictObject({
        /** Time to first human response. */
        response_target: duration.optional(),
        levels: z.array(levelSchema).default([]),
        /** Times the last level is paged again. */
        repeat: z.number().int().min(0).optional(),
      })
      .optional(),
    fallback: z.array(fallbackSchema).default([]),
    /** Change kind -> roles that approve it. */
    changes: z.record(z.string(), z.array(roleName)).default({}),
    /** Practice runs and forced failures, newest last. */
    drills: z.array(drillSchema).default([]),
    /** Where the logs are and how long they are kept. */
    logs: logsSchema.optional(),
    /** Alerts that tell a person the workflow misbehaves. */
    alerts: z.array(alertSchema).default([]),
    /** The team's own fields, any shape; shown, never validated. */
    extra: z.record(z.string(), z.unknown()).default({}),
  });
}

export type RunbookSchema = ReturnType<typeof runbookSchema>;
export type Frontmatter = z.output<RunbookSchema>;
export type Owner = z.output<typeof ownerSchema>;
export type Metric = z.output<typeof metricSchema>;
export type Drill = z.output<typeof drillSchema>;
export type Alert = z.output<typeof alertSchema>;
