/**
 * What the last build wrote into an out dir, so the next one redoes only what changed. After each
 * build the out dir's files (path, size, mtime, inode, hash of the bytes) are recorded with a key of
 * everything the site is made from besides the content, and each page's view key and links.
 * - Same key and same content over an out dir that still holds exactly those files: nothing to do.
 * - Same key, other content: a page whose view key is unchanged is not rendered again, and a file
 *   whose bytes are unchanged is not written again (when the out dir still holds it as recorded).
 * - Another key (Handover, its templates or theme, the config, `--now`, the base URL): every page is
 *   rendered, and still only the files whose bytes differ are written.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { MARKER } from '../emit/index.ts';
import { leftovers } from '../emit/swap.ts';
import { listFiles, type Listed } from '../emit/listing.ts';
import type { PageLinks } from '../emit/links.ts';
import { cacheDir, cacheKey, hashText } from './key.ts';

/** What the site is made from, besides Handover itself and the config. */
export interface OutputInputs {
  root: string;
  config: Config;
  /** Hash of every content file (see `inputsHash`). */
  inputs: string;
  /** Hash of the site's own templates/ and theme/, which shadow the package's (see `overridesHash`). */
  overrides: string;
  now: string;
  base: string;
  outDir: string;
}

/** What a skipped build reports: the figures of the build it stands for. */
export interface RecordedBuild {
  pages: number;
  bytes: number;
}

/** A file in the out dir: path, size, mtime, inode, and the hash of its bytes. */
const fileSchema = z.tuple([z.string(), z.number(), z.number(), z.number(), z.string()]);
type FileRow = z.infer<typeof fileSchema>;

/** A build record as stored; checked on read, so a damaged or foreign file is no record. */
const recordSchema = z.object({
  /** Everything the site is made from: `key` and the content. */
  fingerprint: z.string(),
  /** Everything but the content (see `keyOf`). */
  key: z.string(),
  /** What every page's layout shares besides `key` (the theme's asset names); views are reused only under the same. */
  render: z.string(),
  /** Hash of the views file written with this record: a views file that is not the one (torn, damaged) is not read. */
  views: z.string(),
  pages: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  files: z.array(fileSchema),
});
type Record = z.infer<typeof recordSchema>;

/**
 * Per page: the hash of its view model, its ids and link targets for the link check, and the key of its
 * maker's inputs for the kinds that have one (see `PageMaker`). Kept in a file of
 * its own (megabytes at 1,000 runbooks), read only when a build renders, and checked by hand: zod took
 * 200 ms over it, most of an unchanged rebuild.
 */
type Views = Map<string, [view: string, ids: string[], links: string[], inputs?: string]>;

async function readViews(file: string, hash: string): Promise<Views> {
  const views: Views = new Map();
  try {
    const text = await readFile(file, 'utf8');
    if (hashText(text) !== hash) return views;
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return views;
    const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
    for (const [name, entry] of Object.entries(data))
      if (Array.isArray(entry) && (entry.length === 3 || (entry.length === 4 && typeof entry[3] === 'string')) && typeof entry[0] === 'string' && strings(entry[1]) && strings(entry[2]))
        views.set(name, entry as [string, string[], string[], string?]);
  } catch {
    // A missing or damaged file: every page is rendered.
  }
  return views;
}

