/**
 * Swapping a finished site in, file by file, so the out dir holds a complete site at every instant:
 * each file is replaced whole by a rename (atomic on POSIX); files new to the site arrive before the
 * pages that link to them, pages come last, and files no longer in the site are removed at the end.
 * A reader (a static server, a browser on file://) sees every page, each old or new, never a gap.
 *
 * Before the first rename the staging folder gets a journal of every file of the new site, so a
 * build killed mid-swap is rolled forward by the next one (`recover`); a staging folder without a
 * journal is a build killed while writing and is removed.
 */
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Lists every file of the new site; lives in the staging folder during a swap. */
export const JOURNAL = '.handover-swap.json';

/** Files under `dir`, relative, with forward slashes. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Moves the site in `staging` into `out` and removes `staging`. */
export async function swapIn(staging: string, out: string): Promise<void> {
  if (!existsSync(out)) {
    // Nothing to keep readable: one rename.
    await rename(staging, out);
    return;
  }
  const files = (await filesUnder(staging)).filter((file) => file !== JOURNAL);
  await writeFile(path.join(staging, JOURNAL), JSON.stringify(files));
  await finish(staging, out, files);
}

/** Moves what is still in `staging` into `out`, removes what `files` does not list, then `staging`. Safe to repeat. */
async function finish(staging: string, out: string, files: string[]): Promise<void> {
  const old = new Set(await filesUnder(out));
  const page = (file: string) => file.endsWith('.html');
  const rank = (file: string) => (old.has(file) ? 1 : 0) + (page(file) ? 2 : 0) + (file === 'index.html' ? 4 : 0);
  const order = [...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const made = new Set<string>();
  for (const file of order) {
    const from = path.join(staging, file);
    if (!existsSync(from)) continue; // moved before an interruption
    const to = path.join(out, file);
    const folder = path.dirname(to);
    if (!made.has(folder)) {
      await makeFolder(out, folder);
      made.add(folder);
    }
    // A folder where the new site has a file (or the other way round) cannot be renamed over.
    if ((await lstat(to).catch(() => null))?.isDirectory()) await rm(to, { recursive: true, force: true });
    await rename(from, to);
  }
  const keep = new Set(files);
  for (const file of old) if (!keep.has(file)) await rm(path.join(out, file), { force: true });
  await removeEmptyFolders(out);
  await rm(staging, { recursive: true, force: true });
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

async function removeEmptyFolders(dir: string): Promise<boolean> {
  let empty = true;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && (await removeEmptyFolders(path.join(dir, entry.name)))) await rmdir(path.join(dir, entry.name));
    else empty = false;
  }
  return empty;
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
