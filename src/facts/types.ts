import type { Diagnostic } from '../diagnostic.ts';
import type { Guide, Workflow } from '../site.ts';
import type { Observation } from '../schema/metrics.ts';
import type { Drill, DrillKind, Metric } from '../schema/runbook.ts';

/** Whether someone can be reached today. Teams are always `available`: a channel answers. */
export type Availability =
  | { state: 'available' }
  /** Away today; back the day after `until`. */
  | { state: 'away-now'; until: string; note: string }
  /** Reachable today, away later within the coverage window. */
  | { state: 'away-soon'; from: string; until: string; note: string }
  /** `active: false` in people.yaml. */
  | { state: 'left' };

/** A person or team named somewhere in a workflow, with their availability today. */
export interface Holder {
  kind: 'person' | 'team';
  id: string;
  name: string;
  availability: Availability;
}

/** One configured role of a workflow: who holds it, who backs them up, and what the status requires. */
export interface RoleFact {
  role: string;
  label: string;
  primary: Holder | null;
  backup: Holder | null;
  requiresPrimary: boolean;
  requiresBackup: boolean;
}

/** One person or team on the call list. */
export interface CallEntry {
  holder: Holder;
  /** Labels of the roles this person holds in the workflow, e.g. `First responder`. */
  roles: string[];
  /** When the holder cannot be reached today: the next one on the list who can (null: nobody can). */
  instead?: Holder | null;
}

/** One step of the call list: who is called, after how long. */
export interface CallStep {
  /** 1-based. */
  level: number;
  /** Minutes after the workflow stopped; null when the list comes from roles ("if no answer"). */
  afterMinutes: number | null;
  entries: CallEntry[];
  via: string;
}

/** Who to call right now, in order: the call card, the diagram, its text list and person pages read it. */
export interface CallList {
  /** `escalation`: the workflow's levels; `roles`: no levels, so the first held `duties.call` role, primary then backup. */
  source: 'escalation' | 'roles' | 'none';
  /** The role the list starts from when `source` is `roles`. */
  role: string | null;
  steps: CallStep[];
  responseTargetMinutes: number | null;
  repeat: number;
}

/** One human fallback case, with who it goes to today. */
export interface FallbackFact {
  when: string;
  action: string;
  /** Role label when `to` names a role. */
  role: string | null;
  holder: Holder | null;
  /** When the holder cannot be reached today: the role's backup, if they can. */
  instead: Holder | null;
}

/** One metric as of today. */
export interface MetricFact {
  metric: Metric;
  /** Position in `metrics:`, for field paths. */
  index: number;
  /** Observations dated on or before today, oldest first. */
  series: Observation[];
  latest: Observation | null;
  state: 'met' | 'missed' | 'nodata' | 'notarget';
  /** `cost` metrics: the latest value against the mean of the ones before it (null: not a cost, or too few values). */
  drift: DriftFact | null;
  /** Days since the latest observation (null: no data); `stale` when more than `metrics.staleAfter`. */
  ageDays: number | null;
  stale: boolean;
}

/** The latest value of a cost metric against the mean of up to `drift.window` values before it. */
export interface DriftFact {
  /** Mean of the earlier values. */
  mean: number;
  /** How many earlier values the mean is over (at least 2). */
  over: number;
  /** Date of the first of them. */
  since: string;
  /** Percent the latest value is above (positive) or below the mean. */
  percent: number;
  /** More than `drift.threshold` percent above the mean. */
  drifting: boolean;
}

/** One drill dated on or before today. */
export interface DrillFact {
  drill: Drill;
  /** Position in `drills:`, for field paths. */
  index: number;
  /** Who responded; null when the id is unknown. */
  holder: Holder | null;
  /** `took` in minutes; null when not written. */
  tookMinutes: number | null;
}

/** Practice: the drills so far, the latest of each kind, and what is due, slow, failed or never practised. */
export interface PracticeFact {
  /** Oldest first. */
  drills: DrillFact[];
  latest: DrillFact | null;
  /** The latest drill of each kind, in the spec's kind order. */
  byKind: { kind: DrillKind; latest: DrillFact | null }[];
  /** The next drill is due on latest + `drills.every` (null: never drilled). */
  due: string | null;
  /** Days from today to `due`; negative when overdue. */
  days: number | null;
  /** The latest `failure` or `escalate` drill, when it took longer than the response target. */
  slow: DrillFact | null;
  responseTargetMinutes: number | null;
  /** Kinds whose latest drill failed (no later one of that kind). */
  failed: DrillFact[];
  /** Per person holding a `drills.practisedBy` role (first such role, all their labels): the kinds of `drills.practise` they have never done. */
  unpractised: { role: string; label: string; holder: Holder; kinds: DrillKind[] }[];
  /** At least one drill passed. */
  passed: boolean;
}

/** A commit that changed a runbook, from git. */
export interface CommitFact {
  hash: string;
  /** First 7 characters of the hash. */
  short: string;
  /** Author date, `YYYY-MM-DD` in UTC. */
  date: string;
  /** Author date and time in UTC, ISO 8601, for order within a day. */
  at: string;
  author: { name: string; email: string; person: string | null };
  subject: string;
}

