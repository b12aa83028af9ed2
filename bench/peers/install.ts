/**
 * Installs the peers (bench/peers/package.json, pinned by its lock file) into the ignored bench/.peers/
 * on first use, and again whenever the lock file changes. Nothing else in the repository depends on them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PINNED = fileURLToPath(new URL('.', import.meta.url));
const INSTALLED = fileURLToPath(new URL('../.peers/', import.meta.url));

export interface Peers {
  /** Eleventy's CLI script, run with node as `npx @11ty/eleventy` would. */
  eleventy: string;
  /** Pagefind's npm wrapper, which runs the native binary of this platform (an optional dependency). */
  pagefind: string;
  /** Installed versions, for the table's heading. */
  versions: { eleventy: string; pagefind: string };
}

async function same(a: string, b: string): Promise<boolean> {
  if (!existsSync(a) || !existsSync(b)) return false;
  return (await readFile(a, 'utf8')) === (await readFile(b, 'utf8'));
}

/** npm as the user ran it (`npm run bench` sets npm_execpath), else the one on PATH. */
function npm(args: string[]): void {
  const cli = process.env.npm_execpath;
  const [command, rest] = cli && cli.endsWith('.js') ? [process.execPath, [cli, ...args]] : ['npm', args];
  execFileSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function version(dir: string): Promise<string> {
  return (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Installs the peers if they are missing or stale, and checks that Pagefind's native binary runs here. */
export async function ensurePeers(): Promise<Peers> {
  const lock = 'package-lock.json';
  const modules = path.join(INSTALLED, 'node_modules');
  if (!(await same(path.join(PINNED, lock), path.join(INSTALLED, lock))) || !existsSync(path.join(modules, '.package-lock.json'))) {
    process.stderr.write(`installing Eleventy and Pagefind into ${INSTALLED} (once)…\n`);
    await mkdir(INSTALLED, { recursive: true });
    for (const file of ['package.json', lock]) await copyFile(path.join(PINNED, file), path.join(INSTALLED, file));
    npm(['ci', '--prefix', INSTALLED, '--no-audit', '--no-fund']);
  }
  const peers: Peers = {
    eleventy: path.join(modules, '@11ty', 'eleventy', 'cmd.cjs'),
    pagefind: path.join(modules, 'pagefind', 'lib', 'runner', 'bin.cjs'),
    versions: { eleventy: await version(path.join(modules, '@11ty', 'eleventy')), pagefind: await version(path.join(modules, 'pagefind')) },
  };
  try {
    execFileSync(process.execPath, [peers.pagefind, '--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`Pagefind does not run on ${process.platform}-${process.arch} (its binary comes from an optional dependency, @pagefind/${process.platform}-${process.arch}): ${stderr || String(error)}`);
  }
  return peers;
}
