/** A clean parsed runbook as plain JSON, and back: its frontmatter value, its place table and its compiled body. */
import { z } from 'zod';
import type { Body } from '../compile/index.ts';
import type { SourceFile } from '../load/index.ts';
import type { ParsedRunbook } from '../parse/runbook.ts';
import { fromTable, type CompactYaml, type PlaceNode } from '../parse/places.ts';

/** What is stored for a clean YAML file (people.yaml): its value and its place table. */
export interface StoredYaml {
  value: unknown;
  places: string;
}

/** What is stored for one clean parse. */
export interface StoredParse {
  value: unknown;
  /** JSON text of the place table (src/places.ts). */
  places: string;
  body: Body;
}

const count = z.number().int().nonnegative();
/**
 * The stored shape, checked on every read: a damaged or foreign entry must be a cache miss, not a crash
 * in a later stage. Loose objects, so fields added to a Body later are kept, not stripped.
 */
const storedSchema = z.object({
  // Any YAML value; only a missing one is damage.
  value: z.custom((value) => value !== undefined),
  places: z.string(),
  body: z.looseObject({
    html: z.string(),
    slots: z.array(z.looseObject({ url: z.string(), image: z.boolean(), title: z.string().optional(), alt: z.string().optional() })),
    sections: z.array(z.looseObject({ heading: z.string(), slug: z.string(), line: count, empty: z.boolean() })),
    anchors: z.array(z.string()),
    links: z.array(z.looseObject({ url: z.string(), line: count, column: count, image: z.boolean() })),
    text: z.string(),
    endLine: count,
  }),
});

/** True when a parse can be stored: readable frontmatter and no problem at all (problems are always recomputed). */
export function storable(parsed: ParsedRunbook): boolean {
  return parsed.frontmatter !== null && parsed.diagnostics.length === 0 && parsed.frontmatter.diagnostics.length === 0;
}

/** The JSON text stored for a clean parse. */
export function serializeParse(parsed: ParsedRunbook): string {
  const fm = parsed.frontmatter!;
  // A clean parse's frontmatter always answers from its place table (yaml.ts).
  const places = (fm as CompactYaml).table;
  const stored: StoredParse = { value: fm.value, places, body: parsed.body };
  return JSON.stringify(stored);
}

/** Rebuilds the parsed runbook of `source` from its stored JSON text; null when the text is not a stored parse (a damaged cache). */
export function deserializeParse(source: SourceFile, text: string): ParsedRunbook | null {
  let stored: StoredParse;
  try {
    const checked = storedSchema.safeParse(JSON.parse(text));
    if (!checked.success || !isPlaceTable(JSON.parse(checked.data.places))) return null;
    stored = checked.data as StoredParse;
  } catch {
    return null;
  }
  return { source, frontmatter: fromTable(stored.value, stored.places), body: stored.body, diagnostics: [] };
}

const storedYamlSchema = z.object({ value: z.custom((value) => value !== undefined), places: z.string() });

/** Thrown from inside JSON.stringify: a value JSON cannot hold (`.inf`, `.nan`) is not stored. */
const NOT_JSON = new Error('not JSON');

/** The JSON text stored for a clean YAML file, or null when JSON would change its value (an infinite number). */
export function serializeYaml(yaml: CompactYaml): string | null {
  try {
    const value = JSON.stringify(yaml.value, (_key, item: unknown) => {
      if (typeof item === 'number' && !Number.isFinite(item)) throw NOT_JSON;
      return item;
    });
    return `{"value":${value},"places":${JSON.stringify(yaml.table)}}`;
  } catch (cause) {
    if (cause === NOT_JSON) return null;
    throw cause;
  }
}

/** The YAML source stored as `text`; null when the text is not one (a damaged cache). */
export function deserializeYaml(text: string): CompactYaml | null {
  try {
    const checked = storedYamlSchema.safeParse(JSON.parse(text));
    if (!checked.success || !isPlaceTable(JSON.parse(checked.data.places))) return null;
    return fromTable(checked.data.value, checked.data.places);
  } catch {
    return null;
  }
}

const isPair = (pair: unknown) => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]) && Number.isInteger(pair[1]);

/** Whether `root` is a place table all the way down (iterative: a damaged table may be deep). */
function isPlaceTable(root: unknown): root is PlaceNode {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Partial<PlaceNode> | null;
    if (typeof node !== 'object' || node === null || !isPair(node.p) || (node.k !== undefined && !isPair(node.k)) || (node.h !== 0 && node.h !== 1)) return false;
    if (node.c !== undefined) {
      if (typeof node.c !== 'object' || node.c === null) return false;
      for (const child of Object.values(node.c)) stack.push(child);
    }
  }
  return true;
}
