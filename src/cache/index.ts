/**
 * Incremental builds: parses are cached by content hash under
 * `node_modules/.cache/handover`, keyed on Handover's version, code, templates,
 * theme and the resolved config, so a stale cache can never leak into a build.
 * A rename hits the cache (same text); an edit misses it; a deleted file's entry
 * is dropped at the next save.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Config } from '../config.ts';
import type { Loaded, SourceFile } from '../load/index.ts';
import type { ParsedRunbook } from '../parse/runbook.ts';
import { cacheDir, cacheKey, hashText } from './key.ts';
import { parseMany } from '../parse/many.ts';
import { deserializeYaml, serializeYaml, storable } from './serialize.ts';
import { parseYaml } from '../parse/yaml.ts';
import type { CompactYaml, YamlSource } from '../parse/places.ts';
import { openStore, type Store } from './store.ts';

export { cacheDir } from './key.ts';
export { openBuildRecord, type BuildRecord, type Output, type PreviousBuild } from './outputs.ts';

/** Cached parsing for one project. */
export interface ParseCache {
  /** Parses runbooks in order, reusing every parse whose text is unchanged. */
  parse(sources: SourceFile[]): Promise<ParsedRunbook[]>;
  /** Reads a YAML file (people.yaml) with its places, reusing the last reading of the same text. */
  yaml(source: SourceFile): YamlSource;
  /** Writes what the last parse used; entries no longer used are dropped. */
  save(): Promise<void>;
  /** Parses reused and parses done since opening. */
  readonly stats: { hits: number; misses: number };
}

export interface OpenCacheOptions {
  /** Keep parses in memory between calls too (a long-lived dev server). */
  memory?: boolean;
  /** Worker threads for parsing; default: `HANDOVER_WORKERS`, else none. */
  workers?: number;
}

/** Opens the parse cache of the project at `root` for `config`. */
export async function openParseCache(root: string, config: Config, options: OpenCacheOptions = {}): Promise<ParseCache> {
  const store = await openStore(cacheDir(root), 'parse', await cacheKey(config));
  return options.memory
    ? withMemory(store, options.workers)
    : { stats: store.stats, parse: (sources) => parseMany(sources, { store, workers: options.workers }), yaml: (source) => cachedYaml(store, source), save: () => store.save() };
}

/**
 * A YAML file through the store. people.yaml grows with the site (4,400 lines at 1,000 runbooks) and
 * reading it with places cost a warm `check` about 100 ms; its stored value and place table cost a tenth.
 * Files with problems are read again each time (their diagnostics are never stored).
 */
function cachedYaml(store: Store, source: SourceFile): YamlSource {
  // Its own key space: a runbook's entry is a whole parse, keyed on the text alone.
  const hash = hashText(`yaml\0${source.text}`);
  const hit = store.get(hash);
  const restored = hit === undefined ? null : deserializeYaml(hit);
  if (restored) {
    store.keep(hash, hit!);
    return restored;
  }
  const yaml = parseYaml(source.text, source.path);
  const stored = yaml.diagnostics.length === 0 && 'table' in yaml ? serializeYaml(yaml as CompactYaml) : null;
  if (stored !== null) store.keep(hash, stored);
  return yaml;
}

/**
 * Keeps the parsed objects of the last call; only changed texts go through the store.
 * Safe because later stages only read a parse (its body is strings and plain data; links are filled into copies).
 */
function withMemory(store: Store, workers?: number): ParseCache {
  let memory = new Map<string, ParsedRunbook>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    async parse(sources) {
      const next = new Map<string, ParsedRunbook>();
      const hashes = sources.map((source) => hashText(source.text));
      const results: (ParsedRunbook | undefined)[] = sources.map((source, i) => {
        const known = memory.get(hashes[i]!);
        // The very same object when nothing about the file changed, so later stages may memoize on it.
        return known && (known.source.path === source.path && known.source.abs === source.abs ? known : { ...known, source });
      });
      const missing = sources.filter((_, i) => !results[i]);
      const parsed = await parseMany(missing, { store, workers });
      let k = 0;
      sources.forEach((source, i) => {
        if (results[i]) {
          stats.hits++;
          // Keep the stored text alive in the store's current round too.
          const text = store.get(hashes[i]!);
          if (text !== undefined) store.keep(hashes[i]!, text);
        } else {
          stats.misses++;
          results[i] = parsed[k++]!;
        }
        if (storable(results[i]!)) next.set(hashes[i]!, results[i]!);
      });
      memory = next;
      return results as ParsedRunbook[];
    },
    yaml: (source) => cachedYaml(store, source),
    save: () => store.save(),
  };
}

/** The `cache` option of `check`: off, the project's cache on disk, or a cache kept open (dev). */
export type CacheOption = boolean | ParseCache | undefined;

/** A hash of every content file: each text, and each other file's path, size and modification time. */
export async function inputsHash(loaded: Loaded): Promise<string> {
  const hash = createHash('sha256');
  for (const file of loaded.files) {
    hash.update(`\0${file.kind}\0${file.path}\0`);
    if (file.kind !== 'asset') hash.update(file.text);
    else {
      const info = await stat(file.abs).catch(() => null);
      hash.update(`${info?.size}:${info?.mtimeMs}`);
    }
  }
  return hash.digest('hex');
}
