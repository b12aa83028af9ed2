import type { SearchDoc, SearchFields } from './documents.ts';
import { encodePostings, MAX_WEIGHT } from './postings.ts';
import { facetKey } from './protocol.ts';
import { terms } from './tokenize.ts';

/** How much a word counts in each field: a title hit outranks a body hit. */
export const FIELD_BOOST: Record<keyof SearchFields, number> = { title: 6, tags: 4, people: 3, team: 3, summary: 2, status: 2, body: 1 };

/** BM25 saturation and length normalisation; short pages (people, teams) are not over-rewarded with b = 0.5. */
const K1 = 1.2;
const B = 0.5;

/** The inverted index: every key (term or facet) with its encoded postings, keys sorted. */
export interface Inverted {
  keys: string[];
  postings: Map<string, string>;
}

/** Builds postings with one precomputed weight per (term, doc); the browser adds idf at query time. */
export function invert(docs: SearchDoc[]): Inverted {
  const weighted = new Map<string, { docs: number[]; weights: number[] }>();
  const facets = new Map<string, number[]>();
  const perDoc = docs.map((doc) => fieldWeights(doc.fields));
  const average = perDoc.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length);
  perDoc.forEach(({ weights, length }, n) => {
    const norm = K1 * (1 - B + (B * length) / Math.max(1, average));
    for (const [term, w] of weights) {
      const score = (w * (K1 + 1)) / (w + norm);
      const entry = weighted.get(term) ?? weighted.set(term, { docs: [], weights: [] }).get(term)!;
      entry.docs.push(n);
      entry.weights.push(Math.ceil((score / (K1 + 1)) * MAX_WEIGHT));
    }
    const { status, team, owners } = docs[n]!.facets;
    const add = (key: string) => (facets.get(key) ?? facets.set(key, []).get(key)!).push(n);
    if (status) add(facetKey('status', status));
    if (team) add(facetKey('team', team));
    for (const owner of owners) add(facetKey('owner', owner));
  });
  const postings = new Map<string, string>();
  for (const [term, entry] of weighted) postings.set(term, encodePostings(entry.docs, entry.weights));
  for (const [key, list] of facets) postings.set(key, encodePostings(list));
  const keys = [...postings.keys()].sort(compare);
  return { keys, postings };
}

/** Code-unit order, the same in Node and every browser (the client binary-searches it). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fieldWeights(fields: SearchFields): { weights: Map<string, number>; length: number } {
  const weights = new Map<string, number>();
  let length = 0;
  for (const field of Object.keys(FIELD_BOOST) as (keyof SearchFields)[]) {
    const boost = FIELD_BOOST[field];
    const words = terms(fields[field]);
    length += words.length;
    for (const term of words) weights.set(term, (weights.get(term) ?? 0) + boost);
  }
  return { weights, length };
}
