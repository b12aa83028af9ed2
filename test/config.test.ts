import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config-file.ts';
import { UserError, type Diagnostic } from '../src/diagnostic.ts';
import { checkFiles, PEOPLE, runbook, writeSite } from './helpers/site.ts';

/** Loads `site.config.ts` with `text` from a temporary folder; returns the config or the diagnostics of the UserError. */
async function load(text: string | null) {
  const site = await writeSite(text === null ? {} : { 'site.config.ts': text });
  try {
    return { loaded: await loadConfig(undefined, site.dir), dir: site.dir };
  } catch (cause) {
    if (!(cause instanceof UserError)) throw cause;
    return { error: cause, diagnostics: cause.diagnostics.map((d: Diagnostic) => `${d.line}:${d.column} ${d.field ?? '-'} ${d.rule}: ${d.message} (${d.hint})`) };
  } finally {
    await site.dispose();
  }
}

describe('loadConfig', () => {
  it('no config file: every default, rooted at the working directory', async () => {
    const { loaded, dir } = await load(null);
    expect(loaded?.root).toBe(dir);
    expect(loaded?.config).toMatchObject({ title: 'Handover', contentDir: 'content', maxPrimaryRoles: 8, coverageDays: 30, review: { every: '90d', dueSoonDays: 14 } });
    expect(loaded?.config.required.production.backup).toEqual(['business', 'operations', 'approver', 'maintainer', 'responder']);
  });

  it('a partial config keeps the defaults of everything it does not name', async () => {
    const { loaded } = await load("export default { title: 'Ops', review: { dueSoonDays: 7 } };\n");
    expect(loaded?.config).toMatchObject({ title: 'Ops', review: { every: '90d', dueSoonDays: 7 }, maxPrimaryRoles: 8 });
    expect(loaded?.config.required.experiment).toMatchObject({ primary: ['maintainer'], review: 'next' });
  });

  it('unknown fields and wrong values: every one, placed in the file, with did-you-mean', async () => {
    const text = "export default {\n  titel: 'Ops',\n  maxPrimaryRoles: '8',\n  review: { every: '3 months', dueSoonDays: -1 },\n  required: { pilot: { metrics: 'yes' } },\n};\n";
    const { error, diagnostics } = await load(text);
    expect(error?.message).toBe('the config file is not valid');
    expect(error?.exitCode).toBe(2);
    expect(diagnostics).toMatchInlineSnapshot(`
      [
        "2:3 titel invalid-config: unknown field "titel"; fix the name or remove it (did you mean 'title'?)",
        "3:3 maxPrimaryRoles invalid-config: "maxPrimaryRoles" must be a number, not "8" (write a number without quotes)",
        "4:13 review.every invalid-config: "review.every" must be a duration: a number and a unit (m, h, d, w, mo, y), e.g. 30m, 90d or 6mo (a whole number then m (minutes), h (hours), d (days), w (weeks), mo (months) or y (years))",
        "4:32 review.dueSoonDays invalid-config: "review.dueSoonDays" must be at least 0 (write a whole number in that range)",
        "5:24 required.pilot.metrics invalid-config: "required.pilot.metrics" must be a boolean, not "yes" (write true or false)",
      ]
    `);
  });

  it('a nested field is found under its parent, not at the first key with that name', async () => {
    const { diagnostics } = await load("export default {\n  title: 'every: week',\n  required: { pilot: { review: 'any' } },\n  review: { every: 'weekly' },\n};\n");
    expect(diagnostics).toEqual([expect.stringMatching(/^4:13 review\.every invalid-config: /)]);
  });

  it('a config that does not compile is placed on its line and column', async () => {
    const { error, diagnostics } = await load("export default {\n  title: 'Ops',,\n};\n");
    expect(error?.message).toBe('the config file could not be loaded');
    expect(diagnostics).toEqual([
      '2:16 - invalid-config: the config has a syntax error (Unexpected token); fix it so it runs (site.config.ts is TypeScript that must run and `export default defineConfig({ ... })`)',
    ]);
  });

  it('TypeScript with type annotations loads outside a "type": "module" package', async () => {
    const { loaded } = await load("const days: number = 21;\ninterface Extra { title: string }\nconst extra: Extra = { title: 'Typed' };\nexport default { ...extra, review: { dueSoonDays: days } };\n");
    expect(loaded?.config).toMatchObject({ title: 'Typed', review: { dueSoonDays: 21 } });
  });

  it('loads the file fresh each time, so edits are seen', async () => {
    const site = await writeSite({ 'site.config.ts': "export default { title: 'One' };\n" });
    try {
      expect((await loadConfig(undefined, site.dir)).config.title).toBe('One');
      await writeFile(path.join(site.dir, 'site.config.ts'), "export default { title: 'Two' };\n");
      expect((await loadConfig(undefined, site.dir)).config.title).toBe('Two');
    } finally {
      await site.dispose();
    }
  });

  it('keeps the bundle in the project cache: the next load runs it without bundling, and an edit to a file it imports is seen', async () => {
    const config = "import { team } from './team.ts';\nconst g = globalThis as { configRuns?: number };\ng.configRuns = (g.configRuns ?? 0) + 1;\nexport default { title: `${team} ${g.configRuns}` };\n";
    const site = await writeSite({ 'site.config.ts': config, 'team.ts': "export const team: string = 'Ops';\n" });
    const cache = path.join(site.dir, 'node_modules', '.cache', 'handover', 'config');
    try {
      const first = (await loadConfig(undefined, site.dir)).config.title;
      const [bundle] = (await readdir(cache)).filter((name) => name.endsWith('.mjs'));
      const written = (await stat(path.join(cache, bundle!))).mtimeMs;
      const runs = Number(first.split(' ')[1]);
      expect(first).toBe(`Ops ${runs}`);
      // Unchanged: the kept bundle runs again (the config runs on every load), and is not written again.
      expect((await loadConfig(undefined, site.dir)).config.title).toBe(`Ops ${runs + 1}`);
      expect((await stat(path.join(cache, bundle!))).mtimeMs).toBe(written);
      // A file the config imports changed: bundled again, and the old bundle is dropped.
      await writeFile(path.join(site.dir, 'team.ts'), "export const team: string = 'Finance';\n");
      expect((await loadConfig(undefined, site.dir)).config.title).toBe(`Finance ${runs + 2}`);
      // A damaged manifest is no bundle: bundled again.
      const [manifest] = (await readdir(cache)).filter((name) => name.endsWith('.json'));
      await writeFile(path.join(cache, manifest!), '{"files": [');
      expect((await loadConfig(undefined, site.dir)).config.title).toBe(`Finance ${runs + 3}`);
      expect((await readdir(cache)).sort()).toEqual([manifest!, manifest!.replace(/json$/, 'mjs')]);
    } finally {
      await site.dispose();
    }
  });

  it('a config that throws when it runs', async () => {
    const { error, diagnostics } = await load("throw new Error('no network here');\nexport default {};\n");
    expect(error?.message).toBe('the config file could not be loaded');
    expect(diagnostics).toEqual([expect.stringContaining('invalid-config: the config failed when it ran (no network here); fix it so it runs')]);
  });

  it('a config with no default export', async () => {
    const { diagnostics } = await load("export const config = { title: 'Ops' };\n");
    expect(diagnostics).toEqual(['1:1 - invalid-config: the config has no default export; export the settings (write `export default defineConfig({ ... })`)']);
  });

  it('a config file that is named but missing', async () => {
    await expect(loadConfig('no-such.config.ts', path.join(import.meta.dirname, '..'))).rejects.toThrow('config file not found: no-such.config.ts');
  });
});

