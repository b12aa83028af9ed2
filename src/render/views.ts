/**
 * The view model of every template: what `templates/pages/<kind>.hbs` (and the partials it uses) may
 * read. Page builders must return exactly these shapes, so a renamed field fails `tsc`, not only a
 * golden file; template overrides can rely on them. Every string is plain text that Handlebars
 * escapes, except `body` and `chart` (sanitized HTML and SVG, printed with `{{{ }}}`).
 */

/** A person or team as pages show them: name, link, and whether they can be reached today. */
export interface PersonRef {
  id: string;
  name: string;
  href: string;
  left: boolean;
  /** `away now, until 4 Dec` (away today) or `away 9–11 Dec` (later, within the coverage window); '' otherwise. */
  away: string;
  /** True when away today: shown louder than leave to come. */
  awayNow: boolean;
}

/** One way to reach a person; `href` only where a link makes sense (`mailto:`, `tel:`). */
export interface ContactLink {
  kind: 'chat' | 'email' | 'phone';
  label: string;
  href: string;
}

/** A status badge: the label carries the meaning, `status` only adds colour. */
export interface StatusBadge { status: string; label: string }
export interface TeamRef { id: string; name: string; href: string }
export interface Link { title: string; href: string; status: StatusBadge }
/** A review due date with its state. */
export interface ReviewBadge { due: string; text: string; relative: string; state: 'overdue' | 'soon' | 'ok' | 'none' }
export interface Badge { icon: string; text: string; tone: string }
export interface Health { gaps: number; gapBadge: Badge; metricBadge: Badge | null }
/** Who can fix a gap. */
export interface Fixer { role: string; person: PersonRef }

/** A row of a workflow list (home, team pages). */
export interface WorkflowRow {
  id: string;
  title: string;
  summary: string;
  href: string;
  status: StatusBadge;
  team: TeamRef | null;
  /** The daily-care owner (first held `duties.care` role). */
  owner: { role: string; person: PersonRef } | null;
  /** Who is called first. */
  firstCall: PersonRef | null;
  review: ReviewBadge | null;
  health: Health;
  /** `7/9 ready`; null for retired workflows. */
  readiness: { text: string; done: number; total: number; complete: boolean } | null;
}

/** The three numbers and the counts by status (home and report). */
export interface SiteStats {
  numbers: { value: string; label: string; note: string; href: string; tone: string }[];
  byStatus: (StatusBadge & { count: number })[];
}

export interface HomeView extends SiteStats {
  siteTitle: string;
  description: string;
  /** The most urgent reviews to do, at most `HOME_REVIEWS`; the rest are on the report. */
  reviews: { title: string; href: string; review: ReviewBadge; owner: PersonRef | null; experiment: boolean }[];
  /** How many reviews are to do in all, and how many of them the home page leaves to the report. */
  reviewsTotal: number;
  reviewsMore: number;
  reviewsHref: string;
  rows: WorkflowRow[];
  teams: TeamRef[];
  hasNoTeam: boolean;
  /** The newcomer's first page, when the site has one (the guide `start-here`, or one titled "Start here"). */
  startHere: GuideLink | null;
  /** Every guide, by title (Start here too). */
  guides: GuideLink[];
  /** The offline binder and the change list. */
  binderHref: string;
  changesHref: string;
}

