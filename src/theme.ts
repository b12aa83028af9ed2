import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheDir } from './cache/key.ts';
import { UserError } from './diagnostic.ts';
import type { OutFile, ThemeAssets } from './render/types.ts';
import { byText } from './core/order.ts';
import { PACKAGE_ROOT } from './core/package-root.ts';

export { PACKAGE_ROOT };
export const THEME_DIR = path.join(PACKAGE_ROOT, 'theme');
const require = createRequire(import.meta.url);

export interface ThemeOptions {
  /** The project root: the bundle is cached under its node_modules/.cache/handover/, and its theme/ adds CSS. */
  root: string;
  /** `logo` of the config, relative to the project root. */
  logo?: string;
}

/**
 * Bundles theme/main.ts and its CSS with vite into one classic script and one stylesheet
 * (classic, so pages also work from file://), with content-hashed names, plus Mermaid's
 * browser bundle, which pages load only when they hold a diagram.
 * The bundle is cached by a hash of the theme sources, so most builds skip vite entirely.
 */
export async function buildTheme(options: ThemeOptions): Promise<{ assets: ThemeAssets; files: OutFile[] }> {
  const key = await themeKey();
  const cacheFolder = path.join(cacheDir(options.root), 'theme');
  const cached = path.join(cacheFolder, `${key}.json`);
  let files: OutFile[];
  if (existsSync(cached)) {
    files = (JSON.parse(await readFile(cached, 'utf8')) as { path: string; content: string }[]);
  } else {
    files = await bundle();
    // A cache that cannot be written (a read-only project) only costs the next build a bundle.
    await mkdir(cacheFolder, { recursive: true })
      .then(() => writeFile(cached, JSON.stringify(files)))
      .catch(() => {});
  }
  // The site's own CSS comes after the default, so its custom properties (--accent, --bg…) win.
  const siteCss = await siteStyles(options.root);
  if (siteCss) files = [...files, { path: `assets/site-${hash(siteCss).slice(0, 10)}.css`, content: siteCss }];
  const logo = options.logo ? await logoFile(options.root, options.logo) : undefined;
  if (logo) files = [...files, logo];
  const mermaidSource = await readFile(require.resolve('mermaid/dist/mermaid.min.js'));
  const mermaid = `assets/mermaid-${hash(mermaidSource).slice(0, 10)}.js`;
  files = [...files, { path: mermaid, content: mermaidSource }];
  return {
    files,
    assets: {
      css: files.filter((f) => f.path.endsWith('.css')).map((f) => f.path),
      js: files.filter((f) => f.path.endsWith('.js') && f.path !== mermaid).map((f) => f.path),
      mermaid,
      ...(logo ? { logo: logo.path } : {}),
    },
  };
}

/** Every `.css` file directly in the site's `theme/` folder, in name order, as one stylesheet. */
async function siteStyles(root: string): Promise<string> {
  const dir = path.join(root, 'theme');
  if (path.resolve(dir) === path.resolve(THEME_DIR)) return '';
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.css')).sort();
  const parts = await Promise.all(names.map(async (name) => `/* theme/${name} */\n${await readFile(path.join(dir, name), 'utf8')}`));
  return parts.join('\n');
}

/** The logo named in the config, as an asset with a content-hashed name; a missing file is a config error. */
async function logoFile(root: string, logo: string): Promise<OutFile> {
  const file = path.resolve(root, logo);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UserError(`logo "${logo}" is outside the project folder; put the image in theme/ and set logo: 'theme/${path.basename(logo)}'`);
  const content = await readFile(file).catch(() => null);
  if (!content) throw new UserError(`logo "${logo}" was not found; the path is relative to the folder of site.config.ts`);
  return { path: `assets/logo-${hash(content).slice(0, 10)}${path.extname(file).toLowerCase()}`, content };
}

/** Hash of the site's override folders (templates/ and theme/), so a build notices an edit to them. */
export async function overridesHash(root: string): Promise<string> {
  const digest = createHash('sha256');
  for (const dir of ['templates', 'theme']) {
    const folder = path.join(root, dir);
    if (path.resolve(folder) === path.resolve(PACKAGE_ROOT, dir)) continue;
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
    for (const file of files) digest.update(`\0${path.relative(root, file)}\0`).update(await readFile(file));
  }
  return digest.digest('hex').slice(0, 16);
}

async function bundle(): Promise<OutFile[]> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    root: THEME_DIR,
    base: './',
    logLevel: 'error',
    build: {
      write: false,
      minify: true,
      cssCodeSplit: false,
      lib: { entry: path.join(THEME_DIR, 'main.ts'), formats: ['iife'], name: 'handover' },
      rollupOptions: {
        output: {
          entryFileNames: 'assets/handover-[hash].js',
          assetFileNames: 'assets/handover-[hash][extname]',
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  return outputs
    .map((item) => ({ path: item.fileName, content: item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source).toString('utf8') }))
    .sort((a, b) => byText(a.path, b.path));
}

async function themeKey(): Promise<string> {
  const digest = createHash('sha256');
  const vite = JSON.parse(await readFile(require.resolve('vite/package.json'), 'utf8')) as { version: string };
  digest.update(vite.version);
  // The client bundles the search query code from src/search/ too, so its sources are part of the key.
  for (const dir of [THEME_DIR, path.join(PACKAGE_ROOT, 'src', 'search')]) {
    const entries = (await readdir(dir, { recursive: true })).map(String).sort();
    for (const entry of entries) {
      if (!/\.(ts|css|js)$/.test(entry)) continue;
      digest.update(path.relative(PACKAGE_ROOT, path.join(dir, entry))).update(await readFile(path.join(dir, entry)));
    }
  }
  return digest.digest('hex').slice(0, 16);
}

function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
