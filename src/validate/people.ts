import { error, fieldPath, type Diagnostic } from '../diagnostic.ts';
import type { SourceFile } from '../load/index.ts';
import { peopleFileSchema, type Person, type Team } from '../schema/people.ts';
import { knownIds, suggestId } from '../core/suggest.ts';
import type { YamlSource } from '../parse/yaml.ts';
import { validateDocument } from '../schema/explain.ts';

/** people.yaml, valid or not: `ok` false means its own errors say enough, and ids cannot be checked against it. */
export interface People {
  people: Person[];
  teams: Team[];
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** Validates people.yaml, as the parse stage read it: the schema, unique ids, and ids it uses of itself. */
export function validatePeople(source: SourceFile | undefined, read: YamlSource | null): People {
  if (!source || !read) return { people: [], teams: [], ok: false, diagnostics: [] };
  const yaml = read;
  const result = validateDocument(peopleFileSchema, yaml, source.path);
  if (!result.ok) return { people: [], teams: [], ok: false, diagnostics: result.diagnostics };
  const { people, teams } = result.data;
  const diagnostics: Diagnostic[] = [];
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
    error(rule, `no ${what} has the id "${id}"; fix the id or add the ${what}`, { file: source.path, ...yaml.place(path), field: fieldPath(path), hint: suggestId(id, [...known]) ?? knownIds(what, [...known]) });
  people.forEach((person, i) => {
    if (person.team && !teamIds.has(person.team)) diagnostics.push(unknown('unknown-team', 'team', person.team, ['people', i, 'team'], teamIds));
  });
  teams.forEach((team, i) => {
    if (team.lead && !personIds.has(team.lead)) diagnostics.push(unknown('unknown-person', 'person', team.lead, ['teams', i, 'lead'], personIds));
  });
  return { people, teams, ok: true, diagnostics };
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
