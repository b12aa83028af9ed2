import { byText } from './core/order.ts';
/**
 * The one Diagnostic shape. Errors (the data is wrong) and gaps (the data is
 * valid but not ready for routine care) are both Diagnostics; every stage
 * collects them instead of throwing.
 */

export type Severity = 'error' | 'gap';

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id (see the spec); tools and CI depend on it. */
  rule: string;
  /** What happened and what to do. */
  message: string;
  /** File path relative to the working directory, with forward slashes. */
  file?: string;
  /** 1-based line of the offending node. */
  line?: number;
  /** 1-based column of the offending node. */
  column?: number;
  /** Dotted field path, e.g. `owners.maintainer.primary` or `metrics[0].kind`. */
  field?: string;
  /** A suggestion, e.g. `did you mean 'ivan'?`. */
  hint?: string;
  /** Runbook id, for gaps. */
  workflow?: string;
  /** Guide id, for a guide's gaps (then `workflow` is absent). */
  guide?: string;
}

export interface Place {
  line: number;
  column: number;
}

/** Builds an error diagnostic. */
export function error(rule: string, message: string, rest: Partial<Diagnostic> = {}): Diagnostic {
  return clean({ severity: 'error', rule, message, ...rest });
}

/** Builds a gap diagnostic. */
export function gap(rule: string, message: string, rest: Partial<Diagnostic> = {}): Diagnostic {
  return clean({ severity: 'gap', rule, message, ...rest });
}

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Messages quote user text (values, keys, names). A line break would split a finding over two lines,
 * and an escape character would reach the terminal, so both are shown escaped instead.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Like `oneLine`, but keeps line breaks: for a usage message that is meant to span lines. */
export function noControls(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => oneLine(ch));
}

/** File names are user text too: `esc\u001b[2J.md` must not clear the terminal it is printed on. */
function clean(d: Diagnostic): Diagnostic {
  d.message = oneLine(d.message);
  if (d.file !== undefined) d.file = oneLine(d.file);
  if (d.workflow !== undefined) d.workflow = oneLine(d.workflow);
  if (d.guide !== undefined) d.guide = oneLine(d.guide);
  if (d.hint !== undefined) d.hint = oneLine(d.hint);
  if (d.field !== undefined) d.field = oneLine(d.field);
  return d;
}

/** Thrown only at a boundary for a problem the user caused (bad config, bad flag); the CLI prints it without a stack. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  constructor(message: string, diagnostics: Diagnostic[] = [], exitCode = 2) {
    super(noControls(message));
    this.name = 'UserError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}

/** Orders diagnostics by file, line, column, then rule, so output is stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      byText(a.file ?? '', b.file ?? '') ||
      byText(a.workflow ?? a.guide ?? '', b.workflow ?? b.guide ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      byText(a.rule, b.rule) ||
      byText(a.message, b.message),
  );
}

/** `owners.maintainer.primary`, `metrics[0].kind`: a field path as findings show it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/** Formats a path with its place: `file:line:col`. */
export function location(d: Diagnostic): string {
  if (!d.file) return d.workflow ?? '';
  return d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
}
