import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { audit } from '../src/audit/index.ts';
import { GAP_RULES } from '../src/audit/registry.ts';
import { facts } from '../src/facts/index.ts';
import { configSchema } from '../src/config.ts';
import type { Diagnostic } from '../src/diagnostic.ts';
import { decode, type SourceFile } from '../src/load.ts';
import { model } from '../src/model.ts';
import { brokenLinks } from './helpers/links.ts';
import { parseRunbook } from '../src/parse.ts';
import { validate } from '../src/validate/index.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { personPath, runbookPath, teamPath, type OutFile } from '../src/render/types.ts';
import { NOW, PEOPLE } from './helpers/site.ts';

const config = configSchema.parse({});
// FUZZ_RUNS=5000 for a longer hunt; the default keeps the suite quick.
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 300) };
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
  const parsed = sources.filter((s) => s.kind === 'runbook').map(parseRunbook);
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

const asRunbook = (yaml: string) => `---\n${yaml}\n---\n\n## Purpose\n\nText with a [link](./other.md#x).\n`;

describe('fuzzing: no input throws past the diagnostic boundary, and every place is inside its file', () => {
  it('arbitrary text as a whole runbook', () => {
    fc.assert(fc.property(anyText, (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': text }))), RUNS);
  });

  it('arbitrary text as frontmatter', () => {
    fc.assert(fc.property(anyText, (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': asRunbook(text) }))), RUNS);
  });

  it('YAML-ish fragments as frontmatter and as people.yaml', () => {
    fc.assert(
      fc.property(yamlish, yamlish, (fm, people) => expectWellPlaced(pipeline({ 'people.yaml': people, 'runbooks/x.md': asRunbook(fm), 'runbooks/y.md': asRunbook(`title: T\nsummary: S\nstatus: pilot\n${fm}`) }))),
      RUNS,
    );
  });

  it('frontmatter-shaped documents with wrong and right values', () => {
    fc.assert(fc.property(frontmatter, (doc) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': asRunbook(stringify(doc)) }))), RUNS);
  });

  it('the same documents written in flow style (all on one line)', () => {
    fc.assert(fc.property(frontmatter, (doc) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': asRunbook(stringify(doc, { collectionStyle: 'flow' })) }))), RUNS);
  });

  it('people.yaml-shaped documents, with a runbook that uses the ids', () => {
    const user = asRunbook('title: T\nsummary: S\nstatus: production\nteam: support-ops\nowners:\n  maintainer: { primary: dana, backup: sam }\nescalation:\n  levels:\n    - { after: 0m, notify: [ivan, support-ops] }\n');
    fc.assert(fc.property(peopleDoc, (doc) => expectWellPlaced(pipeline({ 'people.yaml': stringify(doc), 'runbooks/x.md': user }))), RUNS);
  });

  it('arbitrary text as a metrics CSV', () => {
    const user = asRunbook('title: T\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-01 }\nmetrics:\n  - { name: Cost, kind: cost, target: "<= 1" }\n');
    const csv = fc.oneof(anyText, fc.string({ unit: fc.constantFrom('date,metric,value\n', '2026-11-01', ',', 'Cost', '"', '0.5', '\n', 'x', '-'), maxLength: 30 }));
    fc.assert(fc.property(csv, (text) => expectWellPlaced(pipeline({ 'people.yaml': PEOPLE, 'runbooks/x.md': user, 'metrics/x.csv': text }))), RUNS);
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
    const parsed = files.filter((s) => s.kind === 'runbook').map(parseRunbook);
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
