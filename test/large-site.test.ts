import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../bench/generate.ts';
import { check } from '../src/index.ts';
import { homePage, HOME_REVIEWS } from '../src/render/pages/home.ts';
import { reportPage, RULE_ITEMS, RULE_OPEN } from '../src/render/pages/report.ts';
import { renderSpec } from '../src/render/render.ts';
import { renderContext, type RenderContext } from '../src/render/types.ts';

/** A large site in trouble, as the bench makes it: 120 generated runbooks with three broken links each, reviews long overdue. */
let dir: string;
let ctx: RenderContext;
const THEME = { css: ['assets/handover.css'], js: ['assets/handover.js'], mermaid: 'assets/mermaid.js' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-large-'));
  const content = path.join(dir, 'content');
  const generated = await generate(content, { runbooks: 120, seed: 7 });
  for (const id of generated.ids) {
    const file = path.join(content, 'runbooks', `${id}.md`);
    await writeFile(file, `${await readFile(file, 'utf8')}\n## See also\n\n- [a](gone-1.md)\n- [b](gone-2.md)\n- [c](gone-3.md)\n`);
  }
  // Half a year on, every review is overdue.
  const result = await check({ content, now: '2027-06-01' });
  expect(result.errors).toEqual([]);
  ctx = renderContext(result, '', THEME);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a large site', () => {
  test("the home page lists only the most urgent reviews, and links to the report for the rest", () => {
    const view = homePage(ctx).view;
    expect(view.reviewsTotal).toBeGreaterThan(100);
    expect(view.reviews).toHaveLength(HOME_REVIEWS);
    expect(view.reviewsMore).toBe(view.reviewsTotal - HOME_REVIEWS);
    // Most urgent first: the earliest due dates.
    const dues = view.reviews.map((r) => r.review.due);
    expect(dues).toEqual([...dues].sort());
    const html = renderSpec(ctx, homePage(ctx));
    expect(html).toContain(`<a href="report/index.html#reviews">${view.reviewsMore} more on the report</a>`);
    expect(html.match(/<li><span class="todo-what">/g)).toHaveLength(HOME_REVIEWS);
  });

  test('the report groups gaps by rule with counts; a long group starts collapsed and lists only its first gaps', () => {
    const { rules, gapCount } = reportPage(ctx).view;
    const broken = rules.find((r) => r.rule === 'broken-link')!;
    expect(broken.count).toBe(360);
    expect([broken.open, broken.items.length, broken.more]).toEqual([false, RULE_ITEMS, 360 - RULE_ITEMS]);
    expect(rules.reduce((n, r) => n + r.count, 0)).toBe(gapCount);
    for (const rule of rules) expect(rule.open).toBe(rule.count <= RULE_OPEN);
    const html = renderSpec(ctx, reportPage(ctx));
    expect(html).toMatch(/<details class="rule-group">\s*<summary><span class="rule-title">A link goes nowhere<\/span> <span class="count">360<\/span><\/summary>/);
    expect(html).toContain(`${360 - RULE_ITEMS} more gaps of this kind`);
  });

  test('too-many-roles is reported once per person, however many workflows they hold roles in', () => {
    const ACTIVE = ['experiment', 'pilot', 'production'];
    const overLimit = [...ctx.facts.people.values()].filter((p) => p.held.filter((h) => h.slot === 'primary' && ACTIVE.includes(h.workflow.fm.status)).length > ctx.site.config.maxPrimaryRoles);
    const gaps = ctx.gaps.filter((g) => g.rule === 'too-many-roles');
    expect(overLimit.length).toBeGreaterThan(1);
    expect(gaps).toHaveLength(overLimit.length);
  });
});
