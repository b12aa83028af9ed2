import { z } from 'zod';
import { idPattern, idRef, isoDate, isTimeZone } from './common.ts';

const id = z
  .string({ error: 'must be an id (lowercase letters, digits and "-")' })
  .regex(idPattern, { error: 'must be an id: lowercase letters, digits and "-", e.g. "dana"' });

/** A planned absence; used by the `coverage-away` check. */
export const awaySchema = z
  .strictObject({
    /** First day away. */
    from: isoDate,
    /** Last day away (inclusive). */
    to: isoDate,
    /** Optional reason shown on the person page. */
    note: z.string().optional(),
  })
  .superRefine((away, ctx) => {
    if (away.to < away.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `ends (${away.to}) before it starts (${away.from}); swap the dates`,
        params: { hint: 'from is the first day away, to the last' },
      });
  });

/** Ways to reach a person. */
export const contactSchema = z.strictObject({
  email: z.email({ error: 'must be an email address, e.g. dana@example.com' }).optional(),
  chat: z.string().optional(),
  phone: z.string().optional(),
});

export const personSchema = z.strictObject({
  /** Unique id used in runbooks. */
  id,
  /** Full name as people say it. */
  name: z.string().min(1),
  /** Job title. */
  title: z.string().optional(),
  /** Team id. */
  team: idRef.optional(),
  contact: contactSchema.default({}),
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: z
    .string()
    .refine(isTimeZone, {
      error: 'is not a known IANA time zone; write e.g. Europe/Berlin or America/New_York',
      params: { hint: 'zone names are Area/City, as in the tz database' },
    })
    .optional(),
  /** Planned leave. */
  away: z.array(awaySchema).default([]),
  /** false: the person has left; every role still held is flagged. */
  active: z.boolean({ error: 'must be true or false' }).default(true),
});

export const teamSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Person id of the team lead. */
  lead: idRef.optional(),
  /** One line on what the team does. */
  description: z.string().optional(),
  /** The team's chat channel. */
  chat: z.string().optional(),
});

/** `people.yaml`: every person and team id used in a runbook is defined here. */
export const peopleFileSchema = z.strictObject({
  teams: z.array(teamSchema).default([]),
  people: z.array(personSchema).default([]),
});

export type Person = z.output<typeof personSchema>;
export type Team = z.output<typeof teamSchema>;
export type PeopleFile = z.output<typeof peopleFileSchema>;
