/**
 * A parsed runbook as plain JSON, and back. The frontmatter's `place` and `has`
 * are closures over the YAML document, so they are recorded as a table over every
 * path of the frontmatter's value; a path that is not in the value answers with
 * its deepest recorded ancestor, which is what the document walk does.
 */
import type { Root } from 'mdast';
import type { Place } from '../diagnostic.ts';
import type { SourceFile } from '../load.ts';
import type { ParsedRunbook } from '../parse.ts';
import type { Path, YamlSource } from '../yaml.ts';

/** One node of the place table: its place, its key's place, whether the document has it, its children. */
interface PlaceNode {
  p: [number, number];
  k?: [number, number];
  h: 0 | 1;
  c?: PlaceNode[] | Record<string, PlaceNode>;
}

/** What is stored for one clean parse. */
export interface StoredParse {
  value: unknown;
  places: PlaceNode;
  tree: Root;
}

const pair = (place: Place): [number, number] => [place.line, place.column];

function record(source: YamlSource, value: unknown, path: PropertyKey[]): PlaceNode {
  const node: PlaceNode = { p: pair(source.place(path)), h: source.has(path) ? 1 : 0 };
  const key = source.place(path, { key: true });
  if (key.line !== node.p[0] || key.column !== node.p[1]) node.k = pair(key);
  if (Array.isArray(value)) node.c = value.map((item, i) => record(source, item, [...path, i]));
  else if (value !== null && typeof value === 'object')
    node.c = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, record(source, item, [...path, name])]));
  return node;
}

/** True when a parse can be stored: readable frontmatter and no problem at all (problems are always recomputed). */
export function storable(parsed: ParsedRunbook): boolean {
  return parsed.frontmatter !== null && parsed.diagnostics.length === 0 && parsed.frontmatter.diagnostics.length === 0;
}

/** The JSON text stored for a clean parse. */
export function serializeParse(parsed: ParsedRunbook): string {
  const fm = parsed.frontmatter!;
  const stored: StoredParse = { value: fm.value, places: record(fm, fm.value, []), tree: parsed.tree };
  return JSON.stringify(stored);
}

function walk(root: PlaceNode, path: Path): { node: PlaceNode; exact: boolean } {
  let node = root;
  for (const segment of path) {
    const children = node.c;
    let next: PlaceNode | undefined;
    if (Array.isArray(children)) next = typeof segment === 'number' ? children[segment] : undefined;
    else if (children && Object.hasOwn(children, String(segment))) next = children[String(segment)];
    if (!next) return { node, exact: false };
    node = next;
  }
  return { node, exact: true };
}

/** Rebuilds the parsed runbook of `source` from its stored JSON text. */
export function deserializeParse(source: SourceFile, text: string): ParsedRunbook {
  const stored = JSON.parse(text) as StoredParse;
  const at = ([line, column]: [number, number]): Place => ({ line, column });
  const frontmatter: YamlSource = {
    value: stored.value,
    diagnostics: [],
    has: (path) => {
      const { node, exact } = walk(stored.places, path);
      return exact && node.h === 1;
    },
    place: (path, options = {}) => {
      const { node, exact } = walk(stored.places, path);
      return at(options.key && exact && node.k ? node.k : node.p);
    },
  };
  return { source, frontmatter, tree: stored.tree, diagnostics: [] };
}
