import type { Diagnostic } from '../diagnostic.ts';
import type { Guide, Workflow } from '../site.ts';
import type { Observation } from '../schema/metrics.ts';
import type { Metric } from '../schema/runbook.ts';

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
  /** Steps of call lists that name them, in site order. */
  calls: { workflow: Workflow; level: number; afterMinutes: number | null }[];
  /** Reviews they run, earliest first. */
  reviews: { workflow: Workflow; review: ReviewFact }[];
}

/** What is true today, computed once from the Site, the config and `now`; pages, feeds and the audit only read it. */
export interface Facts {
  now: string;
  workflows: Map<string, WorkflowFacts>;
  /** Guides by id. */
  guides: Map<string, GuideFacts>;
  people: Map<string, PersonFacts>;
}
