/**
 * Snippets as plain segments, marked or not: the browser turns each into a
 * text node or a <mark>, so indexed text is never parsed as HTML.
 */
import { tokens } from './tokenize.ts';

/** A piece of text; `mark` pieces are the words that matched. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** `text` cut into segments, each word whose term is in `matched` marked. */
export function highlight(text: string, matched: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const token of tokens(text)) {
    if (!matched.has(token.term)) continue;
    if (token.start > at) out.push({ text: text.slice(at, token.start), mark: false });
    out.push({ text: text.slice(token.start, token.end), mark: true });
    at = token.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/**
 * About `length` characters of `text` around the densest run of matched words,
 * with an ellipsis where it was cut; null when no word of `text` matched.
 */
export function snippet(text: string, matched: ReadonlySet<string>, length = 160): Segment[] | null {
  const words = tokens(text);
  const best = bestHit(words, matched, length);
  if (best === null) return null;
  const startWord = Math.max(0, best - 4);
  const start = startWord === 0 ? 0 : words[startWord]!.start;
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  const piece = text.slice(start, end).replace(/\s+/g, ' ');
  const segments = highlight(piece, matched);
  if (start > 0) segments.unshift({ text: '…', mark: false });
  if (end < text.length) segments.push({ text: '…', mark: false });
  return segments;
}

/** Index of the word that starts the densest run of matched words, or null when none matched. */
function bestHit(words: ReturnType<typeof tokens>, matched: ReadonlySet<string>, length: number): number | null {
  const hitIndexes = words.flatMap((token, i) => (matched.has(token.term) ? [i] : []));
  if (!hitIndexes.length) return null;
  let best = hitIndexes[0]!;
  let bestCount = 0;
  for (const i of hitIndexes) {
    const end = words[i]!.start + length;
    const seen = new Set<string>();
    for (let j = i; j < words.length && words[j]!.end <= end; j++) if (matched.has(words[j]!.term)) seen.add(words[j]!.term);
    if (seen.size > bestCount) (best = i), (bestCount = seen.size);
  }
  return best;
}

/** The anchor of the section holding the snippet's passage (`sections`: start offsets in `text`, in order), or null. */
export function hitAnchor(text: string, matched: ReadonlySet<string>, sections: readonly [number, string][] | undefined, length = 160): string | null {
  if (!sections?.length) return null;
  const words = tokens(text);
  const best = bestHit(words, matched, length);
  if (best === null) return null;
  const offset = words[best]!.start;
  let anchor: string | null = null;
  for (const [start, id] of sections) if (start <= offset) anchor = id;
  return anchor;
}
