/**
 * A compact stand-in for a parsed YAML document: `place` and `has` answered from a table over
 * every path of the value, not from the document. The table is kept as JSON text (it is what the
 * parse cache stores) and read only when a place is asked for, which is only when a problem is
 * reported: as objects it took about 17 KB a runbook, as text about 3 KB. A path that is not in
 * the value answers with its deepest recorded ancestor, as the document walk does.
 */
import type { Place } from '../diagnostic.ts';
import type { Path, YamlSource } from './yaml.ts';

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

function record(source: YamlSource, value: unknown, path: PropertyKey[]): PlaceNode {
  const node: PlaceNode = { p: pair(source.place(path)), h: source.has(path) ? 1 : 0 };
  const key = source.place(path, { key: true });
  if (key.line !== node.p[0] || key.column !== node.p[1]) node.k = pair(key);
  if (Array.isArray(value)) node.c = value.map((item, i) => record(source, item, [...path, i]));
  else if (value !== null && typeof value === 'object')
    node.c = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, record(source, item, [...path, name])]));
  return node;
}

/** The same answers as `source` (which must have no diagnostics), without holding its document. */
export function compactYaml(source: YamlSource): CompactYaml {
  return fromTable(source.value, JSON.stringify(record(source, source.value, [])));
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
