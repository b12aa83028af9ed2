/**
 * The index read in Node, the way a browser reads it: each file is run as a
 * script that calls `self.__handoverSearch.load`. For tests and the benchmark.
 */
import vm from 'node:vm';
import { GLOBAL, MANIFEST_PATH, rangeOf, type DocFile, type Manifest, type ShardFile } from './protocol.ts';
import type { Store } from './query.ts';

/** A Store over files read by `read(path from the site root)`; `onLoad` hears each path the first time it is loaded. */
export function nodeStore(read: (path: string) => string | undefined, onLoad: (path: string) => void = () => {}): Store {
  const cache = new Map<string, unknown>();
  const load = (path: string): unknown => {
    if (cache.has(path)) return cache.get(path);
    const text = read(path);
    if (text === undefined) throw new Error(`search index file missing: ${path}`);
    let data: unknown;
    const context = vm.createContext({ self: { [GLOBAL]: { load: (_key: string, value: unknown) => (data = value) } } });
    vm.runInContext(text, context);
    cache.set(path, data);
    onLoad(path);
    return data;
  };
  const manifest = load(MANIFEST_PATH) as Manifest;
  const file = (name: string) => load(`search/${name}.js`);
  const vocab = new Map<number, string[]>();
  return {
    manifest,
    async vocab(i) {
      if (!vocab.has(i)) vocab.set(i, (file(manifest.files.v[i]!) as string).split(' '));
      return vocab.get(i)!;
    },
    shard: async (i) => file(manifest.files.s[i]!) as ShardFile,
    doc: async (n) => {
      const group = rangeOf(manifest.groups, n);
      return (file(manifest.files.d[group]!) as DocFile[])[n - manifest.groups[group]!]!;
    },
  };
}
