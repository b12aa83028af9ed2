/** A clean parsed runbook as plain JSON, and back: its frontmatter value, its place table and its compiled body. */
import type { Body } from '../compile/index.ts';
import type { SourceFile } from '../load.ts';
import type { ParsedRunbook } from '../parse.ts';
import { compactYaml, fromTable, type CompactYaml } from '../places.ts';

/** What is stored for one clean parse. */
export interface StoredParse {
  value: unknown;
  /** JSON text of the place table (src/places.ts). */
  places: string;
  body: Body;
}

/** True when a parse can be stored: readable frontmatter and no problem at all (problems are always recomputed). */
export function storable(parsed: ParsedRunbook): boolean {
  return parsed.frontmatter !== null && parsed.diagnostics.length === 0 && parsed.frontmatter.diagnostics.length === 0;
}

/** The JSON text stored for a clean parse. */
export function serializeParse(parsed: ParsedRunbook): string {
  const fm = parsed.frontmatter!;
  const places = 'table' in fm ? (fm as CompactYaml).table : compactYaml(fm).table;
  const stored: StoredParse = { value: fm.value, places, body: parsed.body };
  return JSON.stringify(stored);
}

/** Rebuilds the parsed runbook of `source` from its stored JSON text. */
export function deserializeParse(source: SourceFile, text: string): ParsedRunbook {
  const stored = JSON.parse(text) as StoredParse;
  return { source, frontmatter: fromTable(stored.value, stored.places), body: stored.body, diagnostics: [] };
}
