import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { audit } from '../src/audit/index.ts';
import { GAP_RULES } from '../src/audit/registry.ts';
import { facts } from '../src/facts/index.ts';
import { configSchema } from '../src/config.ts';
import type { Diagnostic } from '../src/diagnostic.ts';
import { decode, type SourceFile } from '../src/load/index.ts';
import { model } from '../src/model/index.ts';
import { brokenLinks } from './helpers/links.ts';
import { parseRunbook } from '../src/parse/runbook.ts';
import { parseYaml } from '../src/parse/yaml.ts';
import type { Parsed } from '../src/parse/index.ts';
import { validate } from '../src/validate/index.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { personPath, runbookPath, teamPath, type OutFile } from '../src/render/types.ts';
import { BOUNDS } from '../src/parse/bounds.ts';
import { NOW, PEOPLE } from './helpers/site.ts';
import { SHAPES, withBody } from './helpers/shapes.ts';

/** The parse stage's output for in-memory files, synchronously: runbooks parsed, people.yaml read. */
function parsedOf(files: SourceFile[]): Parsed {
  const people = files.find((file) => file.kind === 'people');
  return { documents: files.filter((file) => file.kind === 'runbook').map(parseRunbook), people: people ? parseYaml(people.text, people.path) : null };
}

const config = configSchema.parse({});
// FUZZ_RUNS=5000 for a longer hunt (`npm run fuzz` runs 10,000 a property); the default keeps the suite quick.
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 300), ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) };
/** Cases run, by property; `npm run fuzz` prints them (FUZZ_REPORT names the file). */
const tally = new Map<string, number>();
const counted = <T extends unknown[]>(name: string, check: (...args: T) => void) => (...args: T) => {
  tally.set(name, (tally.get(name) ?? 0) + 1);
  check(...args);
};
afterAll(() => {
  const report = process.env.FUZZ_REPORT;
  if (!report) return;
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, JSON.stringify(Object.fromEntries(tally)));
});
/** Rule ids a diagnostic may carry; anything else means an unexplained internal path leaked out. */
const RULES = new Set([
  'yaml-syntax', 'duplicate-key', 'forbidden-key', 'unknown-field', 'missing-field', 'invalid-value', 'unknown-person', 'unknown-team',
  'duplicate-id', 'backup-is-primary', 'unreadable-file', 'missing-frontmatter', 'unclosed-frontmatter', 'csv-syntax', 'unknown-metric',
  'unknown-workflow', 'unsafe-file', ...GAP_RULES.map((rule) => rule.id),
]);