async function readRecord(file: string): Promise<Record | null> {
  try {
    const checked = recordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
}

const recordFile = (root: string, outDir: string) => path.join(cacheDir(root), 'builds', `${hashText(path.resolve(outDir)).slice(0, 16)}.json`);

/** Handover (version, code, templates, theme), the site's templates and theme, the config, `--now`, the base URL and the out dir. */
async function keyOf(what: OutputInputs): Promise<string> {
  return hashText(JSON.stringify([await cacheKey(what.config), what.overrides, what.now, what.base, path.resolve(what.outDir)]));
}

/** What the last build left in the out dir that this one may reuse. */
export interface PreviousBuild {
  /** The hash and size of the bytes at `path` when the out dir still holds the file the last build wrote there. */
  file(path: string): { hash: string; size: number } | undefined;
  /** The view key, links and inputs key of the page at `path` as last rendered, when its file is still as written and the layout's inputs are the same. */
  page(path: string, render: string): { view: string; links: PageLinks; inputs?: string } | undefined;
}

/** One file or page as this build leaves it, for the next build's record. */
export interface Output {
  path: string;
  hash: string;
  /** Pages only: the view key and links, and the inputs key where the page's kind has one. */
  view?: string;
  links?: PageLinks;
  inputs?: string;
}

/** The record of the last build over an out dir, read once; `upToDate` and `previous` answer from it. */
export interface BuildRecord {
  /** The recorded build when the out dir is exactly what a build of these inputs wrote; null when it must be built. */
  upToDate(): Promise<RecordedBuild | null>;
  /**
   * What may be reused of the out dir as `listed` (by the emit stage, holding the lock): files still as
   * recorded, and page views when nothing but the content changed.
   */
  previous(listed: Listed[] | null): Promise<PreviousBuild>;
  /** Records the out dir as just written, `listed` the files it holds now (listed here when null); a failure only makes the next build do more. */
  save(built: RecordedBuild, render: string, outputs: Output[], listed?: Listed[] | null): Promise<void>;
}

const NOTHING: PreviousBuild = { file: () => undefined, page: () => undefined };

/** Reads the record of the last build of `what.outDir` (none when missing or damaged). */
export async function openBuildRecord(what: OutputInputs): Promise<BuildRecord> {
  const file = recordFile(what.root, what.outDir);
  const viewsFile = file.replace(/\.json$/, '.views.json');
  const [record, key] = await Promise.all([readRecord(file), keyOf(what)]);
  const fingerprint = hashText(`${key}\0${what.inputs}`);
  const out = path.resolve(what.outDir);
  /** The recorded files whose size, mtime and inode are as `files` lists them: untouched since the last build wrote them. */
  const untouched = (files: Listed[]) => {
    const now = new Map(files.map((row) => [row[0], row]));
    const same = (row: FileRow) => {
      const found = now.get(row[0]);
      return found !== undefined && found[1] === row[1] && found[2] === row[2] && found[3] === row[3];
    };
    return new Map(record!.files.filter(same).map((row) => [row[0], row]));
  };
  return {
    async upToDate() {
      if (!record || record.fingerprint !== fingerprint) return null;
      // Leftovers of a killed build (or one running now): only a real build may clean up or wait its turn.
      if ((await leftovers(out)).length) return null;
      const files = listFiles(out);
      if (!files || files.length !== record.files.length || untouched(files).size !== record.files.length) return null;
      return { pages: record.pages, bytes: record.bytes };
    },
    async previous(listed) {
      const kept = record && listed && untouched(listed);
      if (!record || !kept) return NOTHING;
      const sameKey = record.key === key;
      const views = sameKey ? await readViews(viewsFile, record.views) : new Map() as Views;
      return {
        file(name) {
          const row = kept.get(name);
          return row && { hash: row[4], size: row[1] };
        },
        page(name, render) {
          const view = render === record.render && kept.has(name) ? views.get(name) : undefined;
          return view && { view: view[0], links: { ids: view[1], links: view[2] }, ...(view[3] !== undefined && { inputs: view[3] }) };
        },
      };
    },
    async save(built, render, outputs, listed) {
      const files = listed ?? listFiles(out);
      if (!files) return;
      // The folder's marker is the emit stage's, written or kept like any file, but not one of the build's outputs.
      const hashes = new Map([[MARKER, ''], ...outputs.map((output): [string, string] => [output.path, output.hash])]);
      const rows: FileRow[] = files.flatMap(([name, size, mtime, ino]) => (hashes.has(name) ? [[name, size, mtime, ino, hashes.get(name)!] as FileRow] : []));
      const views: { [path: string]: [string, string[], string[], string?] } = {};
      for (const output of outputs)
        if (output.view && output.links) views[output.path] = output.inputs === undefined ? [output.view, output.links.ids, output.links.links] : [output.view, output.links.ids, output.links.links, output.inputs];
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(file), { recursive: true });
        // A file in the out dir that this build did not write (none, unless a user put it there) is not recorded, so the next build never skips.
        const whole = rows.length === files.length;
        // The views first; the record names their hash, so it is only ever read with the views of its own build.
        const viewsText = JSON.stringify(views);
        await writeFile(temp, viewsText);
        await rename(temp, viewsFile);
        // Only the figures of `built`: the caller's object may carry more (the outputs, megabytes), which the views file holds already.
        await writeFile(temp, JSON.stringify({ fingerprint: whole ? fingerprint : '', key, render, views: hashText(viewsText), pages: built.pages, bytes: built.bytes, files: rows } satisfies Record));
        await rename(temp, file);
      } catch {
        // Without a record the next build only does more work; a read-only or full cache folder must not fail this one.
        await rm(temp, { force: true }).catch(() => {});
      }
    },
  };
}
