/**
 * Loads index files with injected classic <script> tags (JSONP): works from
 * file:// and under any sub-path, where fetch() and module scripts may not.
 */
import { GLOBAL, MANIFEST_PATH, rangeOf, type DocFile, type Manifest, type ShardFile } from '../src/search/protocol.ts';
import type { Store } from '../src/search/query.ts';

type Waiter = { resolve: (data: unknown) => void; reject: (error: Error) => void };

const waiting = new Map<string, Waiter>();
const loaded = new Map<string, Promise<unknown>>();

/** The global every index file calls; defined once, before the first script is injected. */
function registry(): void {
  const target = self as unknown as Record<string, unknown>;
  if (target[GLOBAL]) return;
  target[GLOBAL] = {
    load(key: string, data: unknown) {
      waiting.get(key)?.resolve(data);
      waiting.delete(key);
    },
  };
}

/** Injects `src` once and resolves with the data its script hands over under `key`. */
function script(key: string, src: string): Promise<unknown> {
  const known = loaded.get(key);
  if (known) return known;
  registry();
  const promise = new Promise<unknown>((resolve, reject) => {
    waiting.set(key, { resolve, reject });
    const tag = document.createElement('script');
    tag.src = src;
    tag.async = true;
    const fail = () => {
      tag.remove();
      if (!waiting.has(key)) return;
      waiting.delete(key);
      loaded.delete(key);
      reject(new Error(`the search index file ${src} did not load`));
    };
    tag.onerror = fail;
    tag.onload = fail;
    document.head.append(tag);
  });
  loaded.set(key, promise);
  return promise;
}

/** The site's search index, relative to `root` (the page's `data-root`). */
export async function openStore(root: string): Promise<Store> {
  const manifest = (await script('manifest', root + MANIFEST_PATH)) as Manifest;
  // Each file loads under its own name, which is a hash of its data (see src/search/protocol.ts).
  const file = (name: string) => script(name, `${root}search/${name}.js`);
  const vocab = new Map<number, Promise<string[]>>();
  return {
    manifest,
    vocab(i) {
      if (!vocab.has(i)) vocab.set(i, file(manifest.files.v[i]!).then((text) => (text as string).split(' ')));
      return vocab.get(i)!;
    },
    shard: (i) => file(manifest.files.s[i]!) as Promise<ShardFile>,
    doc: async (n) => {
      const group = rangeOf(manifest.groups, n);
      return ((await file(manifest.files.d[group]!)) as DocFile[])[n - manifest.groups[group]!]!;
    },
  };
}
