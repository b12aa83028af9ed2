import pc from 'picocolors';
import { location, type Diagnostic } from './diagnostic.ts';
import type { Facts } from './facts/index.ts';
import { readinessJson } from './facts/readiness.ts';

export type Format = 'text' | 'json' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'github'];

export interface Summary {
  files: number;
  ms: number;
}

/**
 * The spec's JSON shape, `{ errors: [...], gaps: [...] }`. Every entry has every key, in the spec's order,
 * with null where a finding has no such detail, so tools can read the fields without guessing.
 */
export function toJson(errors: Diagnostic[], gaps: Diagnostic[], facts?: Facts): string {
  const or = <T>(value: T | undefined) => value ?? null;
  const error = (d: Diagnostic) => ({ file: or(d.file), line: or(d.line), column: or(d.column), field: or(d.field), rule: d.rule, message: d.message, hint: or(d.hint) });
  const gap = (d: Diagnostic) => ({ workflow: or(d.workflow), rule: d.rule, message: d.message, field: or(d.field), file: or(d.file), line: or(d.line), column: or(d.column) });
  // Beside the spec's two keys: each workflow's readiness checklist, and why change facts are missing (once).
  const extra = facts
    ? {
        readiness: [...facts.workflows.values()].map((w) => ({ workflow: w.workflow.id, ...readinessJson(w.readiness) })),
        notes: facts.history.note ? [facts.history.note] : [],
      }
    : {};
  return JSON.stringify({ errors: errors.map(error), gaps: gaps.map(gap), ...extra }, null, 2);
}

/** GitHub Actions workflow commands: errors as ::error, gaps as ::warning, placed on the file and line. */
export function toGithub(errors: Diagnostic[], gaps: Diagnostic[], notes: string[] = []): string {
  return [...notes.map((note) => `::notice title=history::${escapeData(note)}`), ...[...errors, ...gaps]
    .map((d) => {
      const props = [
        d.file && `file=${escapeProperty(d.file)}`,
        d.line && `line=${d.line}`,
        d.column && `col=${d.column}`,
        `title=${escapeProperty(d.rule)}`,
      ].filter(Boolean);
      const text = [d.field && `${d.field}: `, d.message, d.hint && ` (${d.hint})`].filter(Boolean).join('');
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}`;
    })]
    .join('\n');
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Human text, grouped by file. Each finding is one line in the spec's form,
 * `path:line:col  field.path  message  (hint)`, then its severity and rule id; a summary line ends the output.
 */
export function toText(errors: Diagnostic[], gaps: Diagnostic[], summary: Summary, color = false, notes: string[] = []): string {
  const c = color ? pc : pc.createColors(false);
  const groups = new Map<string, Diagnostic[]>();
  for (const d of [...errors, ...gaps]) {
    const key = d.file ?? d.workflow ?? '';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const blocks = [...groups.entries()].map(([file, list]) => {
    const lines = [c.underline(c.bold(file))];
    for (const d of list) {
      const tag = d.severity === 'error' ? c.red(`error ${d.rule}`) : c.yellow(`gap ${d.rule}`);
      const parts = [c.dim(location(d)), d.field && c.cyan(d.field), d.message, d.hint && c.dim(`(${d.hint})`), tag].filter(Boolean);
      lines.push(`  ${parts.join('  ')}`);
    }
    return lines.join('\n');
  });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const line = [
    plural(summary.files, 'file'),
    errors.length ? c.red(plural(errors.length, 'error')) : c.green('0 errors'),
    gaps.length ? c.yellow(plural(gaps.length, 'gap')) : '0 gaps',
    `${summary.ms} ms`,
  ].join(' · ');
  return [...blocks, ...notes.map((note) => c.dim(`note: ${note}`)), line].join('\n\n');
}
