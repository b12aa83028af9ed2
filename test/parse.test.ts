import { readdirSync, readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mayHoldAutolinks } from '../src/parse/gfm-without-autolinks.ts';
import type { SourceFile } from '../src/load/index.ts';
import { compileBody, EMPTY_BODY } from '../src/compile/index.ts';
import { parseRunbook } from '../src/parse/runbook.ts';
import { parseYaml } from '../src/parse/yaml.ts';

function source(text: string): SourceFile {
  return { kind: 'runbook', path: 'runbooks/x.md', abs: '/content/runbooks/x.md', id: 'x', text };
}

/** Diagnostics as `line:column rule: message`. */
function problems(yaml: string, firstLine = 2): string[] {
  return parseYaml(yaml, 'x.md', firstLine).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}: ${d.message}`);
}

describe('parseRunbook', () => {
  it('splits frontmatter from body; frontmatter line 1 is file line 2', () => {
    const parsed = parseRunbook(source('---\ntitle: T\nstatus: pilot\n---\n\n## Purpose\n\nText.\n'));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.frontmatter?.value).toEqual({ title: 'T', status: 'pilot' });
    expect(parsed.frontmatter?.place(['status'])).toEqual({ line: 3, column: 9 });
    expect(parsed.frontmatter?.place(['status'], { key: true })).toEqual({ line: 3, column: 1 });
    expect(parsed.body.sections).toEqual([{ heading: 'Purpose', slug: 'purpose', line: 6, empty: false }]);
    expect(parsed.body.html).toBe('<h2 id="purpose">Purpose</h2>\n<p>Text.</p>');
    expect(parsed.body.text).toBe('Purpose\nText.');
    expect(parsed.body.endLine).toBe(9);
  });

  it('an empty frontmatter block is read as no fields, not as a missing block', () => {
    const parsed = parseRunbook(source('---\n---\n\nBody\n'));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.frontmatter?.value).toBeNull();
  });

  it.each([
    ['an empty file', '', 'missing-frontmatter', 'the file is empty; start it with a frontmatter block'],
    ['only blank lines', '\n\n  \n', 'missing-frontmatter', 'the file is empty; start it with a frontmatter block'],
    ['Markdown with no frontmatter', '# Title\n\ntext\n', 'missing-frontmatter', 'the file has no frontmatter; start it with a --- block'],
    ['a block never closed', '---\ntitle: T\n\n## Purpose\n', 'unclosed-frontmatter', 'the frontmatter block opened on line 1 is never closed; close it with ---'],
    ['a lone --- with no newline', '---', 'unclosed-frontmatter', 'the frontmatter block opened on line 1 is never closed; close it with ---'],
    ['frontmatter after a blank line', '\n---\ntitle: T\n---\n', 'missing-frontmatter', 'the file has no frontmatter; start it with a --- block'],
  ])('%s: one located error', (_, text, rule, message) => {
    const parsed = parseRunbook(source(text));
    expect(parsed.frontmatter).toBeNull();
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ rule, message, file: 'runbooks/x.md', line: 1, column: 1 })]);
  });
});

describe('parseRunbook: a body nested too deeply for the later stages', () => {
  it.each([
    ['a thousand nested quotes', `${'>'.repeat(1000)} x\n`],
    ['ten thousand nested quotes (deep enough to overflow the parser itself)', `${'>'.repeat(10000)} x\n`],
    ['a ladder of nested lists', Array.from({ length: 120 }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n')],
  ])('%s: one error, an empty body, and the frontmatter kept when it could be read', (_, body) => {
    const parsed = parseRunbook(source(`---\ntitle: T\n---\n\n${body}`));
    expect(parsed.diagnostics).toEqual([
      // Refused before the Markdown parser runs (src/bounds.ts), on the line that goes too deep.
      expect.objectContaining({ rule: 'unreadable-file', message: expect.stringMatching(/^the line is nested about \d+ levels deep/), file: 'runbooks/x.md', column: 1 }),
    ]);
    expect(parsed.body).toEqual(EMPTY_BODY);
    expect(parsed.frontmatter?.value).toEqual({ title: 'T' });
  });

  it('fifty nested list levels are fine', () => {
    const parsed = parseRunbook(source(`---\ntitle: T\n---\n\n${Array.from({ length: 50 }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n')}\n`));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.body.html).toMatch(/^<ul>\n<li>a\n<ul>/);
    expect(parsed.body.html.match(/<ul>/g)).toHaveLength(50);
  });
});

