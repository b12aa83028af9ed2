/**
 * The one Diagnostic shape. Errors (the data is wrong) and gaps (the data is
 * valid but not ready for routine care) are both Diagnostics; every stage
 * collects them instead of throwing.
 */
import { compareText } from './order.ts';

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

function clean(d: Diagnostic): Diagnostic {
  d.message = oneLine(d.message);
  if (d.hint !== undefined) d.hint = oneLine(d.hint);
  if (d.field !== undefined) d.field = oneLine(d.field);
  return d;
}

/** Thrown only at a boundary for a problem the user caused (bad config, bad flag); the CLI prints it without a stack. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  constructor(message: string, diagnostics: Diagnostic[] = [], exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}

/** Orders diagnostics by file, line, column, then rule, so output is stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      compareText(a.workflow ?? '', b.workflow ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/** Formats a path with its place: `file:line:col`. */
export function location(d: Diagnostic): string {
  if (!d.file) return d.workflow ?? '';
  return d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
}
