/** Compares strings by code unit, the same on every machine, so output order never depends on the locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Display order of statuses: the ones people depend on first. */
export const STATUS_ORDER = ['production', 'pilot', 'experiment', 'paused', 'retired'] as const;
