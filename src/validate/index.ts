import type { Derived } from '../cache/derived.ts';
import type { Config } from '../config.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { Loaded, SourceFile } from '../load/index.ts';
import type { PipelineMemo } from '../memo.ts';
import type { Parsed } from '../parse/index.ts';
import { validateGuides, type ValidGuide } from './guides.ts';
import { validatePeople, type People } from './people.ts';
import { validateRunbooks, type ValidRunbook } from './runbooks.ts';

/** The validate stage's output: each document checked against its schema, on its own. */
export interface Validated {
  people: People;
  runbooks: ValidRunbook[];
  guides: ValidGuide[];
  diagnostics: Diagnostic[];
}

/** Parsed files -> valid data, or Diagnostics with real line:col: people.yaml, then each runbook, then each guide. */
export function validate(config: Config, loaded: Loaded, parsed: Parsed, memo?: PipelineMemo, derived?: Derived): Validated {
  const source = loaded.files.find((file) => file.kind === 'people');
  let people: People;
  if (memo && source && memo.people?.path === source.path && memo.people.text === source.text) people = memo.people.value as People;
  else {
    people = peopleOf(source, parsed.people, derived);
    if (memo && source) memo.people = { path: source.path, text: source.text, value: people };
  }
  const runbooks = validateRunbooks(config, parsed.documents.filter((p) => p.source.kind === 'runbook'), memo?.runbooks, derived);
  const guides = validateGuides(config, parsed.documents.filter((p) => p.source.kind === 'guide'));
  return {
    people,
    runbooks: runbooks.runbooks,
    guides: guides.guides,
    diagnostics: [...loaded.diagnostics, ...people.diagnostics, ...runbooks.diagnostics, ...guides.diagnostics],
  };
}

/** people.yaml validated, or its people and teams as they were validated last time from the same text (a clean file only). */
function peopleOf(source: SourceFile | undefined, read: Parsed['people'], derived?: Derived): People {
  const known = source && read && read.diagnostics.length === 0 ? (derived?.get('people', source.text) as Pick<People, 'people' | 'teams'> | undefined) : undefined;
  if (known !== undefined) return { people: known.people, teams: known.teams, ok: true, diagnostics: [] };
  const people = validatePeople(source, read);
  if (source && people.ok && people.diagnostics.length === 0) derived?.keep('people', source.text, { people: people.people, teams: people.teams });
  return people;
}
