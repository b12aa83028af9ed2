import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);

test("the README's build command builds the example site", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-readme-'));
  const out = path.join(dir, 'site');
  try {
    const { stdout } = await run('npm', ['run', 'build', '--', '--out', out, '--now', '2026-11-22']);
    expect(stdout).toMatch(/Built \d+ pages .* 0 errors · 15 gaps/);
    expect(existsSync(path.join(out, 'runbooks', 'support', 'refund-replies', 'index.html'))).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
