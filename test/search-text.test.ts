import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodePostings, encodePostings } from '../src/search/postings.ts';
import { rangeOf } from '../src/search/protocol.ts';
import { highlight, snippet } from '../src/search/snippet.ts';
import { terms, withinOneEdit } from '../src/search/tokenize.ts';
import { indexTerms } from '../src/search/invert.ts';

describe('words', () => {
  test('lowercase, accents dropped, stop words and one-letter words left out, digits kept', () => {
    expect(terms('The Réunion résumé: a 2-step Roll-back of v7 in Zürich')).toEqual(['reunion', 'resume', '2', 'step', 'roll', 'back', 'v7', 'zurich']);
  });

  test('the index finds the terms a query finds, for texts of ASCII only (its fast path) and others', () => {
    expect(indexTerms('Is it OK? ROLL-back v7, 2 steps; a_b x\ty\n9')).toEqual(['ok', 'roll', 'back', 'v7', '2', 'steps', '9']);
    const ascii = fc.string({ unit: fc.constantFrom(...'aAzZ09 -_.,:\n\tIsThe'.split('')), maxLength: 60 });
    const mixed = fc.string({ unit: fc.constantFrom(...'aZ9 -éÉΣς\u0301ǅ'.split('')), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(ascii, mixed), (text) => {
        expect(indexTerms(text)).toEqual(terms(text));
      }),
    );
  });

  test('one edit apart: insert, delete, substitute or swap neighbours; never two', () => {
    const yes = [['refund', 'refnud'], ['refund', 'refnd'], ['refund', 'reffund'], ['refund', 'rafund'], ['refund', 'erfund'], ['refund', 'refun'], ['refund', 'refunds']];
    const no = [['refund', 'rfnud'], ['refund', 'fundre'], ['refund', 'refunded'], ['abcd', 'badc']];
    for (const [a, b] of yes) expect(withinOneEdit(a!, b!), `${a} ~ ${b}`).toBe(true);
    for (const [a, b] of no) expect(withinOneEdit(a!, b!), `${a} !~ ${b}`).toBe(false);
  });
});

describe('postings', () => {
  test('doc numbers and weights survive encoding', () => {
    const lists = fc.uniqueArray(fc.nat(2_000_000), { maxLength: 200 }).chain((docs) =>
      fc.tuple(fc.constant(docs.sort((a, b) => a - b)), fc.array(fc.integer({ min: 1, max: 63 }), { minLength: docs.length, maxLength: docs.length })),
    );
    fc.assert(
      fc.property(lists, ([docs, weights]) => {
        const out: number[][] = [];
        decodePostings(encodePostings(docs, weights), true, (doc, weight) => out.push([doc, weight]));
        expect(out).toEqual(docs.map((d, i) => [d, weights[i]]));
        const bare: number[] = [];
        decodePostings(encodePostings(docs), false, (doc) => bare.push(doc));
        expect(bare).toEqual(docs);
      }),
    );
  });

  test('encoded postings are URL-safe base64 characters only', () => {
    expect(encodePostings([0, 31, 32, 1_000_000], [1, 63, 5, 9])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('a key is found in the range that starts at or before it', () => {
    const firsts = ['!owner:a', 'b', 'gateway', 'r'];
    expect(['!', 'apple', 'b', 'cat', 'gateway', 'refund', 'zoo'].map((k) => rangeOf(firsts, k))).toEqual([-1, 0, 1, 1, 2, 3, 3]);
  });
});

describe('snippets', () => {
  const matched = new Set(['refund', 'policy']);

  test('matched words are marked, the rest kept as text, accents and case as written', () => {
    expect(highlight('Réfund <b>policy</b>!', new Set(['refund', 'policy', 'b']))).toEqual([
      { text: 'Réfund', mark: true },
      { text: ' <', mark: false },
      { text: 'b', mark: true },
      { text: '>', mark: false },
      { text: 'policy', mark: true },
      { text: '</', mark: false },
      { text: 'b', mark: true },
      { text: '>!', mark: false },
    ]);
  });

  test('the passage is cut around the densest matches, with an ellipsis where cut', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20);
    const text = `${filler}the refund here ${filler}then refund policy together ${filler}`;
    const segments = snippet(text, matched, 80)!;
    const joined = segments.map((s) => s.text).join('');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined).toContain('refund policy together');
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['refund', 'policy']);
    expect(joined.length).toBeLessThanOrEqual(84);
  });

  test('no snippet when nothing in the text matched', () => {
    expect(snippet('nothing to see', matched)).toBeNull();
  });
});
