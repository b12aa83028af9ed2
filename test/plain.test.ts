import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { plainGap } from '../src/render/plain.ts';

const GAPS = path.join(import.meta.dirname, 'fixtures', 'gaps');

/** Every gap message the rule fixtures pin (what `check` and report.json say). */
async function pinnedMessages(): Promise<string[]> {
  const messages: string[] = [];
  for (const rule of await readdir(GAPS)) {
    const expected = JSON.parse(await readFile(path.join(GAPS, rule, 'expected.json'), 'utf8')) as { gaps: { message: string }[] };
    messages.push(...expected.gaps.map((g) => g.message));
  }
  return messages;
}

describe('gap messages on pages', () => {
  test('say plain words: no field paths, no Markdown heading marks, no ISO dates', async () => {
    const messages = await pinnedMessages();
    expect(messages.length).toBeGreaterThan(15);
    const machine = /\b(owners|review|handover|escalation|fallback|metrics|sections)\.[a-z_]+|"## |\b\d{4}-\d{2}-\d{2}\b/;
    // The pinned messages do hold machine text (check keeps it) ...
    expect(messages.filter((m) => machine.test(m)).length).toBeGreaterThan(3);
    // ... and none survives onto a page, except inside a quoted link the reader wrote.
    expect(messages.map(plainGap).filter((m) => machine.test(m.replace(/"[^"]*"/g, '""')))).toEqual([]);
  });

  test('read as sentences', () => {
    expect(plainGap('no Maintainer (owners.maintainer.primary); a pilot workflow needs one')).toBe('no Maintainer; a pilot workflow needs one');
    expect(plainGap('no "## Rollback" section; a production runbook needs one, so add it')).toBe('no Rollback section; a production runbook needs one, so add it');
    expect(plainGap('the review was due on 16 Nov 2026, 6 days ago; review the runbook and update review.last')).toBe('the review was due on 16 Nov 2026, 6 days ago; review the runbook and record the day of the review');
    expect(plainGap('Cost per draft was 0.09 USD on 2026-11-08, missing its target <= 0.04 USD; look into it')).toBe('Cost per draft was 0.09 USD on 8 Nov 2026, missing its target <= 0.04 USD; look into it');
    expect(plainGap('no review date; set review.last (and review.every) or review.next')).toBe('no review date; record when it was last reviewed and how often, or when it is next due');
  });
});
