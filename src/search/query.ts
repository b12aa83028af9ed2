/**
 * Runs a query against the sharded index. Pure: it asks `store` for the few
 * files it needs, so the same code runs in the browser (script tags) and in
 * Node (the benchmark and tests read the files from disk).
 */
import { decodePostings, fromWeight } from './postings.ts';
import { facetKey, rangeOf, type DocFile, type Manifest, type ShardFile } from './protocol.ts';
import { terms, withinOneEdit } from './tokenize.ts';

/** Where the index files come from; each call may load a file once and cache it. */
export interface Store {
  manifest: Manifest;
  /** Sorted terms of vocabulary file i. */
  vocab(i: number): Promise<string[]>;
  shard(i: number): Promise<ShardFile>;
  doc(n: number): Promise<DocFile>;
}

/** Optional narrowing: status, team id, owner (person) id. */
export interface Filters {
  status?: string;
  team?: string;
  owner?: string;
}

/** Ranked doc numbers, best first, and the index terms that matched (for highlighting). */
export interface Result {
  docs: number[];
  matched: Set<string>;
}

/** A word's exact match counts fully; completions of the word being typed and one-letter typos count less. */
const PREFIX_LAST = 0.8;
const PREFIX_OTHER = 0.4;
const TYPO = 0.45;
/** Completions considered per word, shortest first: "re" must not pull in every shard. */
const MAX_COMPLETIONS = 24;
/** Shorter words are not typo-corrected: "ci" is not a typo of "cd". */
const TYPO_MIN_LENGTH = 4;

/**
 * Finds the documents matching `query` and `filters`: documents matching more words first, then those
 * matching more of them as written (an exact word outranks a completion or typo of it, however rare), then by score.
 */
export async function search(store: Store, query: string, filters: Filters = {}): Promise<Result> {
  const words = terms(query);
  const typing = !/\s$/.test(query);
  const perWord = await Promise.all(words.map((word, i) => candidates(store, word, i === words.length - 1 && typing)));
  const wanted = new Set<string>(perWord.flatMap((c) => [...c.keys()]));
  const filterKeys = filterKeysOf(filters);
  const shards = await loadShards(store, [...wanted, ...filterKeys]);
  const total = store.manifest.docs;
  const allowed = filterKeys.length ? mask(filterKeys, shards, store.manifest, total) : null;
  if (!words.length) return { docs: allowed ? indexes(allowed) : [], matched: new Set() };
  const score = new Float64Array(total);
  const hits = new Uint8Array(total);
  const exact = new Uint8Array(total);
  const matched = new Set<string>();
  for (const found of perWord) {
    const best = new Float64Array(total);
    const asWritten = new Uint8Array(total);
    for (const [term, factor] of found) {
      const postings = shards.get(rangeOf(store.manifest.shards, term))?.[term];
      if (postings === undefined) continue;
      matched.add(term);
      const list: number[] = [];
      decodePostings(postings, true, (doc, weight) => list.push(doc, weight));
      const df = list.length / 2;
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
      for (let j = 0; j < list.length; j += 2) {
        best[list[j]!] = Math.max(best[list[j]!]!, factor * idf * fromWeight(list[j + 1]!));
        if (factor === 1) asWritten[list[j]!] = 1;
      }
    }
    for (let doc = 0; doc < total; doc++) if (best[doc]! > 0) (score[doc]! += best[doc]!), hits[doc]!++, (exact[doc]! += asWritten[doc]!);
  }
  const docs: number[] = [];
  for (let doc = 0; doc < total; doc++) if (hits[doc]! > 0 && (!allowed || allowed[doc])) docs.push(doc);
  docs.sort((a, b) => hits[b]! - hits[a]! || exact[b]! - exact[a]! || score[b]! - score[a]! || a - b);
  return { docs, matched };
}

/** Index terms a query word may stand for, each with how much a match counts. */
export async function candidates(store: Store, word: string, typing: boolean): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const file = rangeOf(store.manifest.vocab, word);
  if (file < 0) return found;
  const vocab = await store.vocab(file);
  let at = lowerBound(vocab, word);
  if (vocab[at] === word) found.set(word, 1);
  if (typing || word.length >= TYPO_MIN_LENGTH) {
    const completions: string[] = [];
    for (; at < vocab.length && vocab[at]!.startsWith(word); at++) if (vocab[at] !== word) completions.push(vocab[at]!);
    completions.sort((a, b) => a.length - b.length);
    for (const term of completions.slice(0, MAX_COMPLETIONS)) found.set(term, typing ? PREFIX_LAST : PREFIX_OTHER);
  }
  if (word.length >= TYPO_MIN_LENGTH)
    for (const term of vocab) if (!found.has(term) && Math.abs(term.length - word.length) <= 1 && withinOneEdit(term, word)) found.set(term, TYPO);
  return found;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function filterKeysOf(filters: Filters): string[] {
  const keys: string[] = [];
  if (filters.status) keys.push(facetKey('status', filters.status));
  if (filters.team) keys.push(facetKey('team', filters.team));
  if (filters.owner) keys.push(facetKey('owner', filters.owner));
  return keys;
}

async function loadShards(store: Store, keys: string[]): Promise<Map<number, ShardFile>> {
  const wanted = [...new Set(keys.map((key) => rangeOf(store.manifest.shards, key)).filter((i) => i >= 0))];
  const files = await Promise.all(wanted.map((i) => store.shard(i)));
  return new Map(wanted.map((i, j) => [i, files[j]!]));
}

/** Docs that carry every filter key. */
function mask(keys: string[], shards: Map<number, ShardFile>, manifest: Manifest, total: number): Uint8Array {
  const count = new Uint8Array(total);
  for (const key of keys) {
    const postings = shards.get(rangeOf(manifest.shards, key))?.[key];
    if (postings !== undefined) decodePostings(postings, false, (doc) => void count[doc]!++);
  }
  return count.map((c) => (c === keys.length ? 1 : 0));
}

function indexes(allowed: Uint8Array): number[] {
  const out: number[] = [];
  allowed.forEach((on, doc) => on && out.push(doc));
  return out;
}
