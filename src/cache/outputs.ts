/**
 * Skipping a build whose inputs have not changed: after each build the out dir's
 * file list (path, size, mtime) is recorded with a fingerprint of everything the
 * site is made from. The next build with the same fingerprint, over an out dir
 * that still holds exactly those files, has nothing to render or write.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { leftovers } from '../emit/swap.ts';
import { cacheDir, cacheKey, hashText } from './key.ts';

/** What the site is made from, besides Handover itself and the config. */
export interface OutputInputs {
  root: string;
  config: Config;
  /** Hash of every content file (see `inputsHash`). */
  inputs: string;
  now: string;
  base: string;
  outDir: string;
}

/** What a skipped build reports: the figures of the build it stands for. */
export interface RecordedBuild {
  pages: number;
  bytes: number;
}

/** A build record as stored; checked on read, so a damaged or foreign file is no record. */
const recordSchema = z.object({
  fingerprint: z.string(),
  pages: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  files: z.array(z.tuple([z.string(), z.number(), z.number()])),
});
type Record = z.infer<typeof recordSchema>;

async function readRecord(file: string): Promise<Record | null> {
  try {
    const checked = recordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
}

const recordFile = (root: string, outDir: string) => path.join(cacheDir(root), 'builds', `${hashText(path.resolve(outDir)).slice(0, 16)}.json`);

async function fingerprintOf(what: OutputInputs): Promise<string> {
  return hashText(JSON.stringify([await cacheKey(what.config), what.inputs, what.now, what.base, path.resolve(what.outDir)]));
}

async function listFiles(outDir: string): Promise<[string, number, number][] | null> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => null);
  if (!entries) return null;
  const files = entries.filter((entry) => !entry.isDirectory()).map((entry) => path.join(entry.parentPath, entry.name));
  // A file gone between listing and stat (another build swapped the folder) means the listing is not one site's.
  const stats = await Promise.all(files.map((file) => stat(file))).catch(() => null);
  if (!stats) return null;
  return files.map((file, i) => [path.relative(outDir, file).split(path.sep).join('/'), stats[i]!.size, stats[i]!.mtimeMs] as [string, number, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The recorded build when the out dir is exactly what a build of these inputs wrote; null when it must be built. */
export async function upToDate(what: OutputInputs): Promise<RecordedBuild | null> {
  const record = await readRecord(recordFile(what.root, what.outDir));
  if (!record || record.fingerprint !== (await fingerprintOf(what))) return null;
  // Leftovers of a killed build (or one running now): only a real build may clean up or wait its turn.
  if ((await leftovers(path.resolve(what.outDir))).length) return null;
  const files = await listFiles(what.outDir);
  if (!files || JSON.stringify(files) !== JSON.stringify(record.files)) return null;
  return { pages: record.pages, bytes: record.bytes };
}

/** Records the out dir as just written for these inputs. */
export async function recordBuild(what: OutputInputs, built: RecordedBuild): Promise<void> {
  const files = await listFiles(what.outDir);
  if (!files) return;
  const file = recordFile(what.root, what.outDir);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, JSON.stringify({ fingerprint: await fingerprintOf(what), ...built, files } satisfies Record));
    await rename(temp, file);
  } catch {
    // Without a record the next build only does more work; a read-only or full cache folder must not fail this one.
    await rm(temp, { force: true }).catch(() => {});
  }
}
