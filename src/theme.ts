import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutFile, ThemeAssets } from './render/types.ts';
import { compareText } from './order.ts';

/** The package's own folder: theme/ and templates/ ship with Handover, not with a content folder. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const THEME_DIR = path.join(PACKAGE_ROOT, 'theme');
const CACHE_DIR = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'handover', 'theme');
const require = createRequire(import.meta.url);

/**
 * Bundles theme/main.ts and its CSS with vite into one classic script and one stylesheet
 * (classic, so pages also work from file://), with content-hashed names, plus Mermaid's
 * browser bundle, which pages load only when they hold a diagram.
 * The bundle is cached by a hash of the theme sources, so most builds skip vite entirely.
 */
export async function buildTheme(): Promise<{ assets: ThemeAssets; files: OutFile[] }> {
  const key = await themeKey();
  const cached = path.join(CACHE_DIR, `${key}.json`);
  let files: OutFile[];
  if (existsSync(cached)) {
    files = (JSON.parse(await readFile(cached, 'utf8')) as { path: string; content: string }[]);
  } else {
    files = await bundle();
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(cached, JSON.stringify(files));
  }
  const mermaidSource = await readFile(require.resolve('mermaid/dist/mermaid.min.js'));
  const mermaid = `assets/mermaid-${hash(mermaidSource).slice(0, 10)}.js`;
  files = [...files, { path: mermaid, content: mermaidSource }];
  return {
    files,
    assets: {
      css: files.filter((f) => f.path.endsWith('.css')).map((f) => f.path),
      js: files.filter((f) => f.path.endsWith('.js') && f.path !== mermaid).map((f) => f.path),
      mermaid,
    },
  };
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
    .sort((a, b) => compareText(a.path, b.path));
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
