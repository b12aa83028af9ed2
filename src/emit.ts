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

/**
 * Writes the site into a temporary sibling folder and swaps it in, so a failed build
 * leaves the previous site untouched and readers never see a half-written one.
 */
export async function emit(outDir: string, files: OutFile[]): Promise<void> {
  const out = path.resolve(outDir);
  await assertReplaceable(out);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = `${out}.tmp-${stamp}`;
  const previous = `${out}.old-${stamp}`;
  try {
    await writeAll(staging, [...files, { path: MARKER, content: 'This folder is written by `handover build` and replaced on each build.\n' }]);
    if (existsSync(out)) await rename(out, previous);
    await rename(staging, out);
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(out) && existsSync(previous)) await rename(previous, out);
    throw cause;
  }
  await rm(previous, { recursive: true, force: true });
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

async function writeAll(root: string, files: OutFile[]): Promise<void> {
  const folders = new Set(files.map((file) => path.dirname(path.join(root, file.path))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.pop(); file; file = queue.pop()) await writeFile(path.join(root, file.path), file.content);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
