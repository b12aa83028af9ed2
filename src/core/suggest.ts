import { distance } from 'fastest-levenshtein';

/**
 * The closest known word to `input`, or null when nothing is close enough to be a likely typo.
 * Close means an edit distance of at most a third of the word (at least 1, at most 3), or two
 * neighbouring letters swapped (`cots` for `cost`); a word that must be rewritten whole is never close.
 */
export function didYouMean(input: string, known: readonly string[]): string | null {
  const needle = input.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(needle.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const word = candidate.toLowerCase();
    const d = isSwap(needle, word) ? 1 : distance(needle, word);
    if (d < bestDistance && d < Math.min(needle.length, word.length)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= allowed ? best : null;
}

/** True when `a` is `b` with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** The one wording of a suggestion, `did you mean 'ivan'?`, or null when nothing is close. */
export function suggestId(id: string, known: readonly string[]): string | null {
  const match = didYouMean(id, known);
  return match ? `did you mean '${match}'?` : null;
}

/** `known teams: a, b, c` (at most eight, then "…"), for an id with no close match. */
export function knownIds(what: string, ids: readonly string[]): string {
  if (ids.length === 0) return `no ${what} is defined yet`;
  const shown = [...ids].sort().slice(0, 8).join(', ');
  return `known ${what} ids: ${shown}${ids.length > 8 ? ', …' : ''}`;
}
