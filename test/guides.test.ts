import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runNew } from '../src/commands/new.ts';
import { UserError } from '../src/diagnostic.ts';
import { toJson } from '../src/format.ts';
import { guideJsonSchema } from '../src/json-schema.ts';
import { check } from '../src/index.ts';
import { checkFiles, NOW, PEOPLE, runbook } from './helpers/site.ts';

const guide = (frontmatter: string, body = 'Read this first.\n') => `---\n${frontmatter.replace(/\n?$/, '\n')}---\n\n${body}`;
const RUNBOOK = runbook('title: Refunds\nsummary: Drafts replies.\nstatus: experiment\nowners: { maintainer: { primary: ivan } }\nreview: { next: 2027-01-15 }', '## Purpose\n\nDrafts replies. New? Read [start here](../../guides/start-here.md#who-to-ask).\n');

describe('guides in check', () => {
  it('a guide is valid with title and summary only, and links to and from runbooks resolve', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/billing/refunds.md': RUNBOOK,
      'guides/start-here.md': guide('title: Start here\nsummary: The first week.', 'See [refunds](../runbooks/billing/refunds.md#purpose).\n\n## Who to ask\n\n[Dana](people:dana).\n'),
    });
    expect(result.errors).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.site.guides.map((g) => [g.id, g.fm.title])).toEqual([['start-here', 'Start here']]);
    expect(result.site.workflows.map((w) => w.id)).toEqual(['billing/refunds']);
  });

  it('guide frontmatter has its own schema: no status, owners or metrics; owner and review.by must exist', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'guides/a.md': guide('title: A\nsummary: About a.\nstatus: production\nowner: nobody\nreview: { last: 2026-01-01, by: dna }'),
      'guides/b.md': guide('title: B\nsummary: ""'),
    });
    expect(result.errors.map((e) => [e.file!.split('/').slice(-2).join('/'), e.line, e.rule, e.field, e.message])).toEqual([
      ['guides/a.md', 4, 'unknown-field', 'status', expect.stringContaining('"status"')],
      ['guides/b.md', 3, 'invalid-value', 'summary', '"summary" must not be empty'],
    ]);
    // With the schema error fixed, the ids are checked against people.yaml (owner: a person or a team).
    const fixed = await checkFiles({ 'people.yaml': PEOPLE, 'guides/a.md': guide('title: A\nsummary: About a.\nowner: nobody\nreview: { last: 2026-01-01, by: dna }') });
    expect(fixed.errors.map((e) => [e.line, e.rule, e.field, e.message, e.hint])).toEqual([
      [4, 'unknown-person', 'owner', 'no person or team has the id "nobody"; fix the id or add it to people.yaml', expect.any(String)],
      [5, 'unknown-person', 'review.by', 'no person has the id "dna"; fix the id or add it to people.yaml', "did you mean 'dana'?"],
    ]);
  });

  it('a stale guide is a review gap, with the guide named instead of a workflow; no review date, no finding', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'guides/old.md': guide('title: Old\nsummary: Stale.\nowner: support-ops\nreview: { last: 2026-01-10, every: 6mo }'),
      'guides/soon.md': guide('title: Soon\nsummary: Due soon.\nowner: sam\nreview: { next: 2026-11-30 }'),
      'guides/none.md': guide('title: None\nsummary: No review date.'),
    });
    expect(result.errors).toEqual([]);
    expect(result.gaps.map((g) => [g.guide, g.workflow, g.rule, g.field, g.line, g.message])).toEqual([
      ['old', undefined, 'review-overdue', 'review', 5, 'the review was due on 10 Jul 2026, 135 days ago; review the guide and update review.last'],
      ['soon', undefined, 'review-due-soon', 'review', 5, 'the review is due in 8 days (30 Nov 2026); plan it with the owner'],
    ]);
    // The team's lead runs a team-owned guide's review; a person owner runs their own.
    expect(result.facts.guides.get('old')!.review.runner).toEqual({ person: 'dana', role: 'Team lead' });
    expect(result.facts.guides.get('soon')!.review.runner).toEqual({ person: 'sam', role: 'Owner' });
    const json = JSON.parse(toJson(result.errors, result.gaps));
    expect(json.gaps[0]).toEqual({ workflow: null, guide: 'old', rule: 'review-overdue', message: expect.any(String), field: 'review', file: expect.stringMatching(/guides\/old\.md$/), line: 5, column: 1 });
  });

  it('a broken link in a guide is a broken-link gap at its line; links into guides/ that are not pages are explained', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/billing/refunds.md': runbook('title: Refunds\nsummary: Drafts replies.\nstatus: experiment\nowners: { maintainer: { primary: ivan } }\nreview: { next: 2027-01-15 }', '## Purpose\n\nSee [nope](../../guides/nope.md).\n'),
      'guides/a.md': guide('title: A\nsummary: About a.', 'One.\n\n[gone](../runbooks/gone.md) and [pic](pic.png)\n'),
      'guides/pic.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    expect(result.gaps.map((g) => [g.guide ?? g.workflow, g.rule, g.line, g.message])).toEqual([
      ['a', 'broken-link', 8, 'the link "../runbooks/gone.md" is broken (no runbook at runbooks/gone.md); fix or remove it'],
      ['a', 'broken-link', 8, 'the link "pic.png" is broken (files beside guides are not published; put guides/pic.png under runbooks/ and link it there); fix or remove it'],
      ['billing/refunds', 'broken-link', 11, 'the link "../../guides/nope.md" is broken (no guide at guides/nope.md); fix or remove it'],
    ]);
  });

  it('a link to a heading id in the wrong case (or misspelt) is broken, with the id to use as its hint', async () => {
    const result = await checkFiles({
      'people.yaml': PEOPLE,
      'runbooks/billing/refunds.md': runbook('title: Refunds\nsummary: Drafts replies.\nstatus: experiment\nowners: { maintainer: { primary: ivan } }\nreview: { next: 2027-01-15 }', '## Purpose\n\nSee [alerts](../../guides/deps.md#Dependabot).\n'),
      'guides/deps.md': guide('title: Deps\nsummary: Updates.', '## Dependabot\n\nSee [above](#Dependabot), [typo](#dependabto) and [far off](#renovate).\n'),
    });
    expect(result.gaps.map((g) => [g.guide ?? g.workflow, g.line, g.message, g.hint])).toEqual([
      ['deps', 8, 'the link "#Dependabot" is broken (this page has no heading "#Dependabot"); fix or remove it', "did you mean '#dependabot'?"],
      ['deps', 8, 'the link "#dependabto" is broken (this page has no heading "#dependabto"); fix or remove it', "did you mean '#dependabot'?"],
      ['deps', 8, 'the link "#renovate" is broken (this page has no heading "#renovate"); fix or remove it', undefined],
      ['billing/refunds', 11, 'the link "../../guides/deps.md#Dependabot" is broken (guides/deps.md has no heading "#Dependabot"); fix or remove it', "did you mean '#dependabot'?"],
    ]);
  });

  it('a guide whose name holds "#" is refused like a runbook', async () => {
    const result = await checkFiles({ 'people.yaml': PEOPLE, 'guides/a#b.md': guide('title: A\nsummary: About a.') });
    expect(result.errors.map((e) => [e.rule, e.message])).toEqual([['unreadable-file', expect.stringContaining('the file name holds "#"')]]);
  });
});

