import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.ts';
import { launch, serve } from './harness.ts';

/** The example site as of two days: 1 Dec (Mei and Felix away) and 20 Nov (everyone in). */
describe('who to call today, as a reader sees it in Chromium', () => {
  let browser: Browser;
  let dir: string | undefined;
  const hosts = new Map<string, Awaited<ReturnType<typeof serve>>>();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'handover-e2e-facts-'));
    for (const now of ['2026-12-01', '2026-11-20']) {
      const out = path.join(dir, now);
      const result = await build({ content: 'content', now, out, cache: false });
      expect(result.errors).toEqual([]);
      hosts.set(now, await serve(out));
    }
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts.values()) await host.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(now: string, page: string): Promise<Page> {
    const tab = await browser.newPage();
    await tab.goto(`${hosts.get(now)!.url}${page}`);
    return tab;
  }

  /** The drawn diagram's label text, once mermaid has rendered it. */
  async function diagramText(tab: Page): Promise<string> {
    await tab.waitForFunction(() => document.querySelector('pre.mermaid svg'), undefined, { timeout: 30_000 });
    return (await tab.locator('pre.mermaid svg').textContent())!.replace(/\s+/g, ' ');
  }

  it('Dispute reply drafts on 1 Dec: level 2 marks Mei away now, in the card, the list and the drawn diagram, with who to call instead', async () => {
    const tab = await open('2026-12-01', 'runbooks/finance/dispute-replies/index.html');
    const card = tab.locator('#call-now');
    await expect.poll(() => card.locator('.call-step').count()).toBe(2);
    expect((await card.locator('.call-step').first().innerText()).replace(/\s+/g, ' ')).toMatch(/^Call first · #disputes-bot on chat Nia Brooks/);
    const away = card.locator('.who-away');
    expect(await away.count()).toBe(1);
    expect((await away.innerText()).replace(/\s+/g, ' ')).toMatch(/Mei Chen ✈ away now, until 4 Dec .*Call instead Omar Haddad/);
    expect(await card.innerText()).not.toContain('Tomas Reyes');
    expect((await tab.locator('ol.levels li').nth(1).innerText()).replace(/\s+/g, ' ')).toMatch(/Level 2, after 30 min: Grace Mensah, Mei Chen ✈ away now, until 4 Dec \(call instead: Omar Haddad/);
    const drawn = await diagramText(tab);
    expect(drawn).toContain('Mei Chen (away now, until 4 Dec)');
    expect(drawn).toContain('call instead: Omar Haddad');
    await tab.close();
  });

  it('People policy answers: the first responder is away on 1 Dec and the card says whom to call instead; on 20 Nov nobody is away', async () => {
    const today = await open('2026-12-01', 'runbooks/people/policy-answers/index.html');
    const first = today.locator('#call-now .call-step').first();
    expect((await first.innerText()).replace(/\s+/g, ' ')).toMatch(/Felix Braun ✈ away now, until 4 Dec .*Call instead Ada Lindqvist/);
    expect(await first.locator('.mark-away-now').count()).toBe(1);
    const drawn = await diagramText(today);
    expect(drawn).toContain('Felix Braun (away now, until 4 Dec)');
    await today.close();
    const before = await open('2026-11-20', 'runbooks/people/policy-answers/index.html');
    const card = before.locator('#call-now');
    expect(await card.locator('.mark-away-now').count()).toBe(0);
    expect(await card.locator('.who-instead').count()).toBe(0);
    // Away in ten days is shown with its dates, but the person is still called first.
    expect((await card.locator('.call-step').first().innerText()).replace(/\s+/g, ' ')).toMatch(/Call first .*Felix Braun ✈ away 1–4 Dec/);
    expect(await diagramText(before)).not.toContain('away now');
    await before.close();
  });
});
