import type { SearchDoc, SearchFields } from './documents.ts';
import { encodePostings, toWeight } from './postings.ts';
import { facetKey } from './protocol.ts';
import { isIndexed, terms } from './tokenize.ts';

/** How much a word counts in each field: a title hit outranks a body hit. */
export const FIELD_BOOST: Record<keyof SearchFields, number> = { title: 6, tags: 4, people: 3, team: 3, summary: 2, status: 2, body: 1 };

/** BM25 saturation per field; only the body is normalised by length (titles and names are short everywhere). */
const K1 = 1.2;
const BODY_B = 0.5;

/** The inverted index: every key (term or facet) with its encoded postings, keys sorted. */
export interface Inverted {
  keys: string[];
  postings: Map<string, string>;
}

/** Builds postings with one precomputed weight per (term, doc); the browser adds idf at query time. */
export function invert(docs: SearchDoc[]): Inverted {
  const weighted = new Map<string, { docs: number[]; weights: number[] }>();
  const facets = new Map<string, number[]>();
  const average = docs.reduce((sum, doc) => sum + doc.fields.body.length, 0) / Math.max(1, docs.length);
  docs.forEach((doc, n) => {
    for (const [term, score] of fieldScores(doc.fields, average)) {
      const entry = weighted.get(term) ?? weighted.set(term, { docs: [], weights: [] }).get(term)!;
      entry.docs.push(n);
      entry.weights.push(toWeight(score));
    }
    const { status, team, owners } = doc.facets;
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

/** Each field's saturated term frequency times its boost, summed over fields; body length counted in characters. */
function fieldScores(fields: SearchFields, averageBody: number): Map<string, number> {
  const scores = new Map<string, number>();
  for (const field of Object.keys(FIELD_BOOST) as (keyof SearchFields)[]) {
    const words = indexTerms(fields[field]);
    const counts = new Map<string, number>();
    for (const term of words) counts.set(term, (counts.get(term) ?? 0) + 1);
    const norm = field === 'body' ? K1 * (1 - BODY_B + (BODY_B * fields.body.length) / Math.max(1, averageBody)) : K1;
    for (const [term, tf] of counts) scores.set(term, (scores.get(term) ?? 0) + (FIELD_BOOST[field] * tf) / (tf + norm));
  }
  return scores;
}

const ASCII = /^[\x00-\x7f]*$/;
const NOT_ASCII_WORD = /[^a-z0-9]+/;

/**
 * `terms(text)`, faster for a text of ASCII only (most are): lowercased once and split, since there a
 * word is `[a-z0-9]+` and normalizing one only lowercases it; about half the cost of matching each word.
 * Here, not in tokenize.ts, so the browser's bundle (which tokenizes queries) stays as it is.
 */
export function indexTerms(text: string): string[] {
  if (!ASCII.test(text)) return terms(text);
  const out: string[] = [];
  for (const term of text.toLowerCase().split(NOT_ASCII_WORD)) if (term !== '' && isIndexed(term)) out.push(term);
  return out;
}
