/**
 * Posting lists as short strings: each number is a little-endian varint of
 * 5-bit groups, one URL-safe base64 character per group (the 6th bit says
 * "more follows"). Strings need no escaping in JSON and gzip well. Runs in
 * Node (indexing) and in the browser (queries).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Highest weight a posting can carry: one character. */
export const MAX_WEIGHT = 63;
/** Field scores above this all get the top weight; a title, tag and name hit together reach it. */
const MAX_SCORE = 16;
const LOG_MAX = Math.log1p(MAX_SCORE);

/** A field score (0..MAX_SCORE) as a one-character weight, on a log scale so body-only hits still differ. */
export function toWeight(score: number): number {
  return Math.max(1, Math.min(MAX_WEIGHT, Math.round((Math.log1p(score) / LOG_MAX) * MAX_WEIGHT)));
}

/** The field score a weight stands for. */
export function fromWeight(weight: number): number {
  return Math.expm1((weight / MAX_WEIGHT) * LOG_MAX);
}

function pushNumber(out: string[], n: number): void {
  while (n >= 32) {
    out.push(ALPHABET[32 | (n & 31)]!);
    n = Math.floor(n / 32);
  }
  out.push(ALPHABET[n]!);
}

/** Encodes ascending doc numbers, each followed by its weight (1..63) when `weights` is given. */
export function encodePostings(docs: readonly number[], weights?: readonly number[]): string {
  const out: string[] = [];
  let previous = -1;
  docs.forEach((doc, i) => {
    pushNumber(out, doc - previous - 1);
    previous = doc;
    if (weights) out.push(ALPHABET[Math.max(1, Math.min(MAX_WEIGHT, weights[i]!))]!);
  });
  return out.join('');
}

/** Calls `visit(doc, weight)` for each posting; weight is 1 for lists encoded without weights. */
export function decodePostings(text: string, weighted: boolean, visit: (doc: number, weight: number) => void): void {
  let doc = -1;
  let i = 0;
  while (i < text.length) {
    let n = 0;
    let scale = 1;
    for (;;) {
      const v = VALUE[text.charCodeAt(i++)]!;
      n += (v & 31) * scale;
      if (v < 32) break;
      scale *= 32;
    }
    doc += n + 1;
    visit(doc, weighted ? VALUE[text.charCodeAt(i++)]! : 1);
  }
}
