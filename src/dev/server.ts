/**
 * `handover dev`: Vite's server and file watcher around the in-memory site.
 * Pages are rendered on request; a change re-checks the content and tells open
 * pages to reload over Vite's websocket. Errors are shown in the page, never crash the server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import type { Diagnostic } from '../diagnostic.ts';
import { createDevSite, type Change, type DevSite, type DevSiteOptions, type UpdateResult } from './site.ts';
import { errorPage, injectDev } from './overlay.ts';

export interface DevServerOptions extends DevSiteOptions {
  port?: number;
  /** Interface to listen on; 127.0.0.1 unless asked. */
  host?: string;
  open?: boolean;
  /** Where status lines go (the CLI prints them). */
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  site: DevSite;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
};

/** One status line for an update. */
export function describeUpdate(result: UpdateResult): string {
  const state = result.errors.length ? `${result.errors.length} error${result.errors.length === 1 ? '' : 's'} (shown in the browser)` : `${result.gaps} gaps`;
  return `rebuilt in ${result.ms} ms · ${result.parsed} parsed · ${state}`;
}

/** Starts the server; resolves once it listens. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? (() => {});
  const site = await createDevSite(options);
  const first = await site.update();
  log(describeUpdate(first));
  const watched = site.watched();
  const vite = await createServer({
    configFile: false,
    root: watched.content,
    logLevel: 'silent',
    appType: 'custom',
    clearScreen: false,
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: options.host ?? '127.0.0.1', port: options.port ?? 5173, strictPort: options.port !== undefined, open: options.open ?? false },
    plugins: [servePlugin(site, log)],
  });
  vite.watcher.add([...watched.templates, ...watched.theme, ...(watched.config ? [watched.config] : [])]);
  watch(vite, site, log);
  // An edit saved before the watcher has scanned its folders is never reported, so the server says it
  // is up only once the watcher is ready (on a loaded machine the scan can take seconds).
  await watcherReady(vite.watcher);
  await vite.listen();
  const url = vite.resolvedUrls?.local[0] ?? `http://${options.host ?? '127.0.0.1'}:${options.port ?? 5173}/`;
  return { url, site, close: () => vite.close() };
}

interface Answer {
  status: number;
  type: string;
  body: string | Uint8Array;
}

const plain = (status: number, body: string): Answer => ({ status, type: 'text/plain; charset=utf-8', body: `${body}\n` });

/** Resolves once the watcher has scanned every folder it was given (chokidar's `ready`, emitted once). */
function watcherReady(watcher: ViteDevServer['watcher']): Promise<void> {
  // chokidar 3 emits `ready` only once; a watcher that is already ready says so in this flag.
  if ((watcher as unknown as { _readyEmitted?: boolean })._readyEmitted) return Promise.resolve();
  return new Promise((resolve) => watcher.once('ready', () => resolve()));
}

function servePlugin(site: DevSite, log: (line: string) => void): Plugin {
  return {
    name: 'handover-dev',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const answer = ({ status, type, body }: Answer) => {
          res.statusCode = status;
          res.setHeader('Content-Type', type);
          res.setHeader('Cache-Control', 'no-store');
          res.end(body);
        };
        const url = new URL(req.url ?? '/', 'http://localhost');
        // Vite's "open in editor" would open any file it is asked for: a page must not be able to.
        if (url.pathname.startsWith('/__open-in-editor')) return answer(plain(404, 'not found'));
        if (url.pathname.startsWith('/@') || url.pathname.startsWith('/__')) return next();
        let sitePath: string;
        try {
          sitePath = decodeURIComponent(url.pathname).replace(/^\/+/, '');
        } catch {
          return answer(plain(400, 'bad request: the path is not valid percent-encoding'));
        }
        serve(site, sitePath).then(answer, (cause: unknown) => {
          // A page that fails to render is a bug: its message in the page, its trace in the terminal, never a stack in the browser.
          log(`serving /${sitePath} failed: ${(cause as Error)?.stack ?? String(cause)}`);
          answer(plain(500, `handover dev could not make this page: ${(cause as Error)?.message ?? String(cause)}`));
        });
      });
    },
  };
}

async function serve(site: DevSite, sitePath: string): Promise<Answer> {
  const html = TYPES['.html']!;
  if (sitePath.split('/').includes('..')) return { status: 400, type: 'text/plain', body: 'bad path' };
  const file = (await site.file(sitePath)) ?? (await site.file(`${sitePath}/`));
  if (!file) {
    const notFound = await site.file('404.html');
    if (!notFound) return { status: site.errors.length ? 500 : 404, type: html, body: errorPage(site.errors) };
    return { status: 404, type: html, body: injectDev(String(notFound.content), site.errors) };
  }
  const type = TYPES[path.extname(file.path)] ?? 'application/octet-stream';
  if (type !== html) return { status: 200, type, body: file.content };
  return { status: 200, type, body: injectDev(String(file.content), site.errors) };
}

/** Classifies a changed path; null when it does not feed the site. */
function changeOf(file: string, watched: ReturnType<DevSite['watched']>): Change | null {
  const inside = (dir: string) => file === dir || file.startsWith(dir + path.sep);
  if (watched.config && file === watched.config) return 'config';
  if (watched.templates.some(inside)) return 'templates';
  if (watched.theme.some(inside)) return 'theme';
  if (inside(watched.content)) return 'content';
  return null;
}

const STRENGTH: Change[] = ['content', 'config', 'templates', 'theme'];

/** Re-checks after each burst of changes, one update at a time, then reloads open pages. */
function watch(vite: ViteDevServer, site: DevSite, log: (line: string) => void): void {
  let pending: Change | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const run = () => {
    const change = pending!;
    pending = null;
    running = running.then(async () => {
      try {
        const result = await site.update(change);
        log(describeUpdate(result));
        if (result.crash) log(`update failed: ${(result.crash as Error)?.stack ?? String(result.crash)}`);
        else if (result.errors.length) log(summarize(result.errors));
        awaitContent(result);
      } catch (cause) {
        log(`update failed: ${(cause as Error).stack ?? String(cause)}`);
      }
      vite.ws.send({ type: 'full-reload', path: '*' });
      void site.save().catch(() => {});
    });
  };
  // A deleted content folder drops out of the watcher; once it is back, watch it again and re-check.
  let waiting: NodeJS.Timeout | undefined;
  const awaitContent = (result: UpdateResult) => {
    const content = site.watched().content;
    if (waiting || existsSync(content) || !result.errors.length) return;
    waiting = setInterval(() => {
      if (!existsSync(content)) return;
      clearInterval(waiting);
      waiting = undefined;
      vite.watcher.add(content);
      pending ??= 'content';
      run();
    }, 250);
    waiting.unref();
  };
  // A watcher that cannot watch (no inotify instances left, a folder gone) would miss every edit in silence.
  vite.watcher.on('error', (cause) => log(`watching files failed: ${(cause as Error).message ?? String(cause)}; edits may not reload until the server restarts`));
  vite.watcher.on('all', (_event, file) => {
    const change = changeOf(path.resolve(file), site.watched());
    if (!change) return;
    if (!pending || STRENGTH.indexOf(change) > STRENGTH.indexOf(pending)) pending = change;
    clearTimeout(timer);
    timer = setTimeout(run, 30);
  });
}

function summarize(errors: Diagnostic[]): string {
  return errors
    .slice(0, 5)
    .map((d) => `  ${d.file ?? ''}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}  ${d.field ?? ''}  ${d.message}`)
    .join('\n');
}