describe('parseYaml: broken and hostile YAML becomes one clear diagnostic', () => {
  it('a value holding ": " (the commonest slip)', () => {
    expect(problems('title: Refunds: drafts\n')).toEqual(['2:8 yaml-syntax: a value holds ": " on the same line as its key; quote the value']);
  });

  it('an unclosed quote is reported where the quote opens, naming where the parser gave up', () => {
    expect(problems('title: "Refunds\nsummary: x\n')).toEqual(['2:8 yaml-syntax: this double quote is never closed (the parser reached line 4 looking for it); close it with " at the end of the value']);
    expect(problems("title: Refunds\nsummary: 'Drafts\nstatus: pilot\n")).toEqual([
      "3:10 yaml-syntax: this single quote is never closed (the parser reached line 5 looking for it); close it with ' at the end of the value",
    ]);
  });

  it('a tab used for indentation', () => {
    expect(problems('owners:\n\tmaintainer: { primary: ivan }\n')).toEqual(['3:1 yaml-syntax: a tab is used for indentation; indent with spaces']);
  });

  it('a tab inside a value is fine', () => {
    expect(problems('title: "a\tb"\nsummary: c\td\n')).toEqual([]);
  });

  it('a duplicate key, nested, names both lines', () => {
    expect(problems('owners:\n  maintainer:\n    primary: ivan\n    primary: mei\n')).toEqual([
      '5:5 duplicate-key: the key "primary" appears twice in the same block; the first is on line 4',
    ]);
  });

  it('a duplicate key in a flow map', () => {
    expect(problems('owners: { a: 1, a: 2 }\n')).toEqual(['2:17 duplicate-key: the key "a" appears twice in the same block; the first is on line 2']);
  });

  it.each(['__proto__', 'constructor', 'prototype', '"__proto__"'])('the key %s is refused wherever it is', (key) => {
    expect(problems(`extra:\n  deep:\n    ${key}: { polluted: true }\n`)).toEqual([`4:5 forbidden-key: the key "${key.replaceAll('"', '')}" is not allowed; rename it`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an alias bomb (billion laughs) stops at the first alias, without expanding', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) rows.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    expect(problems(`${rows.join('\n')}\n`)).toEqual(['3:8 yaml-syntax: the aliases (*name) expand to too much data; write the values out instead']);
  });

  it('a few aliases are fine', () => {
    const parsed = parseYaml('base: &b [sam]\nlevels:\n  - notify: *b\n  - notify: *b\n', 'x.md');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual({ base: ['sam'], levels: [{ notify: ['sam'] }, { notify: ['sam'] }] });
  });

  it('an alias with no anchor', () => {
    expect(problems('title: *nope\n')).toEqual(['2:8 yaml-syntax: the alias *nope has no anchor &nope before it; define it first']);
  });

  it('a list or a map used as a key', () => {
    expect(problems('? [a, b]\n: 1\n')).toEqual(['2:3 yaml-syntax: a key must be plain text; write name: value']);
  });

  it('a second document (people.yaml with a --- line)', () => {
    expect(problems('teams: []\n---\npeople: []\n', 1)).toEqual(['2:1 yaml-syntax: the file holds more than one YAML document (a line with only ---); remove the extra ---']);
  });

  it('an unknown tag', () => {
    expect(problems('title: !shout hello\n')).toEqual(['2:8 yaml-syntax: unknown YAML tag; remove it']);
  });

  it('a %YAML 1.1 directive does not turn dates into Date objects or enable << merges', () => {
    const parsed = parseYaml('%YAML 1.1\n---\nlast: 2026-10-01\nbase: &b { a: 1 }\nmerged:\n  <<: *b\n', 'people.yaml', 1);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual({ last: '2026-10-01', base: { a: 1 }, merged: { '<<': { a: 1 } } });
  });

  it('nesting hundreds of levels deep gives one error, not a stack overflow', () => {
    // Where the parser gave up depends on the machine's stack size, so only the line is pinned.
    expect(problems(`extra: ${'['.repeat(3000)}${']'.repeat(3000)}\n`)).toEqual([expect.stringMatching(/^2:\d+ yaml-syntax: the YAML is nested too deeply to read; flatten it$/)]);
    const ladder = Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}- `).join('\n');
    const found = problems(`extra:\n${ladder}x\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^\d+:\d+ yaml-syntax: the YAML is nested too deeply to read; flatten it$/);
  });

  it.each([2000, 3000, 20000])('a compact sequence %i deep (- - - …) gives the same one error, placed on its line, even where the parser itself overflows', (depth) => {
    expect(problems(`title: T\nextra:\n  x:\n    ${'- '.repeat(depth)}a\n`)).toEqual([expect.stringMatching(/^5:\d+ yaml-syntax: the YAML is nested too deeply to read; flatten it$/)]);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '\u0000', '{', ']', ': :', '- - -', '&a *a', '!!binary', '"\\', "'", '? ', '|\n x', '>-', '%', '@', '`'])
      expect(() => parseYaml(text, 'x.md')).not.toThrow();
  });
});

describe('parseRunbook: the faster path for bodies where no autolink literal can match', () => {
  const full = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
  const fullBody = (text: string) => {
    const tree = full.parse(text) as Root;
    if (tree.children[0]?.type === 'yaml') tree.children.shift();
    return compileBody(tree);
  };
  const corpus = [
    ...readdirSync('content/runbooks', { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join('content/runbooks', f), 'utf8')),
    ...readFileSync('test/fixtures/xss/vectors.txt', 'utf8').split(/^=====$/m).map((v) => `---\ntitle: T\n---\n\n${v}\n`),
    '---\ntitle: T\n---\n\n| a | b |\n|---|---|\n| ~~x~~ | [^1] |\n\n- [ ] task\n- [x] done\n\n[^1]: note\n',
  ];

  it.each(corpus.map((text, i) => [i, text.replace(/www\.|:\/\/|@/gi, ' ')]))('text %i without www., :// or @ compiles exactly as with full GFM', (_, text) => {
    expect(mayHoldAutolinks(text)).toBe(false);
    expect(parseRunbook(source(text)).body).toEqual(fullBody(text));
  });

  it('bodies with a bare URL or address still get autolinks', () => {
    const body = parseRunbook(source('---\ntitle: T\n---\n\nSee www.example.com, https://example.com/x and ops@example.com.\n')).body;
    expect(body.slots.map((slot) => slot.url)).toEqual(['http://www.example.com', 'https://example.com/x', 'mailto:ops@example.com']);
  });
});
