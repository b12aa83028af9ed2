/**
 * A site's own look: templates/ shadows the package's files, theme/*.css comes after the default stylesheet,
 * and the config's logo, accent, nav, footer and editUrl reach every page; dev picks up an override edit.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { loadConfig } from '../src/config-file.ts';
import { UserError } from '../src/diagnostic.ts';
import { createDevSite } from '../src/dev/site.ts';

const NOW = '2026-11-22';
const ROOT = path.join(import.meta.dirname, '..');
const PAGE = 'runbooks/support/refund-replies/index.html';
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n';

let dir: string;

/** A project folder with the example content and `config` as site.config.mjs. */
async function project(config: string, files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(path.join(dir, 'site-'));
  await cp(path.join(ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  await writeFile(path.join(root, 'site.config.mjs'), config);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

const read = (root: string, file: string) => readFile(path.join(root, 'dist', file), 'utf8');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'handover-overrides-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('overrides from the site folder', { timeout: 120_000 }, () => {
  it('a partial, a page and the layout in templates/ replace the package files of the same name; the rest stay', async () => {
    const layout = await readFile(path.join(ROOT, 'templates', 'layout.hbs'), 'utf8');
    const root = await project("export default { title: 'Acme' };\n", {
      'templates/partials/breadcrumbs.hbs': '<nav class="acme-crumbs">{{#each breadcrumbs}}{{name}}{{/each}}</nav>\n',
      'templates/pages/404.hbs': '<h1 class="acme-404">Lost? Ask #ops.</h1>\n',
      'templates/layout.hbs': layout.replace('<main id="main" tabindex="-1">', '<div class="acme-layout"></div>\n<main id="main" tabindex="-1">'),
    });
    const result = await build({ config: path.join(root, 'site.config.mjs'), now: NOW });
    expect(result.written).toBe(true);
    const page = await read(root, PAGE);
    expect(page).toContain('<nav class="acme-crumbs">RunbooksSupport Operations</nav>');
    expect(page).toContain('<div class="acme-layout"></div>');
    // Untouched partials still come from the package.
    expect(page).toContain('id="owners-and-facts"');
    expect(await read(root, '404.html')).toContain('<h1 class="acme-404">Lost? Ask #ops.</h1>');
  });

  it('theme/*.css is linked after the default stylesheet; logo, accent, nav and footer show on every page', async () => {
    const root = await project(
      "export default { logo: 'theme/logo.svg', accent: '#0b7a5c', footer: 'Questions? #ops-runbooks <b>', nav: [{ text: 'Status', href: 'https://status.example.com/' }] };\n",
      { 'theme/b.css': '.b { color: blue; }\n', 'theme/a.css': ':root { --bg: #fffdf5; }\n', 'theme/logo.svg': LOGO },
    );
    expect((await build({ config: path.join(root, 'site.config.mjs'), now: NOW })).written).toBe(true);
    for (const file of ['index.html', PAGE]) {
      const html = await read(root, file);
      const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
      expect(sheets.at(-1)).toMatch(/assets\/site-[0-9a-f]{10}\.css$/);
      expect(sheets.length).toBeGreaterThan(1);
      expect(html).toMatch(/<img class="brand-logo" src="(\.\.\/)*assets\/logo-[0-9a-f]{10}\.svg" alt="" height="28">/);
      expect(html).toContain('<style>:root { --accent: #0b7a5c; }</style>');
      expect(html).toContain('<li><a href="https://status.example.com/">Status</a></li>');
      expect(html).toContain('<p class="footer-note">Questions? #ops-runbooks &lt;b&gt;</p>');
    }
    const assets = await readdir(path.join(root, 'dist', 'assets'));
    const css = await read(root, `assets/${assets.find((name) => name.startsWith('site-'))!}`);
    expect(css).toBe('/* theme/a.css */\n:root { --bg: #fffdf5; }\n\n/* theme/b.css */\n.b { color: blue; }\n');
    expect(await read(root, `assets/${assets.find((name) => name.startsWith('logo-'))!}`)).toBe(LOGO);
  });

  it('editUrl turns Source into an "Edit this page" link with the path from the project root', async () => {
    const root = await project("export default { editUrl: 'https://github.com/acme/runbooks/edit/main/{path}' };\n");
    expect((await build({ config: path.join(root, 'site.config.mjs'), now: NOW })).written).toBe(true);
    expect(await read(root, PAGE)).toContain(
      '<dt>Source</dt><dd><code>content/runbooks/support/refund-replies.md</code> · <a class="edit-link" href="https://github.com/acme/runbooks/edit/main/content/runbooks/support/refund-replies.md" rel="noopener">Edit this page</a></dd>',
    );
  });

  it('an edit to an override is built, not reported as up to date', async () => {
    const root = await project("export default {};\n", { 'theme/site.css': '.x { color: red; }\n' });
    const config = path.join(root, 'site.config.mjs');
    expect((await build({ config, now: NOW })).upToDate).toBeUndefined();
    expect((await build({ config, now: NOW })).upToDate).toBe(true);
    await writeFile(path.join(root, 'theme', 'site.css'), '.x { color: green; }\n');
    expect((await build({ config, now: NOW })).upToDate).toBeUndefined();
    await mkdir(path.join(root, 'templates', 'partials'), { recursive: true });
    await writeFile(path.join(root, 'templates', 'partials', 'breadcrumbs.hbs'), '<nav class="edited"></nav>\n');
    expect((await build({ config, now: NOW })).upToDate).toBeUndefined();
    expect(await read(root, PAGE)).toContain('<nav class="edited"></nav>');
  });

  it('a missing logo is a config error, not a crash', async () => {
    const root = await project("export default { logo: 'theme/nope.svg' };\n");
    await expect(build({ config: path.join(root, 'site.config.mjs'), now: NOW })).rejects.toThrow(new UserError('logo "theme/nope.svg" was not found; the path is relative to the folder of site.config.ts'));
  });

  it('dev serves an override edit after the templates change', async () => {
    const root = await project("export default {};\n", { 'templates/partials/breadcrumbs.hbs': '<nav class="first"></nav>\n' });
    const site = await createDevSite({ config: path.join(root, 'site.config.mjs'), now: NOW });
    expect((await site.update()).errors).toEqual([]);
    expect(site.watched().templates).toContain(path.join(root, 'templates'));
    expect(site.watched().theme).toContain(path.join(root, 'theme'));
    expect(String((await site.file(PAGE))!.content)).toContain('<nav class="first"></nav>');
    await writeFile(path.join(root, 'templates', 'partials', 'breadcrumbs.hbs'), '<nav class="second"></nav>\n');
    expect((await site.update('templates')).errors).toEqual([]);
    expect(String((await site.file(PAGE))!.content)).toContain('<nav class="second"></nav>');
  });
});

describe('the new config fields are checked', () => {
  it.for([
    ["nav: [{ text: 'x', href: 'javascript:alert(1)' }]", 'nav[0].href'],
    ["accent: 'red;}body{display:none'", 'accent'],
    ["editUrl: 'https://github.com/acme/runbooks/edit/main/'", 'editUrl'],
    ["editUrl: 'javascript:alert(1)//{path}'", 'editUrl'],
    ["logo: 'theme/logo.exe'", 'logo'],
  ])('%s is an invalid-config error on that field', async ([field, name]) => {
    const root = await mkdtemp(path.join(dir, 'config-'));
    await writeFile(path.join(root, 'site.config.ts'), `export default {\n  ${field},\n};\n`);
    const failure = await loadConfig(undefined, root).then(() => null, (cause: UserError) => cause);
    expect(failure).toBeInstanceOf(UserError);
    expect(failure!.diagnostics.map((d) => `${d.line}:${d.column} ${d.field} ${d.rule}`)).toEqual([expect.stringMatching(new RegExp(`^2:\\d+ ${name.replace(/[[\].]/g, '\\$&')} invalid-config$`))]);
  });

  it("a TypeScript config imports defineConfig from 'handover' (this package, by its own name)", async () => {
    const { config, file } = await loadConfig(undefined, ROOT);
    expect(file).toBe(path.join(ROOT, 'site.config.ts'));
    expect(await readFile(file!, 'utf8')).toContain("import { defineConfig } from 'handover';");
    expect(config.title).toBe('Northwind Ledger runbooks');
  });

  it('a config that imports a missing file, and one that throws, are placed on their line', async () => {
    const root = await mkdtemp(path.join(dir, 'config-'));
    await writeFile(path.join(root, 'site.config.ts'), "import { roles } from './roles.ts';\nexport default { roles };\n");
    const missing = await loadConfig(undefined, root).catch((cause: UserError) => cause.diagnostics);
    expect(missing).toMatchObject([{ rule: 'invalid-config', message: expect.stringMatching(/^the config imports a file that cannot be found \(.*roles\.ts.*\); fix it so it runs$/) }]);
    // As the CLI shows it (vitest rewrites stack traces in its own process): the line of the throw, through the source map.
    await writeFile(path.join(root, 'site.config.ts'), "const a: number = 1;\n\nif (a) throw new Error('no network here');\nexport default {};\n");
    const { stderr } = await new Promise<{ stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, 'bin', 'handover.js'), 'check'], { cwd: root }, (_error, _stdout, stderr) => resolve({ stderr })),
    );
    expect(stderr).toContain('site.config.ts:3:14  the config failed when it ran (no network here); fix it so it runs');
  });
});
