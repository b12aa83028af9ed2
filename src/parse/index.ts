import { openParseCache, type CacheOption } from '../cache/index.ts';
import type { Config } from '../config.ts';
import type { Loaded } from '../load/index.ts';
import { parseMany } from './many.ts';
import type { ParsedRunbook } from './runbook.ts';
import { parseYaml, type YamlSource } from './yaml.ts';

export type { ParsedRunbook } from './runbook.ts';

/** What the parse stage gives the validate stage. */
export interface Parsed {
  /** Runbooks and guides, in the order loaded. */
  documents: ParsedRunbook[];
  /** people.yaml with its places; null when the folder has none. */
  people: YamlSource | null;
}

/**
 * The parse stage: every runbook and guide of `loaded` split into frontmatter with positions and a
 * compiled body (runbook.ts), and people.yaml read with its positions, reusing unchanged parses from the
 * content-hash cache when asked (`true`: the project's cache on disk, saved here; an open cache, e.g.
 * dev's, is saved by its owner).
 */
export async function parse(loaded: Loaded, option: CacheOption, root: string, config: Config): Promise<Parsed> {
  // Guides are Markdown with frontmatter too: parsed, cached and compiled the same way.
  const sources = loaded.files.filter((file) => file.kind === 'runbook' || file.kind === 'guide');
  const people = loaded.files.find((file) => file.kind === 'people');
  if (!option) return { documents: await parseMany(sources), people: people ? parseYaml(people.text, people.path) : null };
  if (option !== true) return { documents: await option.parse(sources), people: people ? option.yaml(people) : null };
  const cache = await openParseCache(root, config);
  const parsed: Parsed = { documents: await cache.parse(sources), people: people ? cache.yaml(people) : null };
  // A cache that cannot be written (a read-only project, a full disk) costs the next run time, not this one its result.
  await cache.save().catch(() => {});
  return parsed;
}