describe('the config shapes the check', () => {
  it('custom roles: owners accepts exactly the configured roles', async () => {
    const site = await writeSite({ 'site.config.ts': "export default { roles: { owner: 'Owner', oncall: 'On call' }, required: { experiment: { primary: ['owner'], review: 'next' } } };\n" });
    try {
      const fm = 'title: T\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-30 }\nowners:\n  owner: { primary: dana }\n  maintainer: { primary: ivan }\n';
      const { errors } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(fm) }, { config: path.join(site.dir, 'site.config.ts') });
      expect(errors.map((d) => `${d.field} ${d.rule}: ${d.hint}`)).toEqual(['owners.maintainer unknown-field: known fields here: owner, oncall']);
    } finally {
      await site.dispose();
    }
  });

  it('maxPrimaryRoles and review.dueSoonDays come from the config', async () => {
    const site = await writeSite({ 'site.config.ts': 'export default { maxPrimaryRoles: 1, review: { dueSoonDays: 30 } };\n' });
    try {
      const fm = 'title: T\nsummary: S\nstatus: experiment\nreview: { next: 2026-12-20 }\nowners:\n  maintainer: { primary: dana }\n  business: { primary: dana }\n';
      const { gaps } = await checkFiles({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(fm) }, { config: path.join(site.dir, 'site.config.ts') });
      expect(gaps.map((d) => d.rule)).toEqual(['review-due-soon', 'too-many-roles']);
    } finally {
      await site.dispose();
    }
  });
});
