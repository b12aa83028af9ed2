import type { Body } from './compile/index.ts';
import type { Config } from './config.ts';
import { error, type Diagnostic } from './diagnostic.ts';
import type { Loaded, SourceFile } from './load.ts';
import { readObservations } from './observations.ts';
import { outline, type Outline } from './outline.ts';
import type { ParsedRunbook } from './parse.ts';
import { checkReferences } from './references.ts';
import type { Observation } from './schema/metrics.ts';
import { peopleFileSchema, type Person, type Team } from './schema/people.ts';
import { runbookSchema, type Frontmatter } from './schema/runbook.ts';
import { knownIds, suggestId } from './suggest.ts';
import { fieldPath, validate, type Validated } from './validate.ts';
import { parseYaml, type YamlSource } from './yaml.ts';
import { compareText } from './order.ts';

/** One runbook, valid, with everything the audit and the pages need. */
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
}

/** Everything the content folder says, cross-checked. */
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
  /** Files under runbooks/ that are not Markdown, by path under runbooks/. */
  assets: Map<string, SourceFile>;
  peopleFile: string;
}

/**
 * Validation and outline of a parsed runbook, by parse. `handover dev` hands back the same parse for an
 * unchanged file, so an edit re-validates one runbook, not all of them. Keyed on what they depend on.
 */
const checked = new WeakMap<ParsedRunbook, { key: string; result: Validated<Frontmatter>; outline: Outline }>();

/** Builds the Site from loaded and parsed files; reports every error it finds, not only the first. */
export function model(config: Config, loaded: Loaded, parsed: ParsedRunbook[]): { site: Site; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const peopleSource = loaded.files.find((file) => file.kind === 'people');
  const { people, teams, ok: peopleOk } = readPeopleOnce(peopleSource, diagnostics);
  const site: Site = {
    config,
    people,
    teams,
    person: new Map(people.map((p) => [p.id, p])),
    team: new Map(teams.map((t) => [t.id, t])),
    workflows: [],
    workflow: new Map(),
    assets: new Map(loaded.files.filter((f) => f.kind === 'asset').map((f) => [f.id, f])),
    peopleFile: peopleSource?.path ?? 'people.yaml',
  };
  const schema = runbookSchema(config);
  const key = JSON.stringify([config.roles, config.sections]);
  diagnostics.push(...caseClashes(parsed));
  for (const runbook of parsed) {
    diagnostics.push(...runbook.diagnostics);
    if (!runbook.frontmatter) continue;
    let memo = checked.get(runbook);
    if (memo?.key !== key) {
      memo = { key, result: validate(schema, runbook.frontmatter, runbook.source.path), outline: outline(runbook.body, config) };
      checked.set(runbook, memo);
    }
    const { result } = memo;
    diagnostics.push(...result.diagnostics);
    // A body that could not be read never becomes a page.
    if (!result.ok || runbook.diagnostics.length) continue;
    const workflow: Workflow = {
      id: runbook.source.id,
      file: runbook.source.path,
      fm: result.data,
      body: runbook.body,
      observations: [],
      place: runbook.frontmatter.place,
      ...memo.outline,
    };
    // With a broken people.yaml every id would look unknown; its own errors say enough until it is fixed.
    if (peopleOk) diagnostics.push(...checkReferences(workflow, site));
    site.workflows.push(workflow);
  }
  site.workflows.sort((a, b) => compareText(a.id, b.id));
  for (const workflow of site.workflows) site.workflow.set(workflow.id, workflow);
  attachObservations(site, loaded.files, new Set(parsed.map((p) => p.source.id)), diagnostics);
  return { site, diagnostics };
}

/** The last people.yaml read, by path and text: `handover dev` re-checks on every edit, and most edits are to runbooks. */
let lastPeople: { path: string; text: string; found: Diagnostic[]; result: ReturnType<typeof readPeople> } | undefined;

function readPeopleOnce(source: SourceFile | undefined, diagnostics: Diagnostic[]): ReturnType<typeof readPeople> {
  if (!source) return readPeople(source, diagnostics);
  if (lastPeople?.path !== source.path || lastPeople.text !== source.text) {
    const found: Diagnostic[] = [];
    lastPeople = { path: source.path, text: source.text, found, result: readPeople(source, found) };
  }
  diagnostics.push(...lastPeople.found);
  return lastPeople.result;
}

