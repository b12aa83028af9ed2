import { z } from 'zod';
import { duration, MAX_DURATION_DAYS } from './schema/common.ts';
import { DRILL_KINDS } from './schema/drill-kinds.ts';

/** Statuses a workflow moves through; fixed by the spec. */
export const STATUSES = ['experiment', 'pilot', 'production', 'paused', 'retired'] as const;
export type Status = (typeof STATUSES)[number];
/** Workflows people depend on today; they count for load and coverage. */
export const ACTIVE_STATUSES: readonly Status[] = ['experiment', 'pilot', 'production'];

const ALL_ROLES = ['business', 'operations', 'approver', 'maintainer', 'responder'];

/** What one status requires before a workflow is ready for routine care. */
const requirementSchema = z.strictObject({
  /** Roles that need a primary owner. */
  primary: z.array(z.string()).default([]),
  /** Roles that need a backup owner too. */
  backup: z.array(z.string()).default([]),
  /** Section keys (see `sections`) that must be present and non-empty. */
  sections: z.array(z.string()).default([]),
  /** `next`: an explicit decide-by date; `any`: `next`, or `last` + `every`; `none`: not required. */
  review: z.enum(['next', 'any', 'none']).default('none'),
  /** At least one metric, each with a target. */
  metrics: z.boolean().default(false),
  /** `levels`: 1+ escalation level; `levels+target`: and a response target. */
  escalation: z.enum(['none', 'levels', 'levels+target']).default('none'),
  /** At least one human fallback. */
  fallback: z.boolean().default(false),
  /** `handover.date` is set. */
  handover: z.boolean().default(false),
});
export type Requirement = z.output<typeof requirementSchema>;

/** A body section: its display title and accepted alias headings. */
const sectionSchema = z.strictObject({
  title: z.string(),
  aliases: z.array(z.string()).default([]),
});

const defaultRequirements: Record<Status, z.input<typeof requirementSchema>> = {
  experiment: { primary: ['maintainer'], sections: ['purpose'], review: 'next' },
  pilot: {
    primary: ALL_ROLES,
    backup: ['maintainer'],
    sections: ['purpose', 'process', 'exceptions'],
    review: 'any',
    metrics: true,
    escalation: 'levels',
    fallback: true,
  },
  production: {
    primary: ALL_ROLES,
    backup: ALL_ROLES,
    sections: ['purpose', 'process', 'exceptions', 'escalation', 'rollback'],
    review: 'any',
    metrics: true,
    escalation: 'levels+target',
    fallback: true,
    handover: true,
  },
  paused: { primary: ALL_ROLES, sections: ['purpose'], review: 'any' },
  retired: {},
};

/**
 * Which roles carry the duties every page and the audit share. Each list is tried in order; the first
 * role that has an active primary owner does the duty. Left out, a list defaults to the default roles
 * that this config has, else to every configured role in order, so renamed roles still work.
 */
const dutiesSchema = z.strictObject({
  /** Who is called first when a workflow has no escalation levels (primary, then backup). */
  call: z.array(z.string()).optional(),
  /** Who runs the next review; then `review.by`, then the team lead. */
  review: z.array(z.string()).optional(),
  /** Who can fix a gap that names no role of its own; then the team lead. */
  fix: z.array(z.string()).optional(),
  /** The owner lists show for a workflow (its daily care). */
  care: z.array(z.string()).optional(),
  /** Who owns changes (prompts, rules, tools): the readiness checklist's "one person owns changes". */
  change: z.array(z.string()).optional(),
});
export type Duty = keyof z.output<typeof dutiesSchema>;

/** Today's behaviour, for the default role ids. */
export const DEFAULT_DUTIES: Record<Duty, string[]> = {
  call: ['responder', 'operations', 'maintainer'],
  review: ['operations', 'business', 'maintainer'],
  fix: ['operations', 'business', 'maintainer'],
  care: ['operations', 'maintainer', 'business'],
  change: ['maintainer'],
};
/** A URL a page may link to: http(s), mailto or tel only, never javascript: or data:. */
const safeHref = z.string().regex(/^(https?:\/\/|mailto:|tel:)\S+$/i, 'must be an http(s), mailto: or tel: URL');

/** A top-bar link a site adds after the built-in ones. */
const navLinkSchema = z.strictObject({
  /** The link's text. */
  text: z.string().min(1),
  /** Where it goes: an absolute http(s), mailto: or tel: URL. */
  href: safeHref,
});

