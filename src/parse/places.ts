/**
 * Where each field of a YAML document is: a table over every path of its value, made in one walk of
 * the document (yaml.ts), so the document itself is never kept. `place` and `has` are answered from
 * it, for fresh parses and cached ones alike. The table is kept as JSON text (it is what the parse
 * cache stores) and read only when a place is asked for, which is only when a problem is reported:
 * as objects it took about 17 KB a runbook, as text about 3 KB. A path that is not in the value
 * answers with its deepest recorded ancestor.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic, Place } from '../diagnostic.ts';

export type Path = readonly PropertyKey[];

/** YAML parsed with positions, so any field path maps back to a line and column. */
export interface YamlSource {
  /** Plain data; undefined when the YAML is broken. */
  value: unknown;
  /** Where the node at `path` starts; `key: true` points at the key of a map entry. */
  place(path: Path, options?: { key?: boolean }): Place;
  /** Whether a node exists at `path`. */
  has(path: Path): boolean;
  diagnostics: Diagnostic[];
}

/** One node of the table: its place, its key's place, whether the document has it, its children. */
export interface PlaceNode {
  p: [number, number];
  k?: [number, number];
  h: 0 | 1;
  c?: PlaceNode[] | Record<string, PlaceNode>;
}

/** A YAML source answered from a place table; `table` (JSON text of a PlaceNode) is what to store. */
export interface CompactYaml extends YamlSource {
  table: string;
}

const pair = (place: Place): [number, number] => [place.line, place.column];

/**
 * The table of `value` (the data of `node`): each path's node place, its key's place where that
 * differs, and whether the document has it. A map entry with no value is placed at its key; a path
 * the document does not have (through an alias) is placed at its deepest ancestor that it does.
 */
export function placeTable(node: Node | null | undefined, value: unknown, at: (offset: number) => Place, fallback: Place, key: Node | null = null): PlaceNode {
  const target = node ?? key;
  const here = target?.range ? at(target.range[0]) : fallback;
  const out: PlaceNode = { p: pair(here), h: 1 };
  const keyPlace = key?.range ? at(key.range[0]) : null;
  if (keyPlace && (keyPlace.line !== here.line || keyPlace.column !== here.column)) out.k = pair(keyPlace);
  if (Array.isArray(value)) {
    const items = isSeq(node) ? node.items : [];
    out.c = value.map((item, i) => (items[i] ? placeTable(items[i] as Node, item, at, here) : absent(item, here)));
  } else if (value !== null && typeof value === 'object') {
    const pairs = new Map<string, { key: Node; value: Node | null }>();
    if (isMap(node))
      for (const entry of node.items) if (isScalar(entry.key) && !pairs.has(String(entry.key.value))) pairs.set(String(entry.key.value), { key: entry.key, value: (entry.value as Node | null) ?? null });
    out.c = Object.fromEntries(
      Object.entries(value).map(([name, item]) => {
        const entry = pairs.get(name);
        return [name, entry ? placeTable(entry.value, item, at, here, entry.key) : absent(item, here)];
      }),
    );
  }
  return out;
}

/** A part of the value the document does not hold as nodes: every path in it is placed at `place`. */
function absent(value: unknown, place: Place): PlaceNode {
  const out: PlaceNode = { p: pair(place), h: 0 };
  if (Array.isArray(value)) out.c = value.map((item) => absent(item, place));
  else if (value !== null && typeof value === 'object') out.c = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, absent(item, place)]));
  return out;
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

/** A YAML source for `value` answered from its stored table. */
export function fromTable(value: unknown, table: string): CompactYaml {
  const at = ([line, column]: [number, number]): Place => ({ line, column });
  // Read once per task at most (the audit asks for many places in a row), and let go at the next GC.
  let parsed: WeakRef<PlaceNode> | undefined;
  const root = () => {
    const known = parsed?.deref();
    if (known) return known;
    const node = JSON.parse(table) as PlaceNode;
    parsed = new WeakRef(node);
    return node;
  };
  return {
    value,
    table,
    diagnostics: [],
    has: (path) => {
      const { node, exact } = walk(root(), path);
      return exact && node.h === 1;
    },
    place: (path, options = {}) => {
      const { node, exact } = walk(root(), path);
      return at(options.key && exact && node.k ? node.k : node.p);
    },
  };
}
