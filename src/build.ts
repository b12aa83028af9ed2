import path from 'node:path';
import { recordBuild, upToDate } from './cache/index.ts';
import { checkOutDir, openStaging } from './emit/index.ts';
import { check, type CheckOptions, type CheckResult } from './index.ts';
import { LinkChecker } from './emit/links.ts';
import { publishedAssets } from './links.ts';
import { readRegularFile } from './load/index.ts';
import { OutPaths } from './emit/out-paths.ts';
import type { Site } from './site.ts';
import { feedFiles } from './render/registry.ts';
import { renderPageBatches } from './render/render.ts';
import { renderContext, type OutFile, type RenderContext } from './render/types.ts';
import { searchFiles } from './search/index.ts';
import { buildTheme, overridesHash } from './theme.ts';

export interface BuildOptions extends CheckOptions {
  /** Out dir; defaults to `outDir` of the config. */
  out?: string;
  /** Absolute site URL for reviews.ics and the sitemap; defaults to `base` of the config. */
  base?: string;
  /** Called with a short progress line between stages (the CLI shows it on long builds). */
  onProgress?: (line: string) => void;
}

export interface BuildResult extends CheckResult {
  outDir: string;
  /** False when errors stopped the build; the previous site is untouched then. */
  written: boolean;
  pages: number;
  bytes: number;
  /** True when nothing changed since the last build over this out dir, so nothing was rendered or written. */
  upToDate?: boolean;
}

/** check -> render pages, feeds, search index, theme -> verify links -> write atomically. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const progress = options.onProgress ?? (() => {});
  progress('checking content…');
  // Builds use the project's parse cache unless told not to (`cache: false`).
  const result = await check({ ...options, cache: options.cache ?? true });
  const outDir = path.resolve(options.out ?? path.join(result.root, result.config.outDir));
  checkOutDir(outDir, { content: result.contentDir, root: result.root });
  if (result.errors.length) return { ...result, outDir, written: false, pages: 0, bytes: 0 };
  const base = options.base ?? result.config.base;
  // The site's templates/ and theme/ shadow the package's, so an edit to them is an input too.
  const inputs = { root: result.root, config: result.config, inputs: `${result.inputs ?? ''}:${await overridesHash(result.root)}`, now: result.now, base, outDir };
  const cached = options.cache !== false && result.inputs !== undefined;
  // Same inputs over an untouched out dir: the site on disk already is this build's output.
  const unchanged = cached ? await upToDate(inputs) : null;
  if (unchanged) return { ...result, outDir, written: true, upToDate: true, ...unchanged };
  progress(`rendering ${result.site.workflows.length} runbooks…`);
  const theme = await buildTheme({ root: result.root, logo: result.config.logo });
  const ctx = renderContext(result, base, theme.assets);
  const written = await writeSite(outDir, ctx, theme.files, progress);
  if (cached) await recordBuild(inputs, written);
  return { ...result, outDir, written: true, ...written };
}

/** Pages are rendered and written a batch at a time, so memory holds one batch of HTML, not the whole site. */
const PAGE_BATCH = 250;

/** Renders and writes every file into a staging folder, checks every internal link, then swaps the site in. */
async function writeSite(outDir: string, ctx: RenderContext, themeFiles: OutFile[], progress: (line: string) => void): Promise<{ pages: number; bytes: number }> {
  const staging = await openStaging(outDir);
  const links = new LinkChecker();
  let pages = 0;
  let bytes = 0;
  // One batch is written while the next is rendered: the disk works while the CPU does.
  let writing: Promise<void> = Promise.resolve();
  const claimed = new OutPaths();
  const put = async (files: OutFile[], sourceOf: (file: OutFile) => string = () => 'a generated file') => {
    for (const file of files) {
      claimed.claim(file.path, sourceOf(file));
      links.add(file);
      bytes += typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
    }
    await writing;
    writing = staging.write(files);
    // A failed write must not go unhandled while the next batch renders; it is rethrown below.
    writing.catch(() => {});
  };
  try {
    for (const batch of renderPageBatches(ctx, PAGE_BATCH)) {
      pages += batch.length;
      await put(batch, () => 'a generated page');
    }
    progress('writing feeds, search index and assets…');
    await put(feedFiles(ctx));
    await put(searchFiles(ctx.site));
    await put(themeFiles);
    const assets = await linkedAssets(ctx.site);
    const sources = new Map(assets.map(({ file, source }) => [file, source]));
    await put([...sources.keys()], (file) => `the file ${sources.get(file)}`);
    await writing;
    const broken = links.broken();
    if (broken.length)
      throw new Error(`internal links that resolve to nothing (a template bug):\n${broken.slice(0, 20).map((b) => `  ${b.page} -> ${b.href}`).join('\n')}`);
  } catch (cause) {
    await writing.catch(() => {});
    await staging.abort();
    throw cause;
  }
  await staging.commit();
  return { pages, bytes };
}

/** The published files beside runbooks (see `publishedAssets`), copied to the same path under runbooks/, with the content file each comes from. */
async function linkedAssets(site: Site): Promise<{ file: OutFile; source: string }[]> {
  return Promise.all(
    publishedAssets(site).map(async (asset) => {
      const source = site.assets.get(asset)!;
      return { file: { path: `runbooks/${asset}`, content: await readRegularFile(source.abs) }, source: source.path };
    }),
  );
}
