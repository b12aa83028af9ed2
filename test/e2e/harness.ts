import { createReadStream, existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build, type BuildResult } from '../../src/build.ts';
import { NOW, writeSite, type Files } from '../helpers/site.ts';

/** Debian's Chromium; .ci/run installs it. Tests fail loudly, never skip, when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Launches headless Chromium with the flags this machine needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** A static host on 127.0.0.1 that serves `dir` under the sub-path `prefix` (e.g. `/team/runbooks/`), like any plain host would. */
export async function serve(dir: string, prefix = '/sub/path/', options: { notFoundPage?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const root = path.resolve(dir);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Like most static hosts, answer a missing path at any depth with the site's 404.html when asked.
    const notFound = () => {
      const page = path.join(root, '404.html');
      if (options.notFoundPage && url.pathname.startsWith(prefix) && existsSync(page)) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        return void createReadStream(page).pipe(res);
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    if (!url.pathname.startsWith(prefix)) return notFound();
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(root)) return notFound();
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) file = path.join(file, 'index.html');
    else if (!info) return notFound();
    const exists = await stat(file).catch(() => null);
    if (!exists) return notFound();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A site built from content files in a temporary folder, served under `/sub/`, with a browser to open it. */
export interface ServedSite {
  /** What the build returned: its errors, gaps and figures. */
  result: BuildResult;
  /** The site's address, ending in `/sub/`. */
  url: string;
  browser: Browser;
  /** Closes the browser and the host and removes the content and the out dir. */
  close(): Promise<void>;
}

/** Builds `files` (as `NOW`, with the repository's config and no cache), serves the out dir and launches Chromium. */
export async function buildAndServe(files: Files): Promise<ServedSite> {
  const site = await writeSite(files);
  const out = `${site.dir}-out`;
  const result = await build({ content: site.dir, out, now: NOW, config: 'site.config.ts', cache: false });
  const host = await serve(out, '/sub/');
  const browser = await launch();
  return {
    result,
    url: host.url,
    browser,
    close: async () => {
      await browser.close();
      await host.close();
      await site.dispose();
      await rm(out, { recursive: true, force: true });
    },
  };
}