describe('handover new --guide', () => {
  let dir: string;
  let content: string;
  let config: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'handover-guide-'));
    content = path.join(dir, 'content');
    await mkdir(content);
    await copyFile(new URL('fixtures/new/people.yaml', import.meta.url), path.join(content, 'people.yaml'));
    config = path.join(dir, 'site.config.mjs');
    await writeFile(config, "export default { review: { every: '6mo' } };\n");
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });
  const newGuide = (...args: string[]) => runNew([...args, '--content', content, '--config', config]);

  it('writes guides/<id>.md that check reports until its summary is written, then builds clean', async () => {
    expect(await newGuide('--guide', 'how-to/start-here')).toBe(0);
    const file = path.join(content, 'guides', 'how-to', 'start-here.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('title: "Start here"');
    expect(text).toContain('every: 6mo');
    const first = await check({ content, config, now: NOW });
    expect(first.errors.map((e) => [e.rule, e.field, e.line])).toEqual([['invalid-value', 'summary', 4]]);
    await writeFile(file, text.replace('summary: ""', 'summary: Your first week.').replace('# owner: <person or team id>', 'owner: ops').replace(/# review: .*/, 'review: { last: 2026-11-01, by: ana, every: 6mo }'));
    const second = await check({ content, config, now: NOW });
    expect(second.errors).toEqual([]);
    expect(second.gaps).toEqual([]);
    expect(second.facts.guides.get('how-to/start-here')!.review.due).toBe('2027-05-01');
  });

  it('never overwrites, and a guide takes no --status', async () => {
    expect(await newGuide('--guide', 'glossary', '--summary', 'Words.')).toBe(0);
    await expect(newGuide('--guide', 'glossary')).rejects.toThrow(/glossary\.md already exists; it was left as it is/);
    await expect(newGuide('--guide', 'x', '--status', 'pilot')).rejects.toThrow(new UserError('a guide has no status; leave out --status with --guide'));
    await expect(newGuide('--guide', '../x')).rejects.toThrow(/leaves the guides folder/);
  });
});

describe('handover schema --guide', () => {
  it('is the guide schema: title and summary required, owner and review optional, nothing else but extra', () => {
    const schema = guideJsonSchema() as { properties: Record<string, { properties?: Record<string, { pattern?: string }> }>; required: string[]; additionalProperties: boolean; title: string };
    expect(schema.title).toBe('Handover guide frontmatter');
    expect(Object.keys(schema.properties)).toEqual(['title', 'summary', 'owner', 'review', 'extra']);
    expect(schema.required).toEqual(['title', 'summary']);
    expect(schema.additionalProperties).toBe(false);
    expect(new RegExp(schema.properties.review!.properties!.every!.pattern!).test('6mo')).toBe(true);
  });
});
