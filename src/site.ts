import type { Body, BodySection, Link } from './compile/index.ts';
import type { Config } from './config.ts';
import type { SourceFile } from './load/index.ts';
import type { Observation } from './schema/metrics.ts';
import type { Person, Team } from './schema/people.ts';
import type { GuideFrontmatter } from './schema/guide.ts';
import type { Frontmatter } from './schema/runbook.ts';
import type { YamlSource } from './parse/yaml.ts';

export type { Link };

/** A level-2 section of a runbook body, matched to the config's sections. */
export interface Section extends BodySection {
  /** Config section key (`purpose`, `process`…), or null for the team's own sections. */
  key: string | null;
}

/** A body's sections, anchors and links. */
export interface Outline {
  sections: Section[];
  /** Every top-level heading's anchor id, for checking links to `#anchors`. */
  anchors: Set<string>;
  links: Link[];
}

/** One runbook, valid, with everything the facts, the audit and the pages need. */
export interface Workflow extends Outline {
  /** Path under `runbooks/` without `.md`. */
  id: string;
  /** Display path of the Markdown file. */
  file: string;
  fm: Frontmatter;
  /** The compiled body: HTML with link slots, plain text, last line. */
  body: Body;
  /** Observed metric values, oldest first. */
  observations: Observation[];
  /** Display path of the metrics CSV, when there is one. */
  metricsFile?: string;
  /** Line and column of a frontmatter field, for gaps. */
  place: YamlSource['place'];
  /** Hash of the Markdown text, when the check used a cache (see `runbookInputs`). */
  sourceHash?: string;
}

/** One guide (`guides/<id>.md`): a documentation page that is not a workflow, valid. */
export interface Guide extends Outline {
  /** Tells a guide from a workflow where either may be the page a link is on. */
  kind: 'guide';
  /** Path under `guides/` without `.md`. */
  id: string;
  /** Display path of the Markdown file. */
  file: string;
  fm: GuideFrontmatter;
  body: Body;
  place: YamlSource['place'];
}

/** A page made from a Markdown file: a runbook or a guide. */
export type Document = Workflow | Guide;

/** Everything the content folder says, cross-checked: the model stage's output. */
export interface Site {
  config: Config;
  people: Person[];
  teams: Team[];
  person: Map<string, Person>;
  team: Map<string, Team>;
  /** Sorted by id. */
  workflows: Workflow[];
  /** Workflows by id. */
  workflow: Map<string, Workflow>;
  /** Guides, sorted by id. */
  guides: Guide[];
  /** Guides by id. */
  guide: Map<string, Guide>;
  /** Files under runbooks/ that are not Markdown, by path under runbooks/. */
  assets: Map<string, SourceFile>;
  peopleFile: string;
}
