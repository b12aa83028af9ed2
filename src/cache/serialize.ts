/** A clean parsed runbook as plain JSON, and back: its frontmatter value, its place table and its compiled body. */
import { hash } from 'node:crypto';
import type { Body } from '../compile/index.ts';
import type { SourceFile } from '../load/index.ts';
import type { ParsedRunbook } from '../parse/runbook.ts';
import { fromTable, type CompactYaml } from '../parse/places.ts';

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

/**
 * Every entry is sealed with a hash of its JSON text. The pack's name holds the hash of Handover's code and
 * config (key.ts), so an intact entry was written by this very code, in this shape; a damaged one (torn,
 * cut short, edited, another tool's) fails the seal and is a cache miss, never a crash in a later stage.
 * Checking the bytes costs a tenth of checking the shape field by field (a zod schema and a walk of the
 * place table: about 70 ms per 1,000 runbooks on every warm build).
 */
const SEAL = 27;

export function seal(json: string): string {
  return hash('sha1', json, 'base64url') + json;
}

/** The value of a sealed entry; null when the seal does not match (a damaged or foreign entry). */
export function unseal(text: string): unknown {
  if (text.length <= SEAL) return null;
  const json = text.slice(SEAL);
  if (hash('sha1', json, 'base64url') !== text.slice(0, SEAL)) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

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
  return seal(JSON.stringify(stored));
}

/** Rebuilds the parsed runbook of `source` from its stored JSON text; null when the text is not a stored parse (a damaged cache). */
export function deserializeParse(source: SourceFile, text: string): ParsedRunbook | null {
  const stored = unseal(text) as StoredParse | null;
  if (stored === null || typeof stored !== 'object') return null;
  return { source, frontmatter: fromTable(stored.value, stored.places), body: stored.body, diagnostics: [] };
}

/** Thrown from inside JSON.stringify: a value JSON would not give back as it is. */
const NOT_JSON = new Error('not JSON');

/**
 * `value` as JSON text, or null when JSON.parse would not give it back as it is: an infinite number
 * (YAML's `.inf`, `.nan`) would come back as null, a field holding undefined would come back absent.
 */
export function exactJson(value: unknown): string | null {
  try {
    return JSON.stringify(value, (_key, item: unknown) => {
      if (item === undefined || (typeof item === 'number' && !Number.isFinite(item))) throw NOT_JSON;
      return item;
    });
  } catch (cause) {
    if (cause === NOT_JSON) return null;
    throw cause;
  }
}

/** The JSON text stored for a clean YAML file, or null when JSON would change its value (an infinite number). */
export function serializeYaml(yaml: CompactYaml): string | null {
  const value = exactJson(yaml.value);
  return value === null ? null : seal(`{"value":${value},"places":${JSON.stringify(yaml.table)}}`);
}

/** The YAML source stored as `text`; null when the text is not one (a damaged cache). */
export function deserializeYaml(text: string): CompactYaml | null {
  const stored = unseal(text) as StoredYaml | null;
  if (stored === null || typeof stored !== 'object') return null;
  return fromTable(stored.value, stored.places);
}
