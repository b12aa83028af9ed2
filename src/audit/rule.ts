import { gap, type Diagnostic } from '../diagnostic.ts';
import type { Facts, WorkflowFacts } from '../facts/index.ts';
import type { Site } from '../site.ts';
import { fieldPath } from '../diagnostic.ts';

/** What every check may read besides the workflow's own facts. */
export interface AuditContext {
  site: Site;
  facts: Facts;
  now: string;
}

/** Makes a gap of the check's own rule at a frontmatter field (or at `line` of the body). */
export type At = (message: string, path: (string | number)[], options?: { line?: number; key?: boolean }) => Diagnostic;

/** One gap rule: its permanent id, how people read it, and its check. */
export interface GapRule {
  /** Stable id (the spec's "Finding ids"); tools and CI depend on it. */
  id: string;
  /** Gaps never stop a build; `check --strict` fails on them. */
  severity: 'gap';
  /** Plain-language name, as the report groups by it. */
  title: string;
  /** What to do about it, in one sentence. */
  todo: string;
  /** Gaps of one workflow. */
  check: (facts: WorkflowFacts, at: At, ctx: AuditContext) => Diagnostic[];
}

/** `at` for one rule and workflow: the field path as the JSON shows it, its place in the file. */
export function locator(rule: string, facts: WorkflowFacts): At {
  const { workflow } = facts;
  return (message, path, options = {}) =>
    gap(rule, message, {
      workflow: workflow.id,
      file: workflow.file,
      field: fieldPath(path),
      ...(options.line ? { line: options.line, column: 1 } : workflow.place(path, { key: options.key })),
    });
}
