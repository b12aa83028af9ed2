/**
 * The measured steps of `npm run bench -- --peers`, each a whole process as a user runs it, each checking
 * that it built what it should (a peer that silently built nothing would make any ratio look good).
 */
import { existsSync } from 'node:fs';
import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runbookPath } from '../../src/render/types.ts';
import type { Peers } from './install.ts';
import { timed, type Timed } from './timed.ts';

const HANDOVER = fileURLToPath(new URL('../../bin/handover.js', import.meta.url));
const NOW = '2026-11-22';

/** The folders one benchmark run works in. */
export interface Workspace {
  /** The synthetic content folder Handover builds. */
  content: string;
  /** Handover's out dir. */
  out: string;
  /** Handover's cache (HANDOVER_CACHE_DIR). */
  cache: string;
  /** The Eleventy project (bench/peers/eleventy-site.ts); it builds into `_site/`. */
  eleventy: string;
  /** Pages the Eleventy project builds. */
  pages: number;
  /** HANDOVER_WORKERS, when `--workers` is given. */
  workers?: string;
}

export type HandoverKind = 'cold' | 'warm' | 'one-changed';

/** `node bin/handover.js build`: cold drops the cache and the out dir, warm only the out dir, one-changed neither. */
export async function handoverBuild(space: Workspace, kind: HandoverKind): Promise<Timed> {
  if (kind === 'cold') await rm(space.cache, { recursive: true, force: true });
  if (kind !== 'one-changed') await rm(space.out, { recursive: true, force: true });
  const env = { HANDOVER_CACHE_DIR: space.cache, ...(space.workers !== undefined ? { HANDOVER_WORKERS: space.workers } : {}) };
  const result = await timed(process.execPath, [HANDOVER, 'build', '--content', space.content, '--out', space.out, '--now', NOW], { cwd: path.dirname(space.content), env });
  if (!existsSync(path.join(space.out, 'index.html'))) throw new Error(`handover build (${kind}) wrote no ${path.join(space.out, 'index.html')}`);
  return result;
}

/** Edits one runbook's body (a sentence at its end); returns the text to find on its page afterwards. */
export async function editOneRunbook(space: Workspace, id: string, round: number): Promise<string> {
  const text = `Edited in round ${round}.`;
  await appendFile(path.join(space.content, 'runbooks', `${id}.md`), `\n${text}\n`);
  return text;
}

/** Throws unless the runbook's built page shows `text`. */
export async function expectOnPage(space: Workspace, id: string, text: string): Promise<void> {
  const page = await readFile(path.join(space.out, runbookPath(id)), 'utf8');
  if (!page.includes(text)) throw new Error(`the one-changed build did not show the edit on ${runbookPath(id)}`);
}

export interface PeerRun {
  eleventy: Timed;
  pagefind: Timed;
}

async function countPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name === 'index.html').length;
}

/** Eleventy into an empty `_site/`, then `pagefind --site _site`. */
export async function peerBuild(space: Workspace, peers: Peers): Promise<PeerRun> {
  const site = path.join(space.eleventy, '_site');
  await rm(site, { recursive: true, force: true });
  const eleventy = await timed(process.execPath, [peers.eleventy, '--config=eleventy.config.mjs', '--quiet'], { cwd: space.eleventy });
  const pages = await countPages(site);
  if (pages !== space.pages) throw new Error(`Eleventy wrote ${pages} pages, not ${space.pages}`);
  const pagefind = await timed(process.execPath, [peers.pagefind, '--site', '_site'], { cwd: space.eleventy });
  if (!existsSync(path.join(site, 'pagefind', 'pagefind.js'))) throw new Error('Pagefind wrote no _site/pagefind/pagefind.js');
  return { eleventy, pagefind };
}
