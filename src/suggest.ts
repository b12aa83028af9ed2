import { distance } from 'fastest-levenshtein';

/**
 * The closest known word to `input`, or null when nothing is close enough to be a likely typo.
 * Close means an edit distance of at most a third of the word (at least 1, at most 3).
 */
export function didYouMean(input: string, known: readonly string[]): string | null {
  const needle = input.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.min(3, Math.max(1, Math.floor(needle.length / 3)));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** A hint for an unknown id: `did you mean 'ivan'?`, or null when nothing is close. */
export function suggestId(id: string, known: readonly string[]): string | null {
  const match = didYouMean(id, known);
  return match ? `did you mean '${match}'?` : null;
}
