/**
 * Swapping a finished site in, file by file, so the out dir holds a complete site at every instant:
 * each file is replaced whole by a rename (atomic on POSIX); files new to the site arrive before the
 * pages that link to them, pages come last, and files no longer in the site are removed at the end.
 * A reader (a static server, a browser on file://) sees every page, each old or new, never a gap.
 *
 * An incremental build stages only the files whose bytes changed; the files it keeps are already
 * in the out dir, untouched (same inode, same mtime), and are listed with the staged ones.
 *
 * Before the first rename the staging folder gets a journal of every file of the new site (staged
 * and kept), so a build killed mid-swap is rolled forward by the next one (`recover`); a staging
 * folder without a journal is a build killed while writing and is removed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapLimit } from '../core/limit.ts';

/** Lists every file of the new site; lives in the staging folder during a swap. */
export const JOURNAL = '.handover-swap.json';

/**
 * Files under `dir`, relative, with forward slashes. Synchronous: a site is a folder per page, and the
 * asynchronous listing pays a thread-pool round trip per folder (at 1,000 runbooks 75-125 ms, this 10-16 ms).
 */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/**
 * Moves the site in `staging` into `out` and removes `staging`; `kept` are files of the new site that `out`
 * already holds, and `old` every file `out` holds (the caller's listing, taken holding the lock; listed here
 * when not given). Returns the files moved in, or null when `staging` became `out` whole.
 */
export async function swapIn(staging: string, out: string, kept: readonly string[] = [], old?: readonly string[]): Promise<string[] | null> {
  if (!existsSync(out)) {
    // Nothing to keep readable: one rename (and nothing can have been kept from an out dir that is not there).
    await rename(staging, out);
    return null;
  }
  const staged = (await filesUnder(staging)).filter((file) => file !== JOURNAL);
  const files = [...new Set([...staged, ...kept])];
  await writeFile(path.join(staging, JOURNAL), JSON.stringify(files));
  await finish(staging, out, files, new Set(staged), old);
  return staged;
}

/**
 * Moves what is still in `staging` into `out`, removes what `files` does not list, then `staging`. Safe to repeat.
 * `staged` names the files in `staging`; without it (resuming a killed swap) a file missing there was moved already, or kept.
 * `listed` is what `out` holds when the caller knows it.
 */
async function finish(staging: string, out: string, files: string[], staged?: ReadonlySet<string>, listed?: readonly string[]): Promise<void> {
  const old = new Set(listed ?? (await filesUnder(out)));
  const oldFolders = new Set([...old].flatMap((file) => parents(file)));
  const rank = (file: string) => (old.has(file) ? 1 : 0) + (file.endsWith('.html') ? 2 : 0) + (file === 'index.html' ? 4 : 0);
  // Groups in the order readers need them: new files, replaced files, new pages, replaced pages, index.html.
  const groups = new Map<number, string[]>();
  for (const file of staged ? files.filter((file) => staged.has(file)) : files) {
    const group = groups.get(rank(file));
    if (group) group.push(file);
    else groups.set(rank(file), [file]);
  }
  const folders = [...new Set(files.flatMap((file) => parents(file)))].filter((folder) => !oldFolders.has(folder)).sort();
  for (const folder of folders) await makeFolder(out, path.join(out, folder));
  for (const group of [...groups.keys()].sort((a, b) => a - b)) {
    await mapLimit(groups.get(group)!, 16, async (file) => {
      const from = path.join(staging, file);
      if (!staged && !existsSync(from)) return; // moved before the interruption, or kept
      // A folder where the new site has a file cannot be renamed over.
      if (oldFolders.has(file)) await rm(path.join(out, file), { recursive: true, force: true });
      await rename(from, path.join(out, file));
    });
  }
  const keep = new Set(files);
  const stale = [...old].filter((file) => !keep.has(file));
  await mapLimit(stale, 16, async (file) => {
    // Skip what the new site already put in its place (a folder now, or under a path that is a file now).
    const info = await lstat(path.join(out, file)).catch(() => null);
    if (info && !info.isDirectory()) await rm(path.join(out, file), { force: true });
  });
  // Only folders that lost files can have become empty; deepest first, so a parent sees its children gone.
  const emptied = [...new Set([...old].filter((file) => !keep.has(file)).flatMap((file) => parents(file)))].sort((a, b) => b.length - a.length);
  for (const folder of emptied) await rmdir(path.join(out, folder)).catch(() => {});
  await rm(staging, { recursive: true, force: true });
}

/** The folders above a relative path, outermost first: `a/b/c.html` -> `a`, `a/b`. */
function parents(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Creates `folder` under `out`, replacing a file that stands where a folder of the new site goes. */
async function makeFolder(out: string, folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST' && (cause as NodeJS.ErrnoException).code !== 'ENOTDIR') throw cause;
    for (let at = folder; at.startsWith(out + path.sep); at = path.dirname(at))
      if ((await lstat(at).catch(() => null))?.isFile()) await rm(at, { force: true });
    await mkdir(folder, { recursive: true });
  }
}

/**
 * Cleans up after a build that was killed or crashed (call it holding the lock): a swap that had begun
 * is finished, a staging folder still being written is removed, and a previous site left aside by an
 * older two-rename swap is put back when the out dir is missing, else removed.
 */
export async function recover(out: string): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  for (const name of (await leftovers(out)).filter((name) => name !== `${base}.lock`)) {
    const dir = path.join(parent, name);
    if (name.startsWith(`${base}.tmp-`)) {
      const journal = await readFile(path.join(dir, JOURNAL), 'utf8').then((text) => JSON.parse(text) as unknown, () => null);
      const safe = (file: unknown) => typeof file === 'string' && !path.isAbsolute(file) && !file.split(/[\\/]/).includes('..');
      const swapping = Array.isArray(journal) && journal.every(safe);
      if (swapping && existsSync(out)) await finish(dir, out, journal as string[]);
      else if (swapping) await rm(path.join(dir, JOURNAL)).then(() => rename(dir, out));
      else await rm(dir, { recursive: true, force: true });
    } else if (!existsSync(out)) await rename(dir, out);
    else await rm(dir, { recursive: true, force: true });
  }
}

/** What a killed or crashed build can leave beside `out`: staging folders, a previous site, a lock. */
export async function leftovers(out: string): Promise<string[]> {
  const base = path.basename(out);
  const names = await readdir(path.dirname(out)).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith(`${base}.tmp-`) || name.startsWith(`${base}.old-`) || name === `${base}.lock`).sort();
}