const statusList = (statuses: Status[]) => z.array(z.enum(STATUSES)).default(statuses);

/** Drills: which statuses need them, how often, and what the operators must have practised. */
const drillsSchema = z.strictObject({
  /** Statuses where no drill is a `never-drilled` gap, and an old one `drill-overdue`, `drill-slow` or `drill-failed`. */
  statuses: statusList(['pilot', 'production']),
  /** A workflow whose latest drill is older than this is a `drill-overdue` gap (`180d`, `26w`). */
  every: duration.default('180d'),
  /** Statuses where every kind of `practise` must have been done by each role of `practisedBy` (`drill-not-practised`). */
  practiseStatuses: statusList(['production']),
  /** The practice list: drill kinds the people who care for a workflow must each have done once. */
  practise: z.array(z.enum(DRILL_KINDS)).default(['rerun', 'messy-input', 'weak-output', 'escalate']),
  /** Roles whose primary must have done every kind of `practise` (default: daily care and first response). */
  practisedBy: z.array(z.string()).optional(),
});

/** Default `drills.practisedBy`, for the default role ids. */
export const DEFAULT_PRACTISED_BY = ['operations', 'responder'];

export const configSchema = z.strictObject({
  /** Site title, shown in the top bar and page titles. */
  title: z.string().min(1).default('Handover'),
  /** One line under the title on the home page. */
  description: z.string().default(''),
  /** The content folder, relative to the config file's folder. */
  contentDir: z.string().default('content'),
  /** Where the site is written, relative to the config file's folder. */
  outDir: z.string().default('dist'),
  /** Absolute site URL, used only where absolute links are required (reviews.ics, sitemap). */
  base: z.string().default(''),
  /** Role id -> label, in the order of the ownership matrix columns. */
  roles: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.string()).default({
    business: 'Business owner',
    operations: 'Operations owner',
    approver: 'Approver',
    maintainer: 'Maintainer',
    responder: 'First responder',
  }),
  /** Section key -> heading and aliases (matched case-insensitively). */
  sections: z.record(z.string(), sectionSchema).default({
    // Besides the spec's names: what alert runbooks and manuals call these sections (see `handover import`).
    purpose: { title: 'Purpose', aliases: ['Purpose and boundaries', 'Scope', 'Meaning', 'Overview'] },
    process: { title: 'Normal process', aliases: ['Steps', 'How it runs', 'Diagnosis', 'Mitigation'] },
    exceptions: { title: 'Exceptions', aliases: ['Exception handling', 'Troubleshooting'] },
    escalation: { title: 'Escalation', aliases: [] },
    rollback: { title: 'Rollback', aliases: ['Rollback and restart'] },
    practice: { title: 'Practice', aliases: ['Drills'] },
  }),
  /** What each status requires; partial objects fall back to nothing required. */
  required: z
    .strictObject({
      experiment: requirementSchema.default(requirementSchema.parse(defaultRequirements.experiment)),
      pilot: requirementSchema.default(requirementSchema.parse(defaultRequirements.pilot)),
      production: requirementSchema.default(requirementSchema.parse(defaultRequirements.production)),
      paused: requirementSchema.default(requirementSchema.parse(defaultRequirements.paused)),
      retired: requirementSchema.default(requirementSchema.parse(defaultRequirements.retired)),
    })
    .prefault({}),
  review: z
    .strictObject({
      /** Review interval when a runbook gives none (`90d`, `12w`). */
      every: duration.default('90d'),
      /** A review due within this many days is a `review-due-soon` gap. */
      dueSoonDays: z.number().int().min(0).max(MAX_DURATION_DAYS).default(14),
    })
    .prefault({}),
  /** Which roles are called first, run reviews, fix gaps and are shown as the owner (see `dutiesSchema`). */
  duties: dutiesSchema.prefault({}),
  /** A person primary for more roles than this in active workflows is a `too-many-roles` gap. */
  maxPrimaryRoles: z.number().int().min(1).default(8),
  /** Days ahead checked for `coverage-away`. */
  coverageDays: z.number().int().min(1).max(MAX_DURATION_DAYS).default(30),
  /** Drills and practice (`never-drilled`, `drill-overdue`, `drill-slow`, `drill-failed`, `drill-not-practised`). */
  drills: drillsSchema.prefault({}),
  /** Statuses where a workflow without `alerts` is a `missing-alerts` gap. */
  alerts: z.strictObject({ statuses: statusList(['production']) }).prefault({}),
  /** Cost drift (`cost-drift`): the latest `cost` value against the mean of the values before it. */
  drift: z
    .strictObject({
      /** How many earlier observations the mean is taken over. */
      window: z.number().int().min(1).max(10_000).default(8),
      /** Percent above that mean that counts as drift, even inside the target. */
      threshold: z.number().min(0).max(10_000).default(25),
      /** Statuses the rule applies to. */
      statuses: statusList(['pilot', 'production']),
    })
    .prefault({}),
  /** Stale data (`metric-stale`): a metric whose last observation is older than `staleAfter`. */
  metrics: z
    .strictObject({
      /** Age of the last observation past which the dashboard counts as stopped (`14d`). */
      staleAfter: duration.default('14d'),
      /** Statuses the rule applies to. */
      statuses: statusList(['pilot', 'production']),
    })
    .prefault({}),
  /** Change churn from git (`moving-target`): more than `max` commits to a runbook within `window`. */
  churn: z
    .strictObject({
      /** Commits within the window that are still fine. */
      max: z.number().int().min(0).default(5),
      /** How far back commits are counted (`14d`). */
      window: duration.default('14d'),
      /** Statuses the rule applies to. */
      statuses: statusList(['pilot', 'production']),
    })
    .prefault({}),
  /** Largest content file read, in bytes; larger files are an `unreadable-file` error. */
  maxFileBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
  /** An image shown in the top bar before the title, relative to the project root (e.g. `theme/logo.svg`). */
  logo: z.string().regex(/\.(svg|png|jpe?g|gif|webp|avif)$/i, 'must be an image file: .svg, .png, .jpg, .gif, .webp or .avif').optional(),
  /** The accent colour (links, current page, focus), a CSS colour such as `#0b7a5c`; overrides `--accent`. */
  accent: z
    .string()
    .regex(/^(#[0-9a-f]{3,8}|[a-z]+|(rgb|hsl|oklch|oklab|lab|lch)a?\([0-9a-z.,%\s/+-]*\))$/i, 'must be a CSS colour: #rgb, #rrggbb, a name, or rgb()/hsl()/oklch()')
    .optional(),
  /** Extra top-bar links, after Runbooks, Ownership, People and Report. */
  nav: z.array(navLinkSchema).default([]),
  /** A line of text shown in every page's footer (plain text, escaped). */
  footer: z.string().default(''),
  /**
   * Turns a runbook page's "Source" into an "Edit this page" link: `{path}` is replaced by the file's path
   * from the project root, e.g. `https://github.com/acme/runbooks/edit/main/{path}`.
   */
  editUrl: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL')
    .refine((url) => url.includes('{path}'), { message: 'must contain {path}, where the file path goes' })
    .optional(),
}).superRefine((config, ctx) => {
  for (const [duty, roles] of Object.entries(config.duties))
    (roles ?? []).forEach((role, i) => {
      if (!(role in config.roles))
        ctx.addIssue({ code: 'custom', path: ['duties', duty, i], message: `"${role}" is not a role of this config; use one of ${Object.keys(config.roles).join(', ')}` });
    });
  (config.drills.practisedBy ?? []).forEach((role, i) => {
    if (!(role in config.roles))
      ctx.addIssue({ code: 'custom', path: ['drills', 'practisedBy', i], message: `"${role}" is not a role of this config; use one of ${Object.keys(config.roles).join(', ')}` });
  });
});

export type UserConfig = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

/** The roles that carry `duty`, in order (see `dutiesSchema`). */
export function dutyRoles(config: Pick<Config, 'roles' | 'duties'>, duty: Duty): string[] {
  const given = config.duties[duty];
  if (given) return given;
  const known = DEFAULT_DUTIES[duty].filter((role) => role in config.roles);
  return known.length ? known : Object.keys(config.roles);
}

/** The roles whose primaries must have practised every drill kind (see `drillsSchema`). */
export function practisedByRoles(config: Pick<Config, 'roles' | 'drills'>): string[] {
  return config.drills.practisedBy ?? DEFAULT_PRACTISED_BY.filter((role) => role in config.roles);
}