/** One person or team on a step of the call list. */
export interface CallEntryView {
  person: PersonRef;
  roles: string;
  contacts: ContactLink[];
  /** Set when the person cannot be reached today; `person` null when nobody else can be. */
  instead: { person: PersonRef | null; contacts: ContactLink[] } | null;
}
export interface CallStepView { level: number; when: string; heading: string; via: string; entries: CallEntryView[] }
export interface CallCardView {
  steps: CallStepView[];
  more: number;
  fromRoles: string;
  missing: { label: string; required: boolean } | null;
  nobody: boolean;
  target: string;
}
export interface MetricCard {
  name: string;
  kind: string;
  description: string;
  value: string;
  date: string;
  target: string;
  state: 'met' | 'missed' | 'nodata' | 'notarget';
  stateText: string;
  stateIcon: string;
  /** Inline SVG. */
  chart: string;
  source: string;
  /** `30% above the mean of the 8 values before it` for a drifting cost; ''. */
  drift: string;
  /** `no data for 21 days` when stale; ''. */
  stale: string;
}
/** One row of a runbook's owners table (and one matrix cell). */
export interface OwnerRowView {
  role: string;
  label: string;
  primary: PersonRef | null;
  backup: PersonRef | null;
  contacts: ContactLink[];
  primaryMissing: boolean;
  backupMissing: boolean;
}
/** One drill: when, who, how long against the response target, outcome. */
export interface DrillView {
  kind: string;
  label: string;
  date: string;
  scenario: string;
  person: PersonRef;
  /** `20 min`; '' when not written. */
  took: string;
  /** The response target, for failure and escalate drills; ''. */
  target: string;
  slow: boolean;
  outcome: 'pass' | 'fail';
  notes: string;
}
/** The Practice block of a runbook page. */
export interface PracticeView {
  show: boolean;
  count: number;
  /** Every kind, in the spec's order, with its latest drill (null: never done). */
  kinds: { kind: string; label: string; drill: DrillView | null }[];
  due: { date: string; relative: string; overdue: boolean } | null;
  every: string;
  unpractised: { role: string; person: PersonRef; kinds: string }[];
}
/** The readiness checklist: "7/9 ready". */
export interface ReadinessView {
  done: number;
  total: number;
  text: string;
  complete: boolean;
  items: { id: string; label: string; done: boolean; todo: string }[];
}
/** Logs and alerts, beside Health. */
export interface SignalsView {
  logs: { url: string; keeps: string } | null;
  alerts: { name: string; firesWhen: string; via: string; notifies: PersonRef[] }[];
  required: boolean;
}
/** The last commit that changed a runbook. */
export interface ChangedView {
  date: string;
  /** The author, when their email is a person's in people.yaml. */
  person: PersonRef | null;
  author: string;
  short: string;
  subject: string;
  /** Commits within `churn.window`, and the window in words. */
  recent: number;
  window: string;
}
export interface FallbackRow { when: string; action: string; role: string; person: PersonRef | null; instead: PersonRef | null }

export interface RunbookView {
  id: string;
  file: string;
  breadcrumbs: { name: string; href: string }[];
  status: StatusBadge;
  health: Health;
  title: string;
  version: string;
  summary: string;
  tags: string[];
  gaps: { rule: string; message: string; fixer: Fixer | null }[];
  call: CallCardView;
  metrics: MetricCard[];
  metricsRequired: boolean;
  ids: { escalation: string; fallback: string; facts: string; health: string; call: string; practice: string; readiness: string; signals: string };
  toc: { href: string; text: string }[];
  escalation: { show: boolean; levels: CallStepView[]; mermaid: string; target: string; repeat: number };
  fallback: FallbackRow[];
  /** Sanitized HTML of the body. */
  body: string;
  practice: PracticeView;
  readiness: ReadinessView;
  signals: SignalsView;
  /** Core sections the body lacks (or leaves empty), each said plainly, with who can write it. */
  missingSections: { id: string; title: string; text: string; writer: (PersonRef & { role: string }) | null }[];
  facts: {
    owners: OwnerRowView[];
    changes: { kind: string; roles: string[] }[];
    handover: { date: string; firstWeek: PersonRef | null } | null;
    review: { last: string; by: PersonRef | null; every: string; next: ReviewBadge | null; runner: { role: string; person: PersonRef } | null };
    /** From git; null when there is no history. */
    changed: ChangedView | null;
    runs: string;
    inputs: string[];
    outputs: string[];
    tags: string[];
    extra: { key: string; value: string }[];
    /** The file's path from the project root, and the "Edit this page" URL when `editUrl` is set. */
    source: { path: string; edit: string };
  };
  retired: boolean;
}

/** A guide in a list: the home page's "Start here" and its list of guides. */
export interface GuideLink { title: string; summary: string; href: string }

export interface GuideView {
  id: string;
  file: string;
  breadcrumbs: { name: string; href: string }[];
  title: string;
  summary: string;
  gaps: { rule: string; message: string; fixer: Fixer | null }[];
  toc: { href: string; text: string }[];
  /** Sanitized HTML of the body. */
  body: string;
  /** Id of the "About this page" section, kept clear of the body's heading ids. */
  aboutId: string;
  owner: PersonRef | null;
  review: { last: string; by: PersonRef | null; every: string; next: ReviewBadge | null } | null;
  extra: { key: string; value: string }[];
}

export interface PersonRow extends PersonRef { title: string; primary: number; backup: number }

export interface PeopleView { groups: { team: TeamRef; people: PersonRow[] }[]; count: number; teamsHref: string }

