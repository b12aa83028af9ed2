import type { Reads } from './load/index.ts';
import type { Observation } from './schema/metrics.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { GitHistory } from './facts/history.ts';

/**
 * What `handover dev` keeps from one check to the next, so an edit redoes only what it touched:
 * files unchanged on disk are not read again, unchanged parses are not validated again, an unchanged
 * people.yaml or metrics CSV is not read again. One object, created and owned by `dev/`; a build
 * or a check starts without one. Keys are the objects the earlier stage hands back unchanged.
 */
export interface PipelineMemo {
  /** Files read by the last check (see `Reads` in load.ts). */
  reads: Reads;
  /** Validation and sections of a parse, with the config key they were made under. */
  runbooks: WeakMap<object, { key: string; value: unknown }>;
  /** The last people.yaml read, by path and text. */
  people?: { path: string; text: string; value: unknown };
  /** Each metrics CSV read, by file object and the metric names it was read for. */
  observations: WeakMap<object, { names: string; value: { observations: Observation[]; diagnostics: Diagnostic[] } }>;
  /** The content folder's git history, by the commit it was read at. */
  history?: { head: string; value: GitHistory };
}

/** A fresh memo for a long-lived dev server. */
export function createMemo(): PipelineMemo {
  return { reads: new Map(), runbooks: new WeakMap(), observations: new WeakMap() };
}
