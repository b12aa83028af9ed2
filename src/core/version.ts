import { readFileSync } from 'node:fs';

/** Handover's own version, from its package.json (two folders above src/core/ and lib/core/). */
export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
