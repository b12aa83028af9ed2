/** Bytes -> text: UTF-8 only, with a message that says what the file is when it is not (binary, UTF-16, Latin-1). */

/** Strict UTF-8: a bad byte throws instead of becoming U+FFFD. */
export const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why bytes are not text Handover reads, placed on the first bad byte where there is one. */
export type DecodeProblem = { message: string; hint: string; line?: number; column?: number };

/** Decodes UTF-8 text; refuses binary files and other encodings; drops the BOM and normalizes line ends. */
export function decode(bytes: Buffer): string | DecodeProblem {
  const utf16 = utf16Kind(bytes);
  if (utf16)
    return { message: `the file is ${utf16} text; re-save it as UTF-8`, hint: 'Handover reads UTF-8 only; editors offer "UTF-8" (without BOM) under Save As or the encoding menu' };
  if (bytes.includes(0))
    return { message: 'the file is binary, not text; save it as UTF-8 text', hint: 'binary files (images, PDFs) may sit beside runbooks under another extension, never as .md, .yaml or .csv' };
  try {
    return utf8.decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    const good = bytes.subarray(0, badSequenceStart(bytes)).toString('utf8').replace(/\r\n?/g, '\n').split('\n');
    return {
      message: 'the file is not UTF-8 text; re-save it as UTF-8',
      line: good.length,
      column: good.at(-1)!.length + 1,
      hint: 'the first byte that is not UTF-8 is here; editors call the encoding "UTF-8" (Latin-1 and Windows-1252 are not)',
    };
  }
}

/** "UTF-16" when the bytes start with its byte order mark, or look like it (every other byte zero); else null. */
function utf16Kind(bytes: Buffer): string | null {
  if (bytes.length >= 4 && ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))) return 'UTF-32';
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return 'UTF-16';
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 2));
  // Text in UTF-16 has zero bytes; most files have none, which a native search finds at once.
  if (sample.length < 4 || !sample.includes(0)) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i += 2) (sample[i] === 0 && even++, sample[i + 1] === 0 && odd++);
  const pairs = sample.length / 2;
  // ASCII text in UTF-16 has a zero in one byte of each pair and almost never in the other.
  return (even >= pairs * 0.9 && odd === 0) || (odd >= pairs * 0.9 && even === 0) ? 'UTF-16' : null;
}

/** Offset of the first byte sequence that is not UTF-8. */
function badSequenceStart(bytes: Buffer): number {
  const failing = firstFailingByte(bytes);
  // The failing byte may end a sequence that started up to three bytes earlier (a lead byte with no continuation).
  for (let start = failing; start >= Math.max(0, failing - 3); start--) if (decodes(bytes.subarray(0, start))) return start;
  return failing;
}

function decodes(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function firstFailingByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      // Streaming, so a prefix that ends inside a valid multi-byte character still decodes: the test stays monotone.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
