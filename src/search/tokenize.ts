/**
 * Words as the index and the browser both see them. This file runs in Node
 * (indexing) and in the browser bundle (queries, highlighting), so it uses
 * nothing but the language.
 */

/** Words too common to help find anything; leaving them out keeps the index small. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for from has have if in into is it its of on or so such that the their then there these they this to was were will with'.split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lowercase, without accents: `Réunion` -> `reunion`. */
export function normalize(word: string): string {
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** A word of a text and where it stands, for highlighting. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/** Every word of `text` with its place; stop words included (highlighting needs them to skip). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) out.push({ term: normalize(match[0]), start: match.index, end: match.index + match[0].length });
  return out;
}

/** The indexed terms of `text`, in order, repeats kept: stop words and one-letter words left out. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = normalize(match[0]);
    if (isIndexed(term)) out.push(term);
  }
  return out;
}

/** Whether a normalized word goes into the index. */
export function isIndexed(term: string): boolean {
  return (term.length > 1 || /\d/.test(term)) && !STOP_WORDS.has(term);
}

/** Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
