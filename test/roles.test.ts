import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'renamed-roles');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const section = (html: string, marker: string) => html.slice(html.indexOf(marker), html.indexOf('</section>', html.indexOf(marker)));

/** Roles named oncall, owner and steward: no page may fall back to a role id built into Handover. */
describe('a site whose roles are renamed in site.config.ts', () => {
  let dir: string | undefined;
  let out: string;
  const read = (file: string) => readFile(path.join(out, file), 'utf8');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'handover-roles-'));
    out = path.join(dir, 'site');
    const result = await build({ content: FIXTURE, config: path.join(FIXTURE, 'site.config.ts'), now: '2026-12-01', out, cache: false });
    expect(result.errors).toEqual([]);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the call card calls the duties.call role, then its backup, when there are no levels', async () => {
    const card = text(section(await read('runbooks/ops/invoices/index.html'), 'id="call-now"'));
    expect(card).toMatch(/Call now Call first Omid Rahimi On call Chat @omid Then, if no answer Taj Mensah Backup on call/);
    expect(card).toContain('No escalation levels, so this calls the On call role first, then its backup.');
  });

  it('the call card follows the levels when there are some', async () => {
    const card = text(section(await read('runbooks/ops/reminders/index.html'), 'id="call-now"'));
    expect(card).toMatch(/Call first Taj Mensah On call .*Then, no answer in 1 h Lena Park Owner/);
    expect(card).toContain('Response target 1 h');
  });

  it('the review is run by the steward, on the runbook, the report and the steward page', async () => {
    expect(text(section(await read('runbooks/ops/invoices/index.html'), 'id="owners-and-facts"'))).toContain('run by Sora Ito (Steward)');
    const report = await read('report/index.html');
    expect(text(section(report, 'id="reviews"'))).toMatch(/Invoice checks 30 Nov 2026 · Sora Ito/);
    expect(text(section(report, 'id="load"'))).toMatch(/Sora Ito 2 /);
    expect(text(await read('people/sora/index.html'))).toMatch(/Reviews due Invoice checks · ⚠ 30 Nov 2026 overdue, yesterday as Steward/);
    const json = JSON.parse(await read('report.json'));
    expect(json.workflows.map((w: { review: { runner: unknown } }) => w.review.runner)).toEqual([
      { id: 'sora', as: 'Steward' },
      { id: 'sora', as: 'Steward' },
    ]);
  });

  it('who can fix a gap: the role it names, else the duties.fix role', async () => {
    const report = await read('report/index.html');
    const rows = section(report, 'id="by-rule"');
    expect(text(rows)).toContain('Review overdue');
    expect(text(rows)).toMatch(/Invoice checks Production the review was due on 30 Nov 2026, 1 day ago; review the runbook and record the day of the review Lena Park Owner/);
    const reminders = text(section(await read('runbooks/ops/reminders/index.html'), 'gaps-h'));
    // Pages say it in plain words; check and report.json keep the field path (owners.oncall.backup).
    expect(reminders).toMatch(/no backup On call; .*Who can fix it: On call, Taj Mensah/);
  });

  it('the matrix and the home list name the configured roles and their holders', async () => {
    const matrix = await read('ownership/index.html');
    expect([...matrix.matchAll(/<th scope="col" data-sort>([^<]+)/g)].map((m) => m[1]!.trim())).toEqual(['Workflow', 'Owner', 'On call', 'Steward']);
    expect(text(matrix)).toMatch(/Invoice checks .*Lena Park .*Omid Rahimi .*Taj Mensah .*Sora Ito/);
    const home = text(await read('index.html'));
    expect(home).toMatch(/Invoice checks .* Owner Lena Park First call Omid Rahimi/);
    expect(home).not.toMatch(/Operations|Responder/);
  });
});
