/**
 * A team adopts Handover as a user would: `npm pack`, `npm install <tarball>` into a fresh folder outside this
 * repository, `npx handover init`, a template override, a theme CSS file and `editUrl`, then `check` and
 * `build` with the installed package read-only, and the site opened in Chromium from a sub-path and file://.
 * The npm registry must be reachable (the tarball's dependencies are installed from it).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { launch, serve } from './harness.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const NOW = '2026-11-20';
const EDIT = 'https://github.com/acme/runbooks/edit/main/{path}';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to the end; never throws on a non-zero exit. */
function run(command: string, args: string[], cwd: string, options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: '1', npm_config_update_notifier: 'false', ...options.env };
    execFile(command, args, { cwd, env, uid: options.uid, gid: options.gid, maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file under `dir` with its size and modification time: a fingerprint of a folder nothing may write into. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rows = await Promise.all(entries.map(async (e) => {
    const file = path.join(e.parentPath, e.name);
    const info = await stat(file);
    return `${path.relative(dir, file)} ${e.isDirectory() ? 'dir' : info.size} ${info.mtimeMs}`;
  }));
  return rows.sort();
}

let tmp: string;
let site: string;
let pkg: string;
let browser: Browser;
let checked: Run;
let built: Run;
let before: string[];
let after: string[];

describe('a team adopts Handover from the packed tarball', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'handover-adopt-'));
    const packed = await run('npm', ['pack', '--silent', '--pack-destination', tmp], REPO);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(tmp, packed.stdout.trim().split('\n').at(-1)!);
    const app = path.join(tmp, 'app');
    await mkdir(app);
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', tarball], app);
    expect(installed.code, installed.stderr).toBe(0);
    // `--no`: never fetch a package named handover from the registry (it is not this one).
    const init = await run('npx', ['--no', 'handover', 'init', 'site', '--title', 'Acme runbooks', '--dependency', `file:${tarball}`], app);
    expect(init.code, init.stderr).toBe(0);
    site = path.join(app, 'site');
    const siteInstall = await run('npm', ['install', '--no-audit', '--no-fund'], site);
    expect(siteInstall.code, siteInstall.stderr).toBe(0);
    pkg = path.join(site, 'node_modules', 'handover');
    // The CLI runs its bundle, which ships with the licences of the packages inside it.
    const bundle = (await readdir(path.join(pkg, 'lib', 'bundle'))).map(String);
    expect(bundle).toEqual(expect.arrayContaining(['cli.js', 'worker.js', 'THIRD-PARTY-LICENSES.txt']));
    expect(await readFile(path.join(pkg, 'lib', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(/^zod@\d+\.\d+\.\d+ \(MIT\)$/m);

    // The team's own additions: a page template override, a theme stylesheet, and edit links.
    const home = await readFile(path.join(pkg, 'templates', 'pages', 'home.hbs'), 'utf8');
    await mkdir(path.join(site, 'templates', 'pages'), { recursive: true });
    await writeFile(path.join(site, 'templates', 'pages', 'home.hbs'), `<p class="team-banner">Acme on-call starts here</p>\n${home}`);
    await mkdir(path.join(site, 'theme'));
    await writeFile(path.join(site, 'theme', 'acme.css'), ':root { --accent: rgb(11, 122, 92); }\n.team-banner { color: rgb(1, 2, 3); }\n');
    const config = path.join(site, 'site.config.ts');
    await writeFile(config, (await readFile(config, 'utf8')).replace(`// editUrl: '${EDIT}',`, `editUrl: '${EDIT}',`));

    checked = await run('npx', ['--no', 'handover', 'check', '--format', 'github', '--now', NOW], site);

    // Nothing may be written into the installed package: make it read-only (as root, also build as another user,
    // since root writes through permissions), and compare its listing before and after the build.
    before = await listing(pkg);
    const asRoot = process.getuid?.() === 0;
    const nobody = { uid: 65534, gid: 65534 };
    if (asRoot) {
      for (let dir = site; dir !== path.dirname(tmp); dir = path.dirname(dir)) await chmod(dir, 0o755);
      await run('chown', ['-R', `${nobody.uid}:${nobody.gid}`, site], site);
      await run('chown', ['-R', '0:0', pkg], site);
    }
    await run('chmod', ['-R', 'a-w', pkg], site);
    built = await run(process.execPath, [path.join(pkg, 'bin', 'handover.js'), 'build', '--now', NOW], site, asRoot ? { ...nobody, env: { HOME: site } } : {});
    after = await listing(pkg);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    if (pkg) await run('chmod', ['-R', 'u+w', pkg], tmp);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('init wrote the scaffold, with a GitHub workflow that checks pull requests and deploys to Pages', async () => {
    const files = (await readdir(site, { recursive: true })).map(String).filter((f) => !f.startsWith('node_modules')).sort();
    expect(files).toEqual(expect.arrayContaining(['.github/workflows/runbooks.yml', '.gitignore', 'README.md', 'content/people.yaml', 'package.json', 'site.config.ts',
      ...['experiment', 'pilot', 'production', 'paused', 'retired'].map((s) => `content/runbooks/examples/${s}.md`)]));
    const workflow = parseYaml(await readFile(path.join(site, '.github/workflows/runbooks.yml'), 'utf8'));
    const steps = (job: string) => workflow.jobs[job].steps.map((s: { uses?: string; run?: string }) => s.uses ?? s.run);
    expect(steps('check')).toEqual(expect.arrayContaining(['npx handover check --format github --strict', 'npx handover check --format markdown >> "$GITHUB_STEP_SUMMARY" || true']));
    expect(steps('build')).toEqual(expect.arrayContaining(['actions/cache@v4', 'npx handover build', 'actions/upload-pages-artifact@v3']));
    expect(steps('deploy')).toEqual(['actions/deploy-pages@v4']);
  });

  it("the package exports defineConfig, check and build, with types, and runs check from a script", async () => {
    const script = path.join(site, 'api.mjs');
    await writeFile(script, "import * as handover from 'handover';\nconst { errors, gaps } = await handover.check({ now: '2026-11-20' });\nconsole.log(Object.keys(handover).sort().join(','), errors.length, gaps.length > 0);\n");
    const result = await run(process.execPath, [script], site);
    await rm(script);
    expect(result).toMatchObject({ code: 0, stdout: 'build,check,defineConfig 0 true\n' });
    const types = await readFile(path.join(pkg, 'lib', 'api.d.ts'), 'utf8');
    expect(types).toMatch(/export declare function check\(options\?: CheckOptions\): Promise<CheckResult>;/);
    expect(types).toMatch(/export \{ defineConfig \} from '\.\/define-config\.ts';/);
  });

  it('check --format github annotates the scaffold runbooks by their path from the project root', () => {
    expect(checked.code).toBe(0);
    expect(checked.stderr).toBe('');
    expect(checked.stdout).toMatch(/^::warning file=content\/runbooks\/examples\/pilot\.md,line=\d+,col=\d+,title=missing-role::/m);
  });

  it('build writes the site with the package read-only, and writes nothing into the package', async () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^Built \d+ pages/);
    expect(after).toEqual(before);
    // The caches live under the site's own node_modules/.cache/handover/.
    const cache = await readdir(path.join(site, 'node_modules', '.cache', 'handover'));
    expect(cache).toContain('theme');
    expect(cache.some((name) => /^parse-\w+\.pack$/.test(name))).toBe(true);
  });

  async function looks(home: string, runbook: string) {
    const tab = await browser.newPage();
    try {
      await tab.goto(home);
      const banner = tab.locator('.team-banner');
      expect(await banner.innerText()).toBe('Acme on-call starts here');
      expect(await banner.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(1, 2, 3)');
      expect(await tab.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('rgb(11, 122, 92)');
      await tab.goto(runbook);
      const edit = tab.locator('a.edit-link');
      expect(await edit.innerText()).toBe('Edit this page');
      expect(await edit.getAttribute('href')).toBe('https://github.com/acme/runbooks/edit/main/content/runbooks/examples/pilot.md');
      expect(await tab.locator('.facts-list code').last().innerText()).toBe('content/runbooks/examples/pilot.md');
    } finally {
      await tab.close();
    }
  }

  it('the override, the theme CSS and the edit link show from a sub-path', async () => {
    const host = await serve(path.join(site, 'dist'), '/acme/runbooks/');
    try {
      await looks(`${host.url}index.html`, `${host.url}runbooks/examples/pilot/index.html`);
    } finally {
      await host.close();
    }
  });

  it('and from file://', async () => {
    const dist = path.join(site, 'dist');
    await looks(pathToFileURL(path.join(dist, 'index.html')).href, pathToFileURL(path.join(dist, 'runbooks/examples/pilot/index.html')).href);
  });
});