/** A runbook's history from git as of today (commits after today do not exist yet). */
export interface ChurnFact {
  /** Newest first. */
  commits: CommitFact[];
  last: CommitFact | null;
  /** Commits within `churn.window` up to today. */
  recent: number;
  /** First day of that window. */
  since: string;
  /** Commits that set the `version:` line, newest first, with the version each set. */
  versions: { commit: CommitFact; version: string }[];
}

/** One entry of "what changed": a commit across workflows, or a dated version. */
export type ChangeEntry =
  | { kind: 'commit'; date: string; commit: CommitFact; workflows: Workflow[] }
  /** A version: from the commit that set it when git knows, else dated by the version itself (`version: 2026-10-01`). */
  | { kind: 'version'; date: string; version: string; workflows: Workflow[]; commit: CommitFact | null };

/** Whether git history could be read for the content folder, said once. */
export interface HistoryState {
  state: 'git' | 'shallow' | 'none';
  /** Shown once in `check` and on the report: why there are no change facts. */
  note: string | null;
}

/** One item of the switch checklist. */
export interface ReadinessItem {
  id: 'changes' | 'care' | 'metrics' | 'signals' | 'escalation' | 'fallback' | 'practised' | 'handover' | 'review';
  label: string;
  done: boolean;
  /** What to do while it is not done. */
  todo: string;
}

/** The practice's checklist before a switch, as of today. */
export interface ReadinessFact {
  items: ReadinessItem[];
  done: number;
  total: number;
}

/** The review: when it is due, whether that has passed, and who runs it. */
export interface ReviewFact {
  due: string | null;
  /** Days from today to `due`; negative when overdue. */
  days: number | null;
  /**
   * `missing`: required but no date can be computed (`missingField` says which field to set);
   * `decide-overdue`: an experiment past its decide-by date; `none`: not required and not set;
   * `retired`: no review needed.
   */
  state: 'missing' | 'decide-overdue' | 'overdue' | 'soon' | 'ok' | 'none' | 'retired';
  missingField: 'review' | 'review.next' | null;
  /** Who runs it: the first `duties.review` role with an active primary, then `review.by`, then the team lead. */
  runner: { person: string; role: string } | null;
}

/** A gap, with who can fix it. */
export interface GapFact {
  gap: Diagnostic;
  /** Plain-language title of its rule. */
  title: string;
  fixer: { person: string; role: string } | null;
}

/** Everything true of one workflow today. */
export interface WorkflowFacts {
  workflow: Workflow;
  roles: RoleFact[];
  calls: CallList;
  fallback: FallbackFact[];
  metrics: MetricFact[];
  review: ReviewFact;
  /** The owner lists show (first held `duties.care` role). */
  care: { role: string; holder: Holder } | null;
  /** Drills: latest per kind, due, slow, failed, never practised. */
  practice: PracticeFact;
  /** Commits from git; null when there is no usable history. */
  churn: ChurnFact | null;
  readiness: ReadinessFact;
  /** Filled after the audit, in the audit's order. */
  gaps: GapFact[];
}

/** Everything true of one guide today. */
export interface GuideFacts {
  guide: Guide;
  /** Its `owner`, a person or team, with today's availability. */
  owner: Holder | null;
  /** `none` when the guide sets no review date (it is optional for guides). */
  review: ReviewFact;
  /** Filled after the audit: its review finding and broken links, if any. */
  gaps: GapFact[];
}

/** One role a person holds in a workflow that is not retired. */
export interface Held {
  workflow: Workflow;
  role: string;
  slot: 'primary' | 'backup';
}

/** Everything true of one person today, across workflows. */
export interface PersonFacts {
  availability: Availability;
  /** Roles in workflows that are not retired, in site order. */
  held: Held[];
  /** Roles held as primary in active workflows (experiment, pilot, production): what `too-many-roles` counts. */
  activePrimary: number;
  /** Steps of call lists that name them, in site order. */
  calls: { workflow: Workflow; level: number; afterMinutes: number | null }[];
  /** Reviews they run, earliest first. */
  reviews: { workflow: Workflow; review: ReviewFact }[];
  /** Drills they responded to, newest first. */
  drills: { workflow: Workflow; drill: DrillFact }[];
  /** Drills due in workflows where they hold a `drills.practisedBy` role, earliest first. */
  drillsDue: { workflow: Workflow; due: string }[];
}

/** What is true today, computed once from the Site, the config and `now`; pages, feeds and the audit only read it. */
export interface Facts {
  now: string;
  workflows: Map<string, WorkflowFacts>;
  /** Guides by id. */
  guides: Map<string, GuideFacts>;
  people: Map<string, PersonFacts>;
  /** Git history of the content folder. */
  history: HistoryState;
  /** Version changes and commits across workflows, newest first. */
  changes: ChangeEntry[];
}
