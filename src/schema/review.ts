import { z } from 'zod';
import { duration, idRef, isoDate } from './common.ts';

/** When a page was last reviewed and when it is next due; runbooks and guides share it. */
export const reviewSchema = z.strictObject({
  /** Last review. */
  last: isoDate.optional(),
  /** Who attested the last review. */
  by: idRef.optional(),
  /** Review interval; defaults to `review.every` in site.config.ts. */
  every: duration.optional(),
  /** Explicit due date; wins over last + every. */
  next: isoDate.optional(),
});

export type Review = z.output<typeof reviewSchema>;
