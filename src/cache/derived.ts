/**
 * Values that later stages make from one file's text and that a build would otherwise make again on
 * every run: a runbook's frontmatter as its schema reads it (zod, about 50 ms per 1,000 runbooks), a
 * metrics CSV's observations (csv-parse and a schema per row, about 40 ms per 200 files), and people.yaml's
 * people and teams (its schema, and the ICU start of the first time-zone check). Stored in their
 * own pack beside the parses, under the same key (Handover's code and the resolved config), by a hash of
 * what they are made from; each entry is sealed like a parse (serialize.ts). Only clean values are kept:
 * anything with a problem is made again, so its diagnostics are always fresh.
 */
import type { Config } from '../config.ts';
import { cacheDir, cacheKey, hashText } from './key.ts';
import { exactJson, seal, unseal } from './serialize.ts';
import { openStore, type Store } from './store.ts';

/** Derived values by kind and source text. */
export interface Derived {
  /** The value made from `from` by `kind`, or undefined. */
  get(kind: string, from: string): unknown;
  /** Keeps `value` for the next run, unless JSON would not give it back as it is. */
  keep(kind: string, from: string, value: unknown): void;
  save(): Promise<void>;
}

/** Opens the project's pack of derived values for `config`. */
export async function openDerived(root: string, config: Config): Promise<Derived> {
  return derivedIn(await openStore(cacheDir(root), 'derived', await cacheKey(config)));
}

export function derivedIn(store: Store): Derived {
  const key = (kind: string, from: string) => hashText(`${kind}\0${from}`);
  return {
    get(kind, from) {
      const hash = key(kind, from);
      const text = store.get(hash);
      if (text === undefined) return undefined;
      const value = unseal(text);
      if (value === null) return undefined;
      store.keep(hash, text);
      return value;
    },
    keep(kind, from, value) {
      const json = exactJson(value);
      if (json !== null) store.keep(key(kind, from), seal(json));
    },
    save: () => store.save(),
  };
}
