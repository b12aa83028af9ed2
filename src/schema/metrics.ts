import { z } from 'zod';
import { isoDate } from './common.ts';

/** The header a metrics CSV must start with. */
export const METRICS_HEADER = ['date', 'metric', 'value'] as const;

/** One observed value: `metrics/<id>.csv` row. */
export const observationSchema = z.strictObject({
  date: isoDate,
  /** A metric `name` from the runbook's frontmatter. */
  metric: z.string().min(1, { error: 'must name a metric of the runbook' }),
  value: z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*$/, { error: 'must be a number, e.g. 0.03 or 72' })
    .transform(Number),
});

export type Observation = z.output<typeof observationSchema>;
