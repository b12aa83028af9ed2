import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOUNDS, checkBounds } from '../src/parse/bounds.ts';
import { parseRunbook } from '../src/parse/runbook.ts';
import { SHAPES, withBody } from './helpers/shapes.ts';

const parse = (text: string) => parseRunbook({ kind: 'runbook', path: 'runbooks/x.md', abs: '/content/runbooks/x.md', id: 'x', text });
/** The finding for a body, as `line:column message (hint)`; the body starts on line 10 of withBody's file. */
const finding = (body: string) => {
  const [d, ...rest] = parse(withBody(body)).diagnostics;
  expect(rest).toEqual([]);
  return d && `${d.rule} ${d.line}:${d.column} ${d.message} (${d.hint})`;
};

describe('bounds checked before the Markdown parser', () => {
  it('refuse each shape of the issue at its size, naming the bound and the line', () => {
    const found = Object.fromEntries(Object.entries(SHAPES).map(([name, shape]) => [name, finding(shape.make(shape.size))]));
    expect(found).toMatchInlineSnapshot(`
      {
        "backtick runs": "unreadable-file 10:561 a run of 33 "\`" characters; more than 32 in a row are refused outside fenced code (shorten the run; code spans and fences need only a few)",
        "block quote markers": "unreadable-file 10:1 the line is nested about 100000 levels deep (list and quote markers, indentation); more than 64 are refused (nesting this deep is almost always a pasting accident; flatten it)",
        "indented list": "unreadable-file 74:1 the line is nested about 65 levels deep (list and quote markers, indentation); more than 64 are refused (nesting this deep is almost always a pasting accident; flatten it)",
        "large table": "unreadable-file 210:1 the tables of this file hold more than 10000 cells by this line; larger tables are refused (keep large data in a metrics CSV or a linked file, or split the table)",
        "list markers on one line": "unreadable-file 10:1 the line is nested about 8000 levels deep (list and quote markers, indentation); more than 64 are refused (nesting this deep is almost always a pasting accident; flatten it)",
        "one URL and many lines": "unreadable-file 4106:1 more than 64 KB of text without a blank line ends here; longer stretches are refused (put blank lines between paragraphs and list items)",
        "one-line quotes": "unreadable-file 2010:1 more than 1000 block quotes by this line; longer files of them are refused (split the runbook, or join quotes that follow each other)",
      }
    `);
  });

  it('refuse each shape just past one bound, and accept it just inside', () => {
    const cases: [string, (n: number) => string, number][] = [
      ['list markers on one line', (n) => '* '.repeat(n) + 'x', BOUNDS.nesting],
      ['quote markers on one line', (n) => '>'.repeat(n) + ' x', BOUNDS.nesting],
      ['ordered list markers', (n) => '1. '.repeat(n) + 'x', BOUNDS.nesting],
      ['an indented list', (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), BOUNDS.nesting],
      ['a quote of indented lists', (n) => Array.from({ length: n - 1 }, (_, i) => `> ${'  '.repeat(i)}- item`).join('\n'), BOUNDS.nesting],
      ['a backtick run', (n) => `a ${'`'.repeat(n)} b`, BOUNDS.run],
      ['a tilde run', (n) => `a ${'~'.repeat(n)} b`, BOUNDS.run],
      ['a long line', (n) => 'x'.repeat(n), BOUNDS.line],
      ['text without a blank line', (n) => 'abcdefghijklmno\n'.repeat(Math.ceil(n / 16)).trimEnd(), BOUNDS.block],
      ['one-line quotes', (n) => Array.from({ length: n }, () => '> x').join('\n\n'), BOUNDS.quotes],
      ['list items and quotes', (n) => Array.from({ length: n }, (_, i) => (i % 4 ? '- x' : '> x')).join('\n\n'), BOUNDS.containers],
      ['link brackets', (n) => '[a]( '.repeat(n), BOUNDS.brackets],
      ['list items', (n) => Array.from({ length: n }, () => '- x').join('\n'), BOUNDS.containers],
      ['table cells', (n) => ['| h |', '| - |', ...Array.from({ length: n - 2 }, () => '| c |')].join('\n'), BOUNDS.cells],
    ];
    for (const [name, make, limit] of cases) {
      expect(checkBounds(withBody(make(limit))), `${name} at the bound`).toBeNull();
      expect(checkBounds(withBody(make(limit + 2))), `${name} past the bound`).not.toBeNull();
    }
    // A quote that goes on for many lines is one quote.
    expect(checkBounds(withBody(Array.from({ length: 2 * BOUNDS.containers }, () => '> x').join('\n')))).toBeNull();
  });

  it('refuse a body past its size bound where it passes, and count fenced code in it', () => {
    const prose = 'Plain prose, within every other bound.\n\n'.repeat(6_000);
    const found = checkBounds(withBody(prose))!;
    expect(found.message).toMatch(/^the body passes 192 KB on this line/);
    expect(found.line).toBeGreaterThan(4_000);
    // Just inside: 150 KB of the same prose passes.
    expect(checkBounds(withBody('Plain prose, within every other bound.\n\n'.repeat(3_800)))).toBeNull();
    expect(checkBounds(withBody(['```', 'x\n'.repeat(100_000), '```'].join('\n')))?.message).toMatch(/^the body passes 192 KB/);
  });

  it('do not count what is inside fenced code, and skip the frontmatter', () => {
    const code = ['```text', '* '.repeat(200), '`'.repeat(100) + ' x', 'x'.repeat(BOUNDS.line + 1), '```', '', 'after'].join('\n');
    expect(checkBounds(withBody(code))).toBeNull();
    expect(parse(withBody(code)).diagnostics).toEqual([]);
    // A fence never closed runs to the end of the file, as in CommonMark.
    expect(checkBounds(withBody('~~~~\n' + '> '.repeat(500)))).toBeNull();
    // A fence inside a list is not trusted to end where it seems to: its lines are checked.
    expect(checkBounds(withBody('- ```\n' + '> '.repeat(500)))).not.toBeNull();
    expect(checkBounds(`---\nextra: "${'`'.repeat(100)}"\n---\n\n## Purpose\n`)).toBeNull();
  });

  it('accept every runbook of the example content', () => {
    const dir = path.resolve('content/runbooks');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(checkBounds(readFileSync(path.join(dir, file), 'utf8')), file).toBeNull();
  });
});
