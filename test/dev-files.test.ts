import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { createDevSite } from '../src/dev/site.ts';
import { NOW, PEOPLE, runbook, writeSite } from './helpers/site.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('files beside runbooks', () => {
  it('build and dev publish the same ones: linked from a body, never the others', async () => {
    const content = await writeSite({
      'people.yaml': PEOPLE,
      'runbooks/ops/a.md': runbook('title: A\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-01 }\nowners:\n  maintainer: { primary: ivan }', '## Purpose\n\n![flow](flow.png)\n'),
      'runbooks/ops/flow.png': PNG,
      'runbooks/ops/notes.png': PNG,
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-devfiles-'));
    try {
      const out = path.join(dir, 'out');
      const built = await build({ content: content.dir, config: 'site.config.ts', now: NOW, out, cache: false });
      expect(built.errors).toEqual([]);
      expect([existsSync(path.join(out, 'runbooks/ops/flow.png')), existsSync(path.join(out, 'runbooks/ops/notes.png'))]).toEqual([true, false]);
      const site = await createDevSite({ content: content.dir, config: 'site.config.ts', now: NOW });
      expect((await site.update()).errors).toEqual([]);
      expect(Buffer.from((await site.file('runbooks/ops/flow.png'))!.content)).toEqual(Buffer.from(PNG));
      expect(await site.file('runbooks/ops/notes.png')).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await content.dispose();
    }
  });
});