export interface PersonView {
  name: string;
  title: string;
  team: TeamRef | null;
  left: boolean;
  /** `away now, until 4 Dec` when away today, else ''. */
  awayNow: string;
  held: number;
  counts: { primary: number; backup: number };
  contacts: ContactLink[];
  timezone: string;
  primary: (Link & { role: string })[];
  backup: (Link & { role: string })[];
  reviews: (Link & { review: ReviewBadge; as: string })[];
  escalations: (Link & { level: number; after: string })[];
  /** Drills they responded to, newest first. */
  drills: (Link & { drill: DrillView })[];
  /** Drills due in workflows they care for, earliest first. */
  drillsDue: (Link & { due: string; overdue: boolean })[];
  /** `people/<id>/reviews.ics`: their reviews and drills due. */
  ics: string;
  away: { range: string; year: string; note: string; state: 'past' | 'now' | 'upcoming' }[];
}

export interface TeamsView {
  teams: (TeamRef & { description: string; lead: PersonRef | null; members: number; workflows: number; active: number; gaps: number })[];
  peopleHref: string;
}

export interface TeamView {
  name: string;
  description: string;
  chat: string;
  lead: PersonRef | null;
  teamsHref: string;
  members: PersonRow[];
  rows: WorkflowRow[];
  gaps: { title: string; href: string; gaps: string[] }[];
}

export interface OwnershipCell { label: string; primary: PersonRef | null; backup: PersonRef | null; primaryMissing: boolean; backupMissing: boolean; sort: string }
export interface OwnershipView {
  roles: { id: string; label: string }[];
  groups: { team: TeamRef; colspan: number; rows: { id: string; title: string; href: string; status: StatusBadge; team: string; cells: OwnershipCell[] }[] }[];
  teams: TeamRef[];
  statuses: StatusBadge[];
  csv: string;
  json: string;
  count: number;
}

export interface ReviewItem { title: string; href: string; date: string; owner: PersonRef | null }
export interface ReportView extends SiteStats {
  now: string;
  coverage: { team: TeamRef; active: number; ready: number; pct: number; tone: string }[];
  /** Gaps grouped by rule, largest group first: a long group starts collapsed and lists its first gaps, `more` says how many it leaves out. */
  rules: { rule: string; title: string; count: number; open: boolean; more: number; items: (Link & { message: string; fixer: Fixer | null })[] }[];
  gapCount: number;
  byWorkflow: (Link & { team: TeamRef | null; count: number; rules: string[]; owner: PersonRef | null })[];
  calendar: { overdue: ReviewItem[]; weeks: { label: string; current: boolean; items: ReviewItem[] }[]; total: number; until: string; days: number };
  load: { months: string[]; rows: { person: PersonRef; overdue: number; months: number[]; total: number }[]; dueIn: number; unowned: number };
  feeds: { report: string; ics: string; csv: string; changes: string };
  /** The readiness checklist per team: items done across its active workflows, and the three items most often missing. */
  readiness: { team: TeamRef; done: number; total: number; pct: number; tone: string; missing: { label: string; count: number }[] }[];
  /** Every active workflow: readiness, last drill and the next one due (the drill column). */
  practice: (Link & { team: TeamRef | null; readiness: string; lastDrill: DrillView | null; due: string; overdue: boolean })[];
  /** Why there are no change facts (a shallow clone), said once; ''. */
  historyNote: string;
}

export interface NotFoundView { count: number }

/** What changed: commits and dated versions across workflows, newest first. */
export interface ChangesView {
  entries: {
    date: string;
    iso: string;
    kind: 'commit' | 'version';
    title: string;
    workflows: Link[];
    commit: { short: string; subject: string; author: string; person: PersonRef | null } | null;
    version: string;
  }[];
  /** Entries left off the page. */
  more: number;
  /** changes.xml, '' when the site's base URL is unknown (no feed then). */
  feed: string;
  history: 'git' | 'shallow' | 'none';
  historyNote: string;
}

/** The offline binder: every active runbook on one printable page. */
export interface BinderView {
  siteTitle: string;
  now: string;
  count: number;
  entries: {
    id: string;
    title: string;
    summary: string;
    status: StatusBadge;
    version: string;
    levels: CallStepView[];
    target: string;
    fallback: FallbackRow[];
    /** Sanitized HTML of the Rollback section, '' when there is none. */
    rollback: string;
    owners: OwnerRowView[];
  }[];
}

/** Template name -> its view model. */
export interface PageViews {
  home: HomeView;
  runbook: RunbookView;
  guide: GuideView;
  people: PeopleView;
  person: PersonView;
  teams: TeamsView;
  team: TeamView;
  ownership: OwnershipView;
  report: ReportView;
  '404': NotFoundView;
  changes: ChangesView;
  binder: BinderView;
}
