/**
 * Markdown bodies shaped to make the Markdown parser do more than linear work (issue 15, "Hangs"):
 * at the sizes each is a file well under `maxFileBytes` that took micromark 10 to 50 seconds.
 * The fuzz test feeds them (and smaller cousins) through the pipeline; bench/shapes.ts times them.
 */

/** A runbook with a valid frontmatter and `body`. */
export const withBody = (body: string) => `---\ntitle: T\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-01 }\n---\n\n## Purpose\n\n${body}\n`;

/** A shape: the size, and the body of a given size. */
export interface Shape {
  size: number;
  make(n: number): string;
}

const row = (cell: string, columns: number) => `| ${Array.from({ length: columns }, () => cell).join(' | ')} |`;

export const SHAPES: Record<string, Shape> = {
  /** `* * * …` on one line: a list item in a list item, n deep. */
  'list markers on one line': { size: 8000, make: (n) => '* '.repeat(n) + 'x' },
  /** Each line one level deeper than the last. */
  'indented list': { size: 1000, make: (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n') },
  /** `> > > …`: block quotes n deep. */
  'block quote markers': { size: 100_000, make: (n) => '> '.repeat(n) + 'x' },
  /** Backtick runs of every length from 1 to n, none of them closed. */
  'backtick runs': { size: 2000, make: (n) => Array.from({ length: n }, (_, i) => '`'.repeat(i + 1)).join(' ') },
  /** One autolink literal, then many plain lines. */
  'one URL and many lines': { size: 40_000, make: (n) => `https://\n${'plain text line\n'.repeat(n)}` },
  /** n one-line block quotes, blank lines between (not in the issue: found while measuring the bounds). */
  'one-line quotes': { size: 10_000, make: (n) => Array.from({ length: n }, () => '> x').join('\n\n') },
  /** A table n rows by 50 columns. */
  'large table': { size: 5000, make: (n) => [row('h', 50), row('---', 50), ...Array.from({ length: n }, () => row('c', 50))].join('\n') },
};

/** Blocks of `block` repeated with blank lines between, to about `bytes` in all. */
const fill = (block: string, bytes: number) => Array.from({ length: Math.max(1, Math.floor(bytes / (block.length + 2))) }, () => block).join('\n\n');

/**
 * Files just inside every bound of src/bounds.ts: what a file may still make the parser do. Those bounded
 * by a count are at that count; those bounded only by size are about `bytes` long.
 */
export const INSIDE: Record<string, (bytes: number) => string> = {
  '62 lines of 64 list markers': () => fill('* '.repeat(64) + 'x', 62 * 132),
  '15 lines of 64 quote markers': () => fill('> '.repeat(64) + 'x', 15 * 132),
  'an indented list 64 deep, 62 times': () => fill(Array.from({ length: 64 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), 62 * 2600),
  '1,000 one-line quotes': () => fill('> x', 1000 * 5),
  '3,000 list items and 1,000 quotes': () => Array.from({ length: 4000 }, (_, i) => (i % 4 ? '- x' : '> x')).join('\n\n'),
  '4,000 list items, tight': () => Array.from({ length: 4000 }, () => '- item').join('\n'),
  'a table of 10,000 cells': () => [row('h', 10), row('---', 10), ...Array.from({ length: 998 }, () => row('c', 10))].join('\n'),
  'backtick runs 1..32 in 60 KB blocks': (bytes) => fill(Array.from({ length: 1900 }, (_, i) => '`'.repeat((i % 32) + 1)).join(' ').replace(/(.{1,9000}) /g, '$1\n'), bytes),
  'one URL and 60 KB blocks of lines': (bytes) => `https://\n${fill('plain text line\n'.repeat(3900).trimEnd(), bytes)}`,
  '[a]( 1,000 times a block, 5,000-character lines': (bytes) => fill(['[a]( '.repeat(1000)].join('\n'), bytes),
  'plain prose': (bytes) => fill('Some plain prose with *emphasis* and `code` and a [link](x.md).', bytes),
};
