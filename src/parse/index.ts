import { openParseCache, type CacheOption } from '../cache/index.ts';
import type { Config } from '../config.ts';
import type { Loaded } from '../load/index.ts';
import { parseMany } from './many.ts';
import type { ParsedRunbook } from './runbook.ts';

export type { ParsedRunbook } from './runbook.ts';

/**
 * The parse stage: every runbook and guide of `loaded` split into frontmatter with positions and a
 * compiled body (runbook.ts), reusing unchanged parses from the content-hash cache when asked
 * (`true`: the project's cache on disk, saved here; an open cache, e.g. dev's, is saved by its owner).
 */
export async function parse(loaded: Loaded, option: CacheOption, root: string, config: Config): Promise<ParsedRunbook[]> {
  // Guides are Markdown with frontmatter too: parsed, cached and compiled the same way.
  const sources = loaded.files.filter((file) => file.kind === 'runbook' || file.kind === 'guide');
  if (!option) return parseMany(sources);
  if (option !== true) return option.parse(sources);
  const cache = await openParseCache(root, config);
  const parsed = await cache.parse(sources);
  // A cache that cannot be written (a read-only project, a full disk) costs the next run time, not this one its result.
  await cache.save().catch(() => {});
  return parsed;
}
