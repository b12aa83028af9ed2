/**
 * The report folds a long group of gaps (more than RULE_OPEN) on screen; paper cannot unfold, so printing
 * opens every folded group, and folds them back after. Printed for real: page.pdf() fires the page's own
 * beforeprint and afterprint events, and the PDF's text is read back.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RULE_OPEN } from '../../src/render/pages/report.ts';
import { PEOPLE, runbook } from '../helpers/site.ts';
import { buildAndServe, type ServedSite } from './harness.ts';

/** More experiments past their decide-by date than a group shows open: that group is folded. */
const OVERDUE = RULE_OPEN + 2;

let served: ServedSite;

beforeAll(async () => {
  const files: Record<string, string> = { 'people.yaml': PEOPLE };
  for (let i = 1; i <= OVERDUE; i++)
    files[`runbooks/ops/job-${String(i).padStart(2, '0')}.md`] = runbook(`title: Nightly job ${i}\nsummary: Runs job ${i}.\nstatus: experiment\nowners: { maintainer: { primary: dana } }\nreview: { next: 2026-10-${String(i).padStart(2, '0')} }`);
  served = await buildAndServe(files);
  expect(served.result.errors).toEqual([]);
  expect(served.result.gaps.filter((g) => g.rule === 'experiment-overdue')).toHaveLength(OVERDUE);
});

afterAll(async () => {
  await served?.close();
});

describe('printing the report', () => {
  test('opens its folded gap groups while printing, so the paper lists their gaps, and folds them back after', { timeout: 60_000 }, async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${served.url}report/index.html`);
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
