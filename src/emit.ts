import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './diagnostic.ts';
import { displayPath } from './load.ts';
import type { OutFile } from './render/types.ts';

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
  /** Swaps the staging folder in for the out dir; the previous site is removed only after that. */
  commit(): Promise<void>;
  /** Removes the staging folder; the out dir is untouched. */
  abort(): Promise<void>;
}

/**
 * Opens a staging folder beside `outDir`, so a failed build leaves the previous site untouched
 * and readers never see a half-written one. Refuses an out dir holding files Handover did not write.
 */
export async function openStaging(outDir: string): Promise<Staging> {
  const out = path.resolve(outDir);
  await assertReplaceable(out);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = `${out}.tmp-${stamp}`;
  const previous = `${out}.old-${stamp}`;
  const folders = new Set<string>();
  const write = async (files: OutFile[]) => {
    const wanted = [...new Set(files.map((file) => path.dirname(path.join(staging, file.path))))].filter((folder) => !folders.has(folder)).sort();
    for (const folder of wanted) await mkdir(folder, { recursive: true }), folders.add(folder);
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.pop(); file; file = queue.pop()) await writeFile(path.join(staging, file.path), file.content);
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  };
  const abort = () => rm(staging, { recursive: true, force: true });
  await write([{ path: MARKER, content: 'This folder is written by `handover build` and replaced on each build.\n' }]);
  return {
    write,
    abort,
    async commit() {
      try {
        if (existsSync(out)) await rename(out, previous);
        await rename(staging, out);
      } catch (cause) {
        await abort();
        if (!existsSync(out) && existsSync(previous)) await rename(previous, out);
        throw cause;
      }
      await rm(previous, { recursive: true, force: true });
    },
  };
}

/** Writes a whole site at once through a staging folder (see openStaging). */
export async function emit(outDir: string, files: OutFile[]): Promise<void> {
  const staging = await openStaging(outDir);
  try {
    await staging.write(files);
  } catch (cause) {
    await staging.abort();
    throw cause;
  }
  await staging.commit();
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
