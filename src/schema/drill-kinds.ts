/** Drill kinds, fixed by the spec: a forced failure and the practice runs before a handover (own file: config.ts reads it too). */
export const DRILL_KINDS = ['failure', 'rerun', 'messy-input', 'weak-output', 'escalate'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];
