/**
 * What the index files hold and how the browser finds them. Every file is a
 * classic script that hands its data to `self.__handoverSearch.load(key, data)`,
 * so the index loads from file:// and from any sub-path, with no fetch().
 */

/** The global the client defines before it injects any index script. */
export const GLOBAL = '__handoverSearch';

/** Fixed name, the one file the client knows: `search/manifest.js` from the site root. */
export const MANIFEST_PATH = 'search/manifest.js';

/** `search/manifest.js`: where everything else is, and what the filters offer. */
export interface Manifest {
  v: 2;
  /** Number of documents. */
  docs: number;
  /** First key of each postings file `s<i>.js`; keys are sorted, so a key's file is found by binary search. */
  shards: string[];
  /** First character of each vocabulary file `v<i>.js`; a file holds every term starting with its characters. */
  vocab: string[];
  /** First document of each documents file; document n is in the file whose range holds n. */
  groups: number[];
  /**
   * The name of each postings (`s`), vocabulary (`v`) and documents (`d`) file, in order: `search/<name>.js`,
   * and the key its script loads under. A name is a hash of the file's data, so a name never changes meaning.
   */
  files: { s: string[]; v: string[]; d: string[] };
  filters: {
    statuses: string[];
    /** [id, name] */
    teams: [string, string][];
    /** [id, name]: people who own at least one runbook. */
    owners: [string, string][];
  };
}

/** A vocabulary file: the sorted terms, space-separated. */
export type VocabFile = string;

/** A postings file: key -> encoded postings. */
export type ShardFile = Record<string, string>;

/** What a hit shows; a documents file holds a list of these, in document order. */
export interface DocFile {
  /** Kind: runbook, person or team. */
  k: 'runbook' | 'guide' | 'person' | 'team';
  /** Path from the site root. */
  u: string;
  t: string;
  /** Summary. */
  x: string;
  s?: string;
  /** Team name. */
  m?: string;
  /** Owner names. */
  o: string[];
  /** Body text, for the snippet. */
  b: string;
  /** Where each body section starts in `b`, and its anchor: a hit in the body opens its section. */
  a?: [offset: number, anchor: string][];
}

/** Facet keys share the sorted key space with terms; `!` sorts before any word and never comes out of the tokenizer. */
export const facetKey = (facet: 'status' | 'team' | 'owner', value: string) => `!${facet}:${value}`;

/** Script text that hands `data` to the client under `key`. */
export function jsonp(key: string, data: unknown): string {
  return jsonpText(key, JSON.stringify(data));
}

/** The same, for data already written as JSON. */
export function jsonpText(key: string, json: string): string {
  return `self.${GLOBAL}&&self.${GLOBAL}.load(${JSON.stringify(key)},${json});\n`;
}

/** Index of the sorted `firsts` entry that starts the range holding `key` (-1 if before all). */
export function rangeOf<T extends string | number>(firsts: readonly T[], key: T): number {
  let lo = 0;
  let hi = firsts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (firsts[mid]! <= key) (found = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return found;
}