function readPeople(source: SourceFile | undefined, diagnostics: Diagnostic[]): { people: Person[]; teams: Team[]; ok: boolean } {
  if (!source) return { people: [], teams: [], ok: false };
  const yaml = parseYaml(source.text, source.path);
  const result = validate(peopleFileSchema, yaml, source.path);
  diagnostics.push(...result.diagnostics);
  if (!result.ok) return { people: [], teams: [], ok: false };
  const { people, teams } = result.data;
  const personIds = new Set(people.map((p) => p.id));
  const teamIds = new Set(teams.map((t) => t.id));
  diagnostics.push(...duplicates(people, 'people', source.path, yaml), ...duplicates(teams, 'teams', source.path, yaml));
  // `notify: [x]` takes a person or a team id, so one id must not name both.
  teams.forEach((team, i) => {
    if (personIds.has(team.id))
      diagnostics.push(
        error('duplicate-id', `the id "${team.id}" names both a team and a person; rename one`, {
          file: source.path,
          ...yaml.place(['teams', i, 'id']),
          field: `teams[${i}].id`,
          hint: `escalation and links could not tell which is meant; the person is on line ${yaml.place(['people', people.findIndex((p) => p.id === team.id), 'id']).line}`,
        }),
      );
  });
  const unknown = (rule: string, what: string, id: string, path: (string | number)[], known: Set<string>) =>
    error(rule, `no ${what} has the id "${id}"; fix the id or add the ${what}`, { file: source.path, ...yaml.place(path), field: fieldPath(path), hint: hintFor(id, known, what) });
  people.forEach((person, i) => {
    if (person.team && !teamIds.has(person.team)) diagnostics.push(unknown('unknown-team', 'team', person.team, ['people', i, 'team'], teamIds));
  });
  teams.forEach((team, i) => {
    if (team.lead && !personIds.has(team.lead)) diagnostics.push(unknown('unknown-person', 'person', team.lead, ['teams', i, 'lead'], personIds));
  });
  return { people, teams, ok: true };
}

function hintFor(id: string, known: Set<string>, what: string): string {
  return suggestId(id, [...known]) ?? knownIds(what, [...known]);
}

function duplicates(items: { id: string }[], list: string, file: string, yaml: YamlSource): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) return void seen.set(item.id, i);
    out.push(
      error('duplicate-id', `the id "${item.id}" is used twice in ${list}; give each its own id`, {
        file,
        ...yaml.place([list, i, 'id']),
        field: `${list}[${i}].id`,
        hint: `the first one is on line ${yaml.place([list, first, 'id']).line}; ids must be unique`,
      }),
    );
  });
  return out;
}

/** Reads each metrics CSV for its runbook; a CSV whose runbook exists but has errors waits until they are fixed. */
/** Runbook ids that differ only in case become the same page on macOS and Windows. */
function caseClashes(parsed: ParsedRunbook[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const { source } of parsed) {
    const key = source.id.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, source.id);
    else
      out.push(
        error('duplicate-id', `the runbook id "${source.id}" differs from "${first}" only in case; rename one`, {
          file: source.path,
          line: 1,
          column: 1,
          hint: 'their pages would overwrite each other on case-insensitive file systems (macOS, Windows)',
        }),
      );
  }
  return out;
}

function attachObservations(site: Site, files: SourceFile[], runbookIds: Set<string>, diagnostics: Diagnostic[]): void {
  const byId = site.workflow;
  for (const file of files.filter((f) => f.kind === 'metrics')) {
    const workflow = byId.get(file.id);
    if (!workflow && runbookIds.has(file.id)) continue;
    if (!workflow) {
      const suggestion = suggestId(file.id, [...runbookIds]);
      diagnostics.push(
        error('unknown-workflow', `no runbook has the id "${file.id}" (expected runbooks/${file.id}.md); rename the CSV or add the runbook`, {
          file: file.path,
          line: 1,
          column: 1,
          hint: suggestion ?? 'name the CSV after its runbook: metrics/<runbook id>.csv',
        }),
      );
      continue;
    }
    const { observations, diagnostics: found } = readObservationsOnce(file, workflow.fm.metrics.map((m) => m.name));
    workflow.observations = observations;
    workflow.metricsFile = file.path;
    diagnostics.push(...found);
  }
}

/**
 * The last reading of each metrics CSV, by file and metric names. `handover dev` hands back the same
 * SourceFile for a file unchanged on disk (see `Reads` in load.ts), so an edit re-reads only changed CSVs.
 */
const observationsOf = new WeakMap<SourceFile, { names: string; result: ReturnType<typeof readObservations> }>();

function readObservationsOnce(file: SourceFile, names: string[]): ReturnType<typeof readObservations> {
  const key = names.join('\0');
  const known = observationsOf.get(file);
  if (known?.names === key) return known.result;
  const result = readObservations(file, names);
  observationsOf.set(file, { names: key, result });
  return result;
}
