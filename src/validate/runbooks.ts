import type { Derived } from '../cache/derived.ts';
import type { Config } from '../config.ts';
import { error, type Diagnostic } from '../diagnostic.ts';
import type { ParsedRunbook } from '../parse/runbook.ts';
import { runbookSchema, type Frontmatter } from '../schema/runbook.ts';
import type { Outline } from '../site.ts';
import { outline } from './sections.ts';
import { validateDocument, type Validated } from '../schema/explain.ts';

/** A parsed runbook whose frontmatter matches the schema, with its sections matched to the config. */
export interface ValidRunbook {
  parsed: ParsedRunbook;
  fm: Frontmatter;
  outline: Outline;
}

/** What one parse yields: its frontmatter checked against the schema, and its sections. */
type Checked = { result: Validated<Frontmatter>; outline: Outline };

/**
 * Validates each runbook's frontmatter and matches its sections; one whose frontmatter or body
 * could not be read never becomes a workflow. `memo` (dev) keeps the work done for an unchanged parse;
 * `derived` (a build's cache) keeps a clean frontmatter as the schema read it, by the file's text.
 */
export function validateRunbooks(
  config: Config,
  parsed: ParsedRunbook[],
  memo?: WeakMap<object, { key: string; value: unknown }>,
  derived?: Derived,
): { runbooks: ValidRunbook[]; diagnostics: Diagnostic[] } {
  const schema = runbookSchema(config);
  const key = JSON.stringify([config.roles, config.sections]);
  const diagnostics: Diagnostic[] = [...caseClashes(parsed)];
  const runbooks: ValidRunbook[] = [];
  for (const runbook of parsed) {
    diagnostics.push(...runbook.diagnostics);
    if (!runbook.frontmatter) continue;
    const known = memo?.get(runbook);
    let checked = known?.key === key ? (known.value as Checked) : undefined;
    if (!checked) {
      checked = { result: frontmatterOf(runbook, schema, derived), outline: outline(runbook.body, config) };
      memo?.set(runbook, { key, value: checked });
    }
    diagnostics.push(...checked.result.diagnostics);
    if (checked.result.ok && runbook.diagnostics.length === 0) runbooks.push({ parsed: runbook, fm: checked.result.data, outline: checked.outline });
  }
  return { runbooks, diagnostics };
}

/** The frontmatter checked against the schema, or as the schema read it last time for the same text (the cache key holds the config). */
function frontmatterOf(runbook: ParsedRunbook, schema: ReturnType<typeof runbookSchema>, derived?: Derived): Validated<Frontmatter> {
  const known = runbook.diagnostics.length === 0 ? (derived?.get('frontmatter', runbook.source.text) as Frontmatter | undefined) : undefined;
  if (known !== undefined) return { ok: true, data: known, diagnostics: [] };
  const result = validateDocument(schema, runbook.frontmatter!, runbook.source.path);
  if (result.ok && result.diagnostics.length === 0 && runbook.diagnostics.length === 0) derived?.keep('frontmatter', runbook.source.text, result.data);
  return result;
}

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
