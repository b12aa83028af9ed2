import { z } from 'zod';
import { idRef, text } from './common.ts';
import { reviewSchema } from './review.ts';

/**
 * Frontmatter of a guide (`guides/**\/*.md`): a documentation page that is not a workflow, such as
 * a "Start here" page, a glossary or a how-to. It has no status, roles or metrics.
 */
export const guideSchema = z.strictObject({
  /** Page title. */
  title: text.pipe(z.string().min(1, { error: 'must not be empty' })),
  /** One sentence: what the page is for. */
  summary: text.pipe(z.string().min(1, { error: 'must not be empty' })),
  /** Who keeps it current: a person or team id. */
  owner: idRef.optional(),
  /** As for runbooks; a guide past its due date is a review gap. */
  review: reviewSchema.optional(),
  /** The team's own fields, any shape; shown, never validated. */
  extra: z.record(z.string(), z.unknown()).default({}),
});

export type GuideFrontmatter = z.output<typeof guideSchema>;
