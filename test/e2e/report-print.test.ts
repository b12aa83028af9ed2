/**
 * The report folds a long group of gaps (more than RULE_OPEN) on screen; paper cannot unfold, so printing
 * opens every folded group, and folds them back after. Printed for real: page.pdf() fires the page's own
 * beforeprint and afterprint events, and the PDF's text is read back.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../src/build.ts';
import { RULE_OPEN } from '../../src/render/pages/report.ts';
import { NOW, PEOPLE, runbook, writeSite, type TempSite } from '../helpers/site.ts';
import { launch, serve } from './harness.ts';

/** More experiments past their decide-by date than a group shows open: that group is folded. */
const OVERDUE = RULE_OPEN + 2;

let browser: Browser;
let site: TempSite;
let out: string;
let host: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const files: Record<string, string> = { 'people.yaml': PEOPLE };
  for (let i = 1; i <= OVERDUE; i++)
    files[`runbooks/ops/job-${String(i).padStart(2, '0')}.md`] = runbook(`title: Nightly job ${i}\nsummary: Runs job ${i}.\nstatus: experiment\nowners: { maintainer: { primary: dana } }\nreview: { next: 2026-10-${String(i).padStart(2, '0')} }`);
  site = await writeSite(files);
  out = `${site.dir}-out`;
  const result = await build({ content: site.dir, out, now: NOW, config: 'site.config.ts', cache: false });
  expect(result.errors).toEqual([]);
  expect(result.gaps.filter((g) => g.rule === 'experiment-overdue')).toHaveLength(OVERDUE);
  host = await serve(out, '/sub/');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await site?.dispose();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('printing the report', () => {
  test('opens its folded gap groups while printing, so the paper lists their gaps, and folds them back after', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${host.url}report/index.html`);
    const groups = tab.locator('details.rule-group');
    const folded = tab.locator('details.rule-group:not([open])');
    const openOnScreen = await groups.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open));
    expect(await folded.count()).toBeGreaterThan(0);
    const group = folded.first();
    expect(await group.locator('summary .rule-title').innerText()).toBe('Experiment past its decide-by date');
    expect(await group.getByRole('link', { name: 'Nightly job 7' }).isVisible()).toBe(false);

    // Listeners added now run after the page's own: they see the groups as the print sees them.
    await tab.evaluate(() => {
      const states: boolean[][] = [];
      (window as unknown as { printStates: boolean[][] }).printStates = states;
      const record = () => states.push([...document.querySelectorAll('details.rule-group')].map((d) => (d as HTMLDetailsElement).open));
      addEventListener('beforeprint', record);
      addEventListener('afterprint', record);
    });
    const pdf = await tab.pdf({ format: 'A4' });
    const [during, after] = await tab.evaluate(() => (window as unknown as { printStates: boolean[][] }).printStates);
    expect(during).toEqual(openOnScreen.map(() => true));
    expect(after).toEqual(openOnScreen);

    // The paper lists the folded group's gaps (every one it shows on screen once opened).
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
    for (let i = 1; i <= OVERDUE; i++) expect(text).toMatch(new RegExp(`Nightly job ${i}\\b`));

    // Back on screen: folded as before, with no trace of the print left on the element.
    expect(await groups.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open))).toEqual(openOnScreen);
    expect(await tab.locator('details[data-print-opened]').count()).toBe(0);
    expect(await group.getByRole('link', { name: 'Nightly job 7' }).isVisible()).toBe(false);
    await context.close();
  });
});
