/**
 * Skipping a build whose inputs have not changed: after each build the out dir's
 * file list (path, size, mtime) is recorded with a fingerprint of everything the
 * site is made from. The next build with the same fingerprint, over an out dir
 * that still holds exactly those files, has nothing to render or write.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
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

interface Record extends RecordedBuild {
  fingerprint: string;
  files: [string, number, number][];
}

const recordFile = (root: string, outDir: string) => path.join(cacheDir(root), 'builds', `${hashText(path.resolve(outDir)).slice(0, 16)}.json`);

async function fingerprintOf(what: OutputInputs): Promise<string> {
  return hashText(JSON.stringify([await cacheKey(what.config), what.inputs, what.now, what.base, path.resolve(what.outDir)]));
}

async function listFiles(outDir: string): Promise<[string, number, number][] | null> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => null);
  if (!entries) return null;
  const files = entries.filter((entry) => !entry.isDirectory()).map((entry) => path.join(entry.parentPath, entry.name));
  const stats = await Promise.all(files.map((file) => stat(file)));
  return files.map((file, i) => [path.relative(outDir, file).split(path.sep).join('/'), stats[i]!.size, stats[i]!.mtimeMs] as [string, number, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The recorded build when the out dir is exactly what a build of these inputs wrote; null when it must be built. */
export async function upToDate(what: OutputInputs): Promise<RecordedBuild | null> {
  const record = await readFile(recordFile(what.root, what.outDir), 'utf8').then((text) => JSON.parse(text) as Record, () => null);
  if (!record || record.fingerprint !== (await fingerprintOf(what))) return null;
  const files = await listFiles(what.outDir);
  if (!files || JSON.stringify(files) !== JSON.stringify(record.files)) return null;
  return { pages: record.pages, bytes: record.bytes };
}

/** Records the out dir as just written for these inputs. */
export async function recordBuild(what: OutputInputs, built: RecordedBuild): Promise<void> {
  const files = await listFiles(what.outDir);
  if (!files) return;
  const file = recordFile(what.root, what.outDir);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ fingerprint: await fingerprintOf(what), ...built, files } satisfies Record));
  await rename(temp, file);
}
