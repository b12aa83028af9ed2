import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../diagnostic.ts';
import { displayPath } from '../core/paths.ts';
import type { ImportOptions, ImportResult } from './types.ts';
import type { PeopleBook } from './people.ts';

/** Stops the import (exit 2, nothing written) when a page or a different file is already where it would go. */
export async function refuseOverwrites(result: ImportResult, options: ImportOptions): Promise<void> {
  const exists = async (rel: string) => (await stat(path.join(options.contentDir, rel)).catch(() => null)) !== null;
  const clashes: string[] = [];
  for (const page of result.pages) if (await exists(page.to)) clashes.push(page.to);
  for (const asset of result.assets) {
    if (!(await exists(asset.to))) continue;
    const [a, b] = await Promise.all([readFile(path.join(options.from, asset.source)), readFile(path.join(options.contentDir, asset.to))]);
    if (!a.equals(b)) clashes.push(asset.to);
  }
  if (!clashes.length) return;
  const shown = clashes.slice(0, 5).map((rel) => displayPath(path.join(options.contentDir, rel)));
  throw new UserError(
    `${shown.join(', ')}${clashes.length > 5 ? ` and ${clashes.length - 5} more` : ''} already exist${clashes.length === 1 ? 's' : ''}; nothing was written (import never overwrites). Import into another folder with --into, or move those files away`,
  );
}

/** Writes the pages, the copied files, then people.yaml (through a temporary file, so it is never half written). */
export async function write(result: ImportResult, options: ImportOptions, book: PeopleBook): Promise<void> {
  for (const page of result.pages) {
    const file = path.join(options.contentDir, page.to);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, page.text, { flag: 'wx' });
  }
  for (const asset of result.assets) {
    const file = path.join(options.contentDir, asset.to);
    if ((await stat(file).catch(() => null)) !== null) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(path.join(options.from, asset.source), file, constants.COPYFILE_EXCL);
  }
  if (book.added.length || !book.exists) {
    await mkdir(path.dirname(book.file), { recursive: true });
    const temp = `${book.file}.import-${process.pid}`;
    await writeFile(temp, book.text());
    await rename(temp, book.file);
  }
}
