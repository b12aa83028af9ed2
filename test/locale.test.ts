import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handover, hashTree, ROOT } from './helpers/cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-locale-'));
  await cp(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  // Ids that Danish collation orders differently ("aa" is the letter å, sorted after "z"), and upper case in a title.
  const model = await readFile(path.join(dir, 'content/runbooks/support/refund-replies.md'), 'utf8');
  for (const name of ['aa-refunds', 'zz-refunds', 'ab-refunds'])
    await writeFile(path.join(dir, `content/runbooks/support/${name}.md`), model.replace(/^title: .*$/m, `title: ${name === 'ab-refunds' ? 'Æble refunds' : `Aa ${name}`}`));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('output does not depend on the locale or time zone', { timeout: 120_000 }, () => {
  it('builds the same tree under LANG=C.UTF-8 TZ=UTC and LANG=da_DK.UTF-8 TZ=Pacific/Kiritimati', async () => {
    const runs = [
      { out: 'c', env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' } },
      { out: 'da', env: { LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8', TZ: 'Pacific/Kiritimati' } },
      { out: 'ja', env: { LANG: 'ja_JP.UTF-8', LC_ALL: undefined, TZ: 'America/Adak' } },
    ];
    for (const run of runs) {
      const result = await handover(['build', '--content', path.join(dir, 'content'), '--out', path.join(dir, run.out), '--now', '2026-11-22'], { env: run.env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const [c, da, ja] = await Promise.all(runs.map((run) => hashTree(path.join(dir, run.out))));
    expect(Object.keys(c!).length).toBeGreaterThan(40);
    expect(da).toEqual(c);
    expect(ja).toEqual(c);
  });

  it('lists findings in the same order under any locale', async () => {
    const args = ['check', '--content', path.join(dir, 'content'), '--now', '2026-11-22', '--format', 'json'];
    const c = await handover(args, { env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    const da = await handover(args, { env: { LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' } });
    expect(JSON.parse(c.stdout).gaps.length).toBeGreaterThan(3);
    expect(da.stdout).toBe(c.stdout);
  });
});
