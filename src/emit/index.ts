import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../diagnostic.ts';
import { lockOutDir } from './lock.ts';
import { recover, swapIn } from './swap.ts';
import { byPath, listFiles, statFiles, type Listed } from './listing.ts';
import { fsError } from '../core/fs-error.ts';
import { displayPath } from '../core/paths.ts';
import type { OutFile } from '../render/types.ts';
import { mapLimit } from '../core/limit.ts';

/** Marks a folder as written by Handover, so a later build may replace it. */
export const MARKER = '.handover-build';

/**
 * Refuses an out dir that would overwrite what the user has: the content folder,
 * the project root, a parent of either, or a folder inside the content.
 */
export function checkOutDir(outDir: string, guarded: { content: string; root: string }): void {
  const out = path.resolve(outDir);
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  for (const [what, dir] of [['content folder', guarded.content], ['project root', guarded.root]] as const) {
    const resolved = path.resolve(dir);
    if (inside(resolved, out))
      throw new UserError(`the out dir ${displayPath(out)} is the ${what} or a parent of it; building there would replace your files. Choose another --out, e.g. dist`);
  }
  if (inside(out, path.resolve(guarded.content)))
    throw new UserError(`the out dir ${displayPath(out)} is inside the content folder; choose a folder outside it, e.g. dist`);
}

/** A site being written into a temporary sibling folder: written in parts, then swapped in whole, or dropped. */
export interface Staging {
  /** Writes files into the staging folder (parents created as needed). */
  write(files: OutFile[]): Promise<void>;
  /** Files of the new site that the out dir already holds with the right bytes: left where they are, never rewritten. */
  keep(paths: string[]): void;
  /** What the out dir held when the staging opened (after cleaning up a killed build); null when it could not be listed. */
  readonly existing: Listed[] | null;
  /** Swaps the new site in for the out dir, file by file (see emit/swap.ts); resolves to the out dir's files as left (null: unknown). */
  commit(): Promise<Listed[] | null>;
  /** Removes the staging folder; the out dir is untouched. */
  abort(): Promise<void>;
}

/** What a reader of the out dir can rely on when a build fails. */
const UNTOUCHED = (out: string) => `nothing was written to ${displayPath(out)}`;

/**
 * Opens a staging folder beside `outDir`, so a failed build leaves the previous site untouched
 * and readers never see a half-written one. Takes the out dir's lock (one build at a time), first
 * cleans up after a killed build, and refuses an out dir holding files Handover did not write.
 * File-system errors (a full disk, a read-only folder) become one-line UserErrors.
 */
export async function openStaging(outDir: string): Promise<Staging> {
  const out = path.resolve(outDir);
  const release = await lockOutDir(out).catch((cause) => {
    throw fsError(cause, UNTOUCHED(out)) ?? cause;
  });
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = `${out}.tmp-${stamp}`;
  const folders = new Set<string>();
  const kept = new Set<string>();
  const write = async (files: OutFile[]) => {
    const wanted = [...new Set(files.map((file) => path.dirname(path.join(staging, file.path))))].filter((folder) => !folders.has(folder)).sort();
    for (const folder of wanted) await mkdir(folder, { recursive: true }), folders.add(folder);
    await mapLimit(files, 16, (file) => writeFile(path.join(staging, file.path), file.content));
  };
  const abort = async () => {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    await release().catch(() => {});
  };
  /** Runs a step; on failure drops the staging folder and releases the lock, and says what failed in one line. */
  const step = async <T>(run: () => Promise<T>, note: string): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      await abort();
      throw fsError(cause, note) ?? cause;
    }
  };
  await step(async () => {
    await recover(out);
    await assertReplaceable(out);
    // Made even when every file is kept (an edit whose pages come out the same): the swap reads it.
    await mkdir(staging);
    folders.add(staging);
    const marker = { path: MARKER, content: 'This folder is written by `handover build` and replaced on each build.\n' };
    if ((await readFile(path.join(out, MARKER), 'utf8').catch(() => '')) === marker.content) kept.add(MARKER);
    else await write([marker]);
  }, UNTOUCHED(out));
  // Listed once, holding the lock: the record reuses what it still holds, the swap removes what the new site lacks.
  const existing = existsSync(out) ? listFiles(out) : [];
  return {
    write: (files) => step(() => write(files), UNTOUCHED(out)),
    keep: (paths) => paths.forEach((file) => kept.add(file)),
    existing,
    abort,
    async commit() {
      try {
        const staged = await swapIn(staging, out, [...kept], existing?.map(([file]) => file));
        return (staged && existing && leftAs(out, existing, [...kept], staged)) ?? listFiles(out);
      } catch (cause) {
        // The staging folder and its journal stay: the next build finishes this swap (emit/swap.ts).
        throw fsError(cause, `the swap into ${displayPath(out)} stopped part way; every file there is whole, and the next build finishes it`) ?? cause;
      } finally {
        await release().catch(() => {});
      }
    },
  };
}

/** The out dir after a swap: the kept files as listed before it (a rename in moves no other file), the staged ones stat'ed where they landed. */
function leftAs(out: string, existing: Listed[], kept: string[], staged: string[]): Listed[] | null {
  const before = new Map(existing.map((row) => [row[0], row]));
  const moved = new Set(staged);
  const rows = kept.filter((file) => !moved.has(file)).map((file) => before.get(file));
  if (rows.some((row) => row === undefined)) return null;
  const landed = statFiles(out, staged);
  return landed && [...(rows as Listed[]), ...landed].sort(byPath);
}

async function assertReplaceable(out: string): Promise<void> {
  if (!existsSync(out)) return;
  const entries = await readdir(out).catch(() => null);
  if (entries === null) throw new UserError(`the out dir ${displayPath(out)} exists and is not a folder`);
  if (entries.length > 0 && !entries.includes(MARKER))
    throw new UserError(
      `the out dir ${displayPath(out)} holds files that Handover did not write; it will not replace them. Empty or remove it, or choose another --out`,
    );
}
