/**
 * The one comparison for text that decides output order. `localeCompare` follows the locale of the
 * process (`LANG=da_DK.UTF-8` sorts "aa-" after "zz-"), and output must depend only on content,
 * config and `--now`; so text is compared by UTF-16 code units, the same everywhere.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Display order of statuses: the ones people depend on first. */
export const STATUS_ORDER = ['production', 'pilot', 'experiment', 'paused', 'retired'] as const;