/** The check pipeline in memory (decode -> parse -> validate -> model -> facts -> audit), with the files' lines for checking places. */
function pipeline(files: Record<string, string>): { diagnostics: Diagnostic[]; lines: Map<string, number> } {
  const sources: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = new Map<string, number>();
  for (const [name, raw] of Object.entries(files)) {
    const text = decode(Buffer.from(raw, 'utf8'));
    if (typeof text !== 'string') {
      diagnostics.push({ severity: 'error', rule: 'unreadable-file', message: text.message, file: name, line: text.line ?? 1, column: text.column ?? 1 });
      lines.set(name, raw.split(/\r\n?|\n/).length);
      continue;
    }
    lines.set(name, text.split('\n').length);
    const kind = name === 'people.yaml' ? 'people' : name.startsWith('metrics/') ? 'metrics' : 'runbook';
    const id = name.replace(/^(runbooks|metrics)\//, '').replace(/\.(md|csv)$/, '');
    sources.push({ kind, path: name, abs: `/content/${name}`, id, text });
  }
  const parsed = parsedOf(sources);
  const loaded = { files: sources, diagnostics };
  const valid = validate(config, loaded, parsed);
  const { site, diagnostics: found } = model(config, loaded, valid);
  return { diagnostics: [...valid.diagnostics, ...found, ...audit(site, facts(site, NOW))], lines };
}

/** Every diagnostic names a known rule, a file of the folder, a line inside that file and a column from 1, in one line of text. */
function expectWellPlaced({ diagnostics, lines }: ReturnType<typeof pipeline>): void {
  for (const d of diagnostics) {
    expect(RULES.has(d.rule), d.rule).toBe(true);
    expect(d.message).toMatch(/^[^\n]+$/);
    if (!d.file) continue;
    expect(lines.has(d.file), d.file).toBe(true);
    expect(d.line, `${d.rule} ${d.file}`).toBeGreaterThanOrEqual(1);
    expect(d.line, `${d.rule} ${d.file}`).toBeLessThanOrEqual(lines.get(d.file)!);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

const anyText = fc.string({ unit: 'binary', maxLength: 300 });
/** Short runs of the characters YAML treats specially, so broken structure comes up often. */
const yamlish = fc.string({
  unit: fc.constantFrom('a', 'id', ' ', '  ', '\n', '\t', ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '"', "'", '#', '&a', '*a', '!', '|', '>', '?', '%', '@', '---', '...', '\r\n', '\uFEFF', '__proto__', '<<', 'title', 'owners'),
  maxLength: 60,
});

const id = fc.constantFrom('dana', 'sam', 'ivan', 'mei', 'support-ops', 'ghost', 'Dana', '', 'responder');
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), id, fc.constantFrom('2026-02-30', '2026-11-30', '30m', '2h', '9x', '<= 0.04', 'production', 'experiment', 'pilot', 'cost'));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('primary', 'backup', 'after', 'notify', 'name', 'kind', 'target', 'when', 'to', 'last', 'next', 'every', 'date', 'x'), tie('v'), { maxKeys: 3 })),
})).v;
/** Frontmatter-shaped objects: mostly the spec's fields, with random and sometimes wrong values. */
const frontmatter = fc.dictionary(
  fc.constantFrom('title', 'summary', 'status', 'team', 'tags', 'owners', 'handover', 'review', 'metrics', 'escalation', 'fallback', 'changes', 'extra', 'sumary', 'inputs'),
  value,
  { maxKeys: 8 },
);
const peopleDoc = fc.record({
  teams: fc.array(fc.dictionary(fc.constantFrom('id', 'name', 'lead', 'chat', 'nmae'), value, { maxKeys: 4 }), { maxLength: 3 }),
  people: fc.array(fc.dictionary(fc.constantFrom('id', 'name', 'team', 'active', 'away', 'timezone', 'contact'), value, { maxKeys: 5 }), { maxLength: 4 }),
});

