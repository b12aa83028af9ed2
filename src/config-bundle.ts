/**
 * Runs a TypeScript (or JavaScript) config file, as Vite loads its own config: rolldown (which Vite
 * brings) bundles the file and the files it imports relatively into one ES module, whatever the nearest
 * package.json says. Packages it imports (`handover` for `defineConfig`) stay imports, resolved from the
 * config's folder to absolute URLs.
 *
 * Bundling costs 50-75 ms (most of it loading rolldown), a fifth of a `check` on a small site, so the
 * bundle is kept under node_modules/.cache/handover/config/, keyed on the config's text and Handover's
 * version, with a hash of every local file it bundled: the next run imports it straight away, and any
 * edit to the config or to a file it imports bundles again. The config still runs fresh on each load
 * (dev rebuilds see edits).
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, hashText } from './cache/key.ts';
import { VERSION } from './core/version.ts';

/** A bundled config: its code, and the local files (besides the config) that went into it. */
interface Bundle {
  code: string;
  files: string[];
}

/** What is kept beside a cached bundle: each local file it bundled, with the hash of its text then. */
interface Manifest {
  files: { file: string; hash: string }[];
}

let loads = 0;

/** Runs the config `file` and returns its default export (undefined when it has none). */
export async function importConfig(file: string): Promise<unknown> {
  // Errors thrown by the config then point at its own lines, through the bundle's inline source map.
  process.setSourceMapsEnabled(true);
  const text = readFileSync(file, 'utf8');
  const dir = path.join(cacheDir(path.dirname(file)), 'config');
  const stem = `${hashText(file).slice(0, 12)}-`;
  const name = `${stem}${hashText(`${VERSION}\0${text}`).slice(0, 20)}`;
  const cached = await readCached(dir, name);
  if (cached) {
    try {
      return await run(cached);
    } catch (cause) {
      // A package it imports was removed or moved: bundle again, so the error names the import. Other errors are the config's own.
      if ((cause as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw cause;
    }
  }
  const bundle = await bundleConfig(file);
  const kept = await keep(dir, stem, name, bundle);
  return kept ? run(kept) : runOnce(bundle.code, dir);
}

/** The cached bundle's file when every local file it bundled is unchanged, else null. */
async function readCached(dir: string, name: string): Promise<string | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')) as Manifest;
    for (const { file, hash } of manifest.files) if (hashText(await readFile(file)) !== hash) return null;
    return path.join(dir, `${name}.mjs`);
  } catch {
    // Missing, damaged or naming a file that is gone: not cached.
    return null;
  }
}

/** Writes the bundle and its manifest (each by rename, so a reader never sees half), and drops older bundles of the same config. */
async function keep(dir: string, stem: string, name: string, bundle: Bundle): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    const manifest: Manifest = { files: await Promise.all(bundle.files.map(async (file) => ({ file, hash: hashText(await readFile(file)) }))) };
    const target = path.join(dir, `${name}.mjs`);
    const temp = `.${process.pid}-${++loads}`;
    await writeFile(target + temp, bundle.code);
    await rename(target + temp, target);
    await writeFile(path.join(dir, `${name}.json${temp}`), JSON.stringify(manifest));
    await rename(path.join(dir, `${name}.json${temp}`), path.join(dir, `${name}.json`));
    for (const old of await readdir(dir)) if (old.startsWith(stem) && !old.startsWith(name)) await rm(path.join(dir, old), { force: true });
    return target;
  } catch {
    // A read-only project: run it without keeping it.
    return null;
  }
}

/** Imports a bundle file afresh: a new query each time, so the config runs again. */
async function run(file: string): Promise<unknown> {
  return ((await import(`${pathToFileURL(file).href}?load=${++loads}`)) as { default?: unknown }).default;
}

/** Runs a bundle that could not be kept: from a temporary file (deleted at once), else from memory without mapped error lines. */
async function runOnce(code: string, dir: string): Promise<unknown> {
  const name = `site.config-${process.pid}-${++loads}-${Date.now()}.mjs`;
  for (const folder of [dir, os.tmpdir()]) {
    const temp = path.join(folder, name);
    const written = await mkdir(folder, { recursive: true }).then(() => writeFile(temp, code, { flag: 'wx' })).then(() => true, () => false);
    if (!written) continue;
    try {
      return ((await import(pathToFileURL(temp).href)) as { default?: unknown }).default;
    } finally {
      await rm(temp, { force: true });
    }
  }
  return ((await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown }).default;
}


/** The config file and its relative imports as one ES module, with an inline source map. */
async function bundleConfig(file: string): Promise<Bundle> {
  const { rolldown } = await import('rolldown');
  const url = pathToFileURL(file).href;
  const bundle = await rolldown({
    input: file,
    platform: 'node',
    tsconfig: false,
    treeshake: false,
    logLevel: 'silent',
    transform: {
      define: {
        'import.meta.url': JSON.stringify(url),
        'import.meta.filename': JSON.stringify(file),
        'import.meta.dirname': JSON.stringify(path.dirname(file)),
        __filename: JSON.stringify(file),
        __dirname: JSON.stringify(path.dirname(file)),
      },
    },
    plugins: [
      {
        name: 'handover-external-packages',
        resolveId: {
          filter: { id: /^[^./]/ },
          async handler(id, importer, options) {
            if (isBuiltin(id)) return { id, external: true };
            if (!importer) return null;
            const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
            if (!resolved || resolved.external) return resolved;
            return { id: pathToFileURL(resolved.id).href, external: true };
          },
        },
      },
    ],
  });
  try {
    const { output } = await bundle.generate({
      format: 'esm',
      sourcemap: 'inline',
      sourcemapPathTransform: (source, map) => path.resolve(path.dirname(map), source),
      codeSplitting: false,
    });
    const chunk = output[0];
    // Module ids of local files are absolute paths; externals (packages, node:) are not files of the site.
    const files = chunk.moduleIds.filter((id) => path.isAbsolute(id) && id !== file && !id.includes('\0'));
    return { code: chunk.code, files };
  } finally {
    await bundle.close();
  }
}
