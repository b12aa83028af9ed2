import path from 'node:path';
import { openBuildRecord, type BuildRecord, type Output } from './cache/index.ts';
import { hash } from 'node:crypto';
import { hashText } from './cache/key.ts';
import { checkOutDir, openStaging } from './emit/index.ts';
import { check, type CheckOptions, type CheckResult } from './index.ts';
import { LinkChecker, type PageLinks } from './emit/links.ts';
import { publishedAssets } from './links.ts';
import { readRegularFile } from './load/index.ts';
import { OutPaths } from './emit/out-paths.ts';
import type { Listed } from './emit/listing.ts';
import type { Site } from './site.ts';
import { eachFeedFile } from './render/registry.ts';
import { renderSitePages, type Reuse, type SitePage } from './render/render.ts';
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
  /** Pages rendered by this build; the others' views were unchanged, so the out dir's pages were kept. */
  rendered?: number;
  /** Files written by this build (changed bytes); every other file of the site was already in the out dir. */
  filesWritten?: number;
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
  const inputs = { root: result.root, config: result.config, inputs: result.inputs ?? '', overrides: await overridesHash(result.root), now: result.now, base, outDir };
  const cached = options.cache !== false && result.inputs !== undefined;
  const record = cached ? await openBuildRecord(inputs) : null;
  // Same inputs over an untouched out dir: the site on disk already is this build's output.
  const unchanged = record ? await record.upToDate() : null;
  if (unchanged) return { ...result, outDir, written: true, upToDate: true, ...unchanged };
  progress(`rendering ${result.site.workflows.length} runbooks…`);
  const theme = await buildTheme({ root: result.root, logo: result.config.logo });
  const ctx = renderContext(result, base, theme.assets);
  // What every layout shares besides Handover, the config, --now and the base URL (in the record's key).
  const render = hashText(JSON.stringify(ctx.theme));
  const written = await writeSite(outDir, ctx, theme.files, progress, record, render);
  if (record) await record.save(written, render, written.outputs, written.listed);
  return { ...result, outDir, written: true, pages: written.pages, bytes: written.bytes, rendered: written.rendered, filesWritten: written.filesWritten };
}

/** Pages are rendered and written a batch at a time, so memory holds one batch of HTML, not the whole site. */
const PAGE_BATCH = 250;
/** Feeds are handed to the writer once this many characters are made (a large feed goes alone). */
const FEED_BATCH_CHARS = 4_000_000;

interface Written {
  pages: number;
  bytes: number;
  rendered: number;
  filesWritten: number;
  outputs: Output[];
  /** The out dir's files as the swap left them (null: not known, list them). */
  listed: Listed[] | null;
}

/**
 * Renders every page whose view changed and makes every other file, checks every internal link, stages
 * the files whose bytes differ from what the out dir holds, then swaps them in (keeping the rest untouched).
 */
async function writeSite(outDir: string, ctx: RenderContext, themeFiles: OutFile[], progress: (line: string) => void, record: BuildRecord | null, render: string): Promise<Written> {
  const staging = await openStaging(outDir);
  // What the out dir holds as listed holding its lock, after any killed build was cleaned up.
  const previous = record ? await record.previous(staging.existing).catch(() => null) : null;
  const links = new LinkChecker();
  const done: Written = { pages: 0, bytes: 0, rendered: 0, filesWritten: 0, outputs: [], listed: null };
  // One batch is written while the next is rendered: the disk works while the CPU does.
  let writing: Promise<void> = Promise.resolve();
  const claimed = new OutPaths();
  const views = new Map<string, { view: string; inputs?: string }>();
  /** Stages what changed, keeps what the out dir already holds with the same bytes. */
  const put = async (files: OutFile[], sourceOf: (file: OutFile) => string = () => 'a generated file') => {
    const changed: OutFile[] = [];
    for (const file of files) {
      claimed.claim(file.path, sourceOf(file));
      const found = links.add(file);
      const hash = bytesHash(file.content);
      const page = views.get(file.path);
      done.outputs.push({ path: file.path, hash, ...(page !== undefined && found && { ...page, links: found }) });
      done.bytes += typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
      if (previous?.file(file.path)?.hash === hash) staging.keep([file.path]);
      else changed.push(file);
    }
    done.filesWritten += changed.length;
    await writing;
    writing = staging.write(changed);
    // A failed write must not go unhandled while the next batch renders; it is rethrown below.
    writing.catch(() => {});
  };
  try {
    const reused = new Map<string, PageLinks>();
    /** The page last built at `path` when `same` holds of it; its links are then kept for the link check. */
    const kept = (path: string, same: (before: { view: string; inputs?: string }) => boolean) => {
      const before = previous?.page(path, render);
      if (!before || !same(before)) return undefined;
      reused.set(path, before.links);
      return before;
    };
    const reuse: Reuse = {
      inputs: (path, inputs) => kept(path, (before) => before.inputs === inputs)?.view,
      view: (path, view) => kept(path, (before) => before.view === view) !== undefined,
    };
    for (const batch of renderSitePages(ctx, PAGE_BATCH, reuse)) {
      done.pages += batch.length;
      const fresh: OutFile[] = [];
      for (const page of batch) {
        views.set(page.path, { view: page.view, ...(page.inputs !== undefined && { inputs: page.inputs }) });
        if (page.content !== undefined) fresh.push({ path: page.path, content: page.content, links: page.links });
        else keepPage(page, reused.get(page.path)!);
      }
      done.rendered += fresh.length;
      await put(fresh, () => 'a generated page');
    }
    progress('writing feeds, search index and assets…');
    // A few megabytes at a time, so the feeds are not all in memory at once (see `eachFeedFile`).
    let feeds: OutFile[] = [];
    let size = 0;
    for (const feed of eachFeedFile(ctx)) {
      feeds.push(feed);
      size += feed.content.length;
      if (size >= FEED_BATCH_CHARS) await put(feeds), (feeds = []), (size = 0);
    }
    await put(feeds);
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
  done.listed = await staging.commit();
  return done;

  /** A page not rendered again: the out dir's file stays, and its recorded links are checked with the rest. */
  function keepPage({ path, view, inputs }: SitePage, pageLinks: PageLinks) {
    claimed.claim(path, 'a generated page');
    links.addPage(path, pageLinks);
    const { hash, size } = previous!.file(path)!;
    done.outputs.push({ path, hash, view, ...(inputs !== undefined && { inputs }), links: pageLinks });
    done.bytes += size;
    staging.keep([path]);
  }
}

/** Tells two versions of a file apart (SHA-1: nothing adversarial, both are this site's output; the fastest here). */
function bytesHash(content: string | Uint8Array): string {
  return hash('sha1', content, 'base64url');
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