/** Markdown built from the pieces that make parsers work hard or go wrong: containers, runs, tables, footnotes, odd links. */
const body = fc.string({
  unit: fc.constantFrom(
    'text', ' ', '  ', '    ', '\t', '\n', '\n\n', '> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '# ', '## Purpose\n', '## Rollback\n', '---\n',
    '`', '``', '```', '```js\n', '~~~\n', '~', '~~', '*', '**', '_', '__', '\\', '&amp;', '&#0;', '&#x110000;', '<div>', '</div>', '<script>x</script>', '<!--', '-->',
    '| a | b |\n', '|---|---|\n', '| c |', '|', ':--', '[^1]', '[^1]: note\n', '[^a b]', '[^]', '[x]', '[x]: /u\n', '[', ']', '(', ')', '![', '<', '>',
    '[a](ü ñ.png)', '[a](<a b.png>)', '[f](100%#?&.md)', '[f](%zz)', '[r](../support/x.md#rollback)', '[p](people:dana)', '[t](teams:ghost)', '[j](javascript:alert(1))',
    '[d](data:text/html,<b>x</b>)', '![i](flow.png "title")', '<https://a.example/x>', 'www.example.com', 'https://', 'a@b.co', '- [ ] task\n', '- [x] done\n',
    '\u202e', '\u0000', '\uFEFF', '\r\n', '\u2028',
  ),
  maxLength: 120,
});
/** Values people.yaml and metrics fields rarely see: control characters, scripts, odd zones and dates. */
const oddValue = fc.constantFrom('javascript:alert(1)', '<script>alert(1)</script>', '\u001b[2J', 'a\nb', '\u202eevil', '../../etc/passwd', 'Europe/Nowhere', 'UTC', '+14:00', '2026-02-29', '2027-01-03', 'mailto:x@y.z', 'tel:+1 555', '', ' ', 'x'.repeat(300));
const oddPeople = fc.record({
  teams: fc.array(fc.record({ id: fc.oneof(id, oddValue), name: fc.oneof(fc.string(), oddValue), lead: fc.oneof(id, oddValue) }, { requiredKeys: ['id'] }), { maxLength: 3 }),
  people: fc.array(
    fc.record(
      {
        id: fc.oneof(id, oddValue),
        name: fc.oneof(fc.string(), oddValue),
        team: fc.oneof(id, oddValue),
        timezone: oddValue,
        active: fc.oneof(fc.boolean(), oddValue),
        contact: fc.dictionary(fc.constantFrom('email', 'chat', 'phone', 'url', 'x'), fc.oneof(oddValue, fc.string())),
        away: fc.array(fc.record({ from: fc.oneof(oddValue, fc.constantFrom('2026-11-20', '2026-12-24')), to: fc.oneof(oddValue, fc.constantFrom('2026-11-19', '2027-01-03')), note: oddValue }), { maxLength: 2 }),
      },
      { requiredKeys: ['id'] },
    ),
    { maxLength: 4 },
  ),
});
/** Metrics CSVs row by row: the header mostly right, dates, names and values often wrong. */
const csvRows = fc
  .tuple(
    fc.constantFrom('date,metric,value', 'date,metric,value,note', 'metric,date,value', '\uFEFFdate,metric,value', ''),
    fc.array(
      fc.tuple(
        fc.constantFrom('2026-11-01', '2026-02-30', '2026-11-01T10:00:00Z', '9999-12-01', '', 'yesterday', '"2026-11-02"'),
        fc.constantFrom('Cost', 'cost', 'Other', '"Cost"', '', '"a,b"', '"unclosed'),
        fc.constantFrom('0.5', '-1', '1e309', 'NaN', '', '0x10', '1,5', '"0.03"', '99999999999999999999'),
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([header, rows, eol]) => [header, ...rows.map((row) => row.join(','))].join(eol));

/** Each hostile shape's size past which it must be refused before parsing, and the words of the bound that refuses it. */
const REFUSED_PAST: Record<string, [number, RegExp]> = {
  'list markers on one line': [BOUNDS.nesting, /nested about \d+ levels/],
  'indented list': [BOUNDS.nesting, /nested about \d+ levels/],
  'block quote markers': [BOUNDS.nesting, /nested about \d+ levels/],
  'backtick runs': [BOUNDS.run, /a run of \d+ "`" characters/],
  // "https://\n" then 16-byte lines, all one block: refused once the block passes BOUNDS.block bytes.
  'one URL and many lines': [Math.floor((BOUNDS.block - 9) / 16), /without a blank line/],
  'one-line quotes': [BOUNDS.quotes, /more than \d+ block quotes/],
  // 50 cells a row, with the header and delimiter rows.
  'large table': [BOUNDS.cells / 50 - 2, /more than \d+ cells/],
};

const asRunbook = (yaml: string) => `---\n${yaml}\n---\n\n## Purpose\n\nText with a [link](./other.md#x).\n`;

describe('fuzzing: no input throws past the diagnostic boundary, and every place is inside its file', () => {
  it('arbitrary text as a whole runbook', () => {
    fc.assert(fc.property(anyText, counted('whole runbook', (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': text })))), RUNS);
  });

  it('arbitrary text as frontmatter', () => {
    fc.assert(fc.property(anyText, counted('frontmatter text', (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': asRunbook(text) })))), RUNS);
  });

  it('YAML-ish fragments as frontmatter and as people.yaml', () => {
    fc.assert(
      fc.property(yamlish, yamlish, counted('YAML fragments', (fm, people) => expectWellPlaced(pipeline({ 'people.yaml': people, 'runbooks/x.md': asRunbook(fm), 'runbooks/y.md': asRunbook(`title: T\nsummary: S\nstatus: pilot\n${fm}`) })))),
      RUNS,
    );
  });

  it('frontmatter-shaped documents with wrong and right values', () => {
    fc.assert(fc.property(frontmatter, counted('frontmatter documents', (doc) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': asRunbook(stringify(doc)) })))), RUNS);
  });

  it('the same documents written in flow style (all on one line)', () => {
    fc.assert(fc.property(frontmatter, counted('flow-style documents', (doc) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': asRunbook(stringify(doc, { collectionStyle: 'flow' })) })))), RUNS);
  });

  it('people.yaml-shaped documents, with a runbook that uses the ids', () => {
    const user = asRunbook('title: T\nsummary: S\nstatus: production\nteam: support-ops\nowners:\n  maintainer: { primary: dana, backup: sam }\nescalation:\n  levels:\n    - { after: 0m, notify: [ivan, support-ops] }\n');
    fc.assert(fc.property(peopleDoc, counted('people documents', (doc) => expectWellPlaced(pipeline({ 'people.yaml': stringify(doc), 'runbooks/x.md': user })))), RUNS);
  });

  it('arbitrary text as a metrics CSV', () => {
    const user = asRunbook('title: T\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-01 }\nmetrics:\n  - { name: Cost, kind: cost, target: "<= 1" }\n');
    const csv = fc.oneof(anyText, fc.string({ unit: fc.constantFrom('date,metric,value\n', '2026-11-01', ',', 'Cost', '"', '0.5', '\n', 'x', '-'), maxLength: 30 }));
    fc.assert(fc.property(csv, counted('metrics CSV text', (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': user, 'metrics/x.csv': text })))), RUNS);
  });

  it('Markdown bodies: nesting, runs, tables, footnotes and links with odd characters', () => {
    fc.assert(fc.property(body, counted('bodies', (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': withBody(text), 'runbooks/y.md': text })))), RUNS);
  });

  it('people.yaml with odd ids, names, contacts, time zones and away dates', () => {
    const user = asRunbook('title: T\nsummary: S\nstatus: pilot\nteam: support-ops\nowners:\n  maintainer: { primary: dana, backup: sam }\nreview: { last: 2026-10-01, by: dana, every: 90d }\n');
    fc.assert(fc.property(oddPeople, counted('odd people', (doc) => expectWellPlaced(pipeline({ 'people.yaml': stringify(doc), 'runbooks/x.md': user })))), RUNS);
  });

  it('metrics CSVs row by row', () => {
    const user = asRunbook('title: T\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-01 }\nmetrics:\n  - { name: Cost, kind: cost, target: "<= 1" }\n');
    fc.assert(fc.property(csvRows, counted('metrics CSV rows', (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': user, 'metrics/x.csv': text })))), RUNS);
  });

  // The bound is on work done, not time: past its size a shape never reaches the Markdown parser.
  it.each(Object.entries(SHAPES))('the hostile shape "%s" is refused before parsing past its bound, at any size', (name, shape) => {
    const [limit, words] = REFUSED_PAST[name]!;
    const sizes = fc.oneof(fc.integer({ min: 1, max: limit + 2 }), fc.integer({ min: 1, max: shape.size }), fc.constant(shape.size));
    fc.assert(
      fc.property(sizes, counted(`shape: ${name}`, (n) => {
        const parsed = parseRunbook({ kind: 'runbook', path: 'runbooks/x.md', abs: '/content/runbooks/x.md', id: 'x', text: withBody(shape.make(n)) });
        const refused = parsed.diagnostics.find((d) => d.rule === 'unreadable-file');
        if (n > limit) expect(refused?.message, `${name} at ${n}`).toMatch(words);
        else expect(refused, `${name} at ${n}`).toBeUndefined();
      })),
      { ...RUNS, numRuns: Math.min(RUNS.numRuns, Number(process.env.FUZZ_SHAPE_RUNS ?? 12)) },
    );
  });

  it('leaves Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('fuzzing bodies: footnotes and links with odd characters render, and every link they produce resolves', () => {
  /** File names beside the runbooks, with the characters that broke encoding before. */
  const ASSETS = ['ü ñ.png', 'a b.pdf', '100%#?&.png', 'plain.png', "o'q\"uote.txt"];
  const RUNBOOKS = ['ops/x', 'ops/über runbook', 'other/y'];
  const target = fc.constantFrom(
    ...ASSETS.flatMap((name) => [name, encodeURI(name), name.split('').map((c) => (/[\w.-]/.test(c) ? c : encodeURIComponent(c))).join('')]),
    '../other/y.md', '%C3%BCber%20runbook.md#purpose', 'über runbook.md', '#purpose', '#fn-1', 'people:dana', 'teams:support-ops', 'people:Dana',
    'javascript:alert(1)', 'data:text/html,x', 'https://example.com/a b', 'mailto:a@b.c', 'tel:+1 555', '//example.com', 'missing.png', '../../out.png',
    'a&#10;b.md', '<ü ñ.png>', '100%.png', '%zz.png', '?q=1', 'x.md?#',
  );
  const fragment = fc.oneof(
    target.map((url) => `[link](${url.startsWith('<') ? url : url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`),
    target.map((url) => `![image](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))} "t")`),
    fc.constantFrom('[^1]', '[^ü]', '[^a-b]', '[^1]: note one', '[^ü]: note ü', '[^missing]', '[^]', '[^1]: [in a note](#purpose)'),
    fc.constantFrom('text', ' ', '\n', '\n\n', '## Purpose', '## Footnotes', '> ', '- ', '`code`', '*', '_', '<b>raw</b>', '&amp;', '\\'),
  );
  const body = fc.array(fragment, { maxLength: 25 }).map((parts) => parts.join(' '));

  function render(text: string): { html: string; files: OutFile[]; diagnostics: Diagnostic[] } {
    const files: SourceFile[] = [
      { kind: 'people', path: 'people.yaml', abs: '/c/people.yaml', id: 'people', text: PEOPLE },
      ...RUNBOOKS.map((id) => ({ kind: 'runbook' as const, path: `runbooks/${id}.md`, abs: `/c/runbooks/${id}.md`, id, text: `---\ntitle: T\nsummary: S\nstatus: retired\n---\n\n## Purpose\n\n${id === 'ops/x' ? text : 'x'}\n` })),
      ...ASSETS.map((name) => ({ kind: 'asset' as const, path: `runbooks/ops/${name}`, abs: `/c/runbooks/ops/${name}`, id: `ops/${name}`, text: '' })),
    ];
    const parsed = parsedOf(files);
    const loaded = { files, diagnostics: [] };
    const valid = validate(config, loaded, parsed);
    const { site, diagnostics } = model(config, loaded, valid);
    const out: OutFile[] = [
      ...site.workflows.map((w) => ({ path: runbookPath(w.id), content: `<main>${renderMarkdown(w, site, runbookPath(w.id)).html}</main>` })),
      ...ASSETS.map((name) => ({ path: `runbooks/ops/${name}`, content: new Uint8Array([1]) })),
      ...site.people.map((p) => ({ path: personPath(p.id), content: '' })),
      ...site.teams.map((t) => ({ path: teamPath(t.id), content: '' })),
    ];
    const page = out.find((f) => f.path === runbookPath('ops/x'))!;
    return { html: String(page.content), files: out, diagnostics: [...valid.diagnostics, ...diagnostics, ...audit(site, facts(site, NOW))] };
  }

  it('no throw; every diagnostic one line; no script URL or handler; every href or src the body gets resolves in the built files', () => {
    fc.assert(
      fc.property(body, (text) => {
        const { html, files, diagnostics } = render(text);
        for (const d of diagnostics) expect(d.message).toMatch(/^[^\n\r\u2028]+$/);
        expect(html).not.toMatch(/<script|\son[a-z]+=|(href|src)="\s*(javascript|vbscript|data):/i);
        expect(html).not.toContain('user-content-user-content-');
        // A link the site could not resolve is rendered without an href (and reported as a gap), so every href here must land.
        expect(brokenLinks(files)).toEqual([]);
      }),
      RUNS,
    );
  });
});
