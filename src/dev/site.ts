/**
 * The dev server's site, held in memory: `update()` checks the content again
 * (only changed runbooks are parsed), `file()` renders a page when it is asked for.
 * While the content has errors the last good site keeps being served, with the errors beside it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openParseCache, type ParseCache } from '../cache/index.ts';
import { resetCodeHash } from '../cache/key.ts';
import { loadConfig, type LoadedConfig } from '../config-file.ts';
import { error, UserError, type Diagnostic } from '../diagnostic.ts';
import { check, type CheckOptions, type CheckResult } from '../index.ts';
import { publishedAssets } from '../links.ts';
import { createMemo } from '../memo.ts';
import type { Templates } from '../render/templates.ts';
import { renderContext, type OutFile, type RenderContext } from '../render/types.ts';
import { searchFiles } from '../search/index.ts';
import { buildTheme, PACKAGE_ROOT } from '../theme.ts';
import { feedFiles, pageTable, type PageMaker } from '../render/registry.ts';
import { renderSpec, siteTemplates } from '../render/render.ts';
import { contentDirOf } from '../core/paths.ts';

export interface DevSiteOptions extends CheckOptions {
  /** Absolute site URL for feeds; defaults to the config's `base`. */
  base?: string;
}

/** What changed on disk, which decides what is thrown away. */
export type Change = 'content' | 'config' | 'templates' | 'theme';

/** A crash while checking, as a panel entry: the message, without the stack (the terminal prints that). */
function internalError(cause: unknown): Diagnostic {
  const message = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return error('internal-error', `Handover failed on this content (${message}); the last good site is shown`, {
    hint: 'this is a bug in Handover: the terminal has the trace; please report it with the file you last changed',
  });
}

export interface UpdateResult {
  /** Errors of the current content; empty when it builds. */
  errors: Diagnostic[];
  gaps: number;
  /** Runbooks parsed again (the rest came from the cache). */
  parsed: number;
  ms: number;
  /** The error a crash threw, for the terminal's trace; its message is in `errors` too. */
  crash?: unknown;
}

export interface DevSite {
  update(change?: Change): Promise<UpdateResult>;
  /** The file at a site path (`''` and `dir/` mean index.html), made on first request; undefined when the site has none. */
  file(sitePath: string): Promise<OutFile | undefined>;
  /** Errors of the last update. */
  readonly errors: Diagnostic[];
  /** Folders and files to watch: content, config, and the package's and the site's templates and theme. */
  watched(): { content: string; config?: string; templates: string[]; theme: string[] };
  /** Writes the parse cache, so the next `build` or `dev` starts warm. */
  save(): Promise<void>;
}

/** Creates the in-memory site; call `update()` before the first `file()`. */
export async function createDevSite(options: DevSiteOptions = {}): Promise<DevSite> {
  let ctx: RenderContext | undefined;
  let errors: Diagnostic[] = [];
  let cache: ParseCache | undefined;
  let configFile: string | undefined;
  let loadedConfig: LoadedConfig | undefined;
  const memo = createMemo();
  let contentDir = path.resolve(options.content ?? 'content');
  let theme: ReturnType<typeof buildTheme> | undefined;
  let root = process.cwd();
  let templates: Templates | undefined;
  let made = new Map<string, Promise<OutFile | undefined>>();
  let pages = new Map<string, PageMaker>();
  let published = new Set<string>();
  let extras: Promise<Map<string, OutFile>> | undefined;

  const openCache = async () => {
    const loaded = await loadConfig(options.config);
    loadedConfig = loaded;
    configFile = loaded.file;
    root = loaded.root;
    contentDir = contentDirOf(loaded, options.content);
    cache = await openParseCache(loaded.root, loaded.config, { memory: true });
  };

  async function update(change: Change = 'content'): Promise<UpdateResult> {
    const started = performance.now();
    if (change === 'templates') (templates = undefined), resetCodeHash();
    if (change === 'theme') (theme = undefined), resetCodeHash();
    let next: CheckResult;
    const before = cache?.stats.misses ?? 0;
    try {
      if (!cache || change !== 'content') await openCache();
      // The config is imported again only when it changed: importing it is most of a small update.
      next = await check({ ...options, cache: cache!, loadedConfig, memo });
    } catch (cause) {
      // A broken config or a missing folder is shown like any other error; the server keeps running.
      // Anything else is a bug, but one the content set off: it goes to the panel too, not only the terminal.
      if (cause instanceof UserError) errors = cause.diagnostics.length ? cause.diagnostics : [error('invalid-config', cause.message)];
      else errors = [internalError(cause)];
      return { errors, gaps: 0, parsed: 0, ms: Math.round(performance.now() - started), ...(cause instanceof UserError ? {} : { crash: cause }) };
    }
    errors = next.errors;
    if (errors.length === 0) {
      theme ??= buildTheme({ root: next.root, logo: next.config.logo });
      ctx = renderContext(next, options.base ?? next.config.base, (await theme).assets);
      templates ??= siteTemplates(ctx, true);
      pages = pageTable(ctx);
      published = new Set(publishedAssets(ctx.site));
      made = new Map();
      extras = undefined;
    }
    return { errors, gaps: next.gaps.length, parsed: cache!.stats.misses - (change === 'content' ? before : 0), ms: Math.round(performance.now() - started) };
  }

  /** Feeds, search index, theme files: made together on the first request for any of them. */
  async function others(): Promise<Map<string, OutFile>> {
    const files = [...feedFiles(ctx!), ...searchFiles(ctx!.site), ...(await theme!).files];
    return new Map(files.map((file) => [file.path, file]));
  }

  async function make(sitePath: string): Promise<OutFile | undefined> {
    const spec = pages.get(sitePath);
    if (spec) return { path: sitePath, content: renderSpec(ctx!, spec(), templates!) };
    // The same files a build copies: linked from a body, of a type the site publishes.
    const asset = sitePath.startsWith('runbooks/') ? sitePath.slice('runbooks/'.length) : '';
    if (asset && published.has(asset)) return { path: sitePath, content: await readFile(ctx!.site.assets.get(asset)!.abs) };
    extras ??= others();
    return (await extras).get(sitePath);
  }

  return {
    update,
    get errors() {
      return errors;
    },
    async file(sitePath) {
      if (!ctx) return undefined;
      const key = sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
      let file = made.get(key);
      if (!file) made.set(key, (file = make(key)));
      return file;
    },
    watched: () => ({
      content: contentDir,
      config: configFile,
      templates: [...new Set([path.join(PACKAGE_ROOT, 'templates'), path.join(root, 'templates')])],
      theme: [...new Set([path.join(PACKAGE_ROOT, 'theme'), path.join(root, 'theme')])],
    }),
    save: async () => cache?.save(),
  };
}
