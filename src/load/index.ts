import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { assetRefusal } from './asset-policy.ts';
import { decode, utf8, type DecodeProblem } from './decode.ts';
import { error, UserError, type Diagnostic } from '../diagnostic.ts';
import { displayPath } from '../core/paths.ts';

export { decode } from './decode.ts';

export type SourceKind = 'people' | 'runbook' | 'guide' | 'metrics' | 'asset';

/** One file of the content folder, read and decoded. */
export interface SourceFile {
  kind: SourceKind;
  /** Display path: relative to the working directory, forward slashes. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
  /** Path under `runbooks/`, `guides/` or `metrics/` without extension: the workflow (or guide) id. Assets keep their extension. */
  id: string;
  /** Decoded text (LF line ends, no BOM); empty for assets. */
  text: string;
  /** Assets only: why the file may not be published (see src/assets.ts), when it may not. */
  refused?: string;
}

export interface Loaded {
  files: SourceFile[];
  diagnostics: Diagnostic[];
}


/**
 * Reads the content folder: people.yaml, runbooks (and files beside them), guides, metrics CSVs.
 * A file that cannot be read safely becomes an `unreadable-file` error; the rest still load.
 */
export async function load(contentDir: string, maxFileBytes: number, reads?: Reads): Promise<Loaded> {
  const root = path.resolve(contentDir);
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory())
    throw new UserError(`content folder not found: ${displayPath(root)} (pass --content DIR or set contentDir in site.config.ts)`);
  const realRoot = await realpath(root);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries = await listFiles(root);
  if (typeof entries === 'string') {
    diagnostics.push(error('unreadable-file', `the content folder cannot be read (${entries}); check its permissions`, { file: displayPath(root), hint: 'every folder under it must be readable' }));
    return { files, diagnostics };
  }
  // Content files are small and many: synchronous reads cost a tenth of a promise per system call
  // (1,200 files: about 30 ms against 140 ms through the thread pool). The order stays sorted.
  const next: Reads = new Map();
  const results = entries.map((entry) => readEntry(root, realRoot, entry, maxFileBytes, reads, next));
  if (reads) {
    reads.clear();
    for (const [abs, read] of next) reads.set(abs, read);
  }
  for (const result of results) {
    if (!result) continue;
    if ('rule' in result) diagnostics.push(result);
    else files.push(result);
  }
  if (!files.some((file) => file.kind === 'people') && !diagnostics.some((d) => d.file?.endsWith('people.yaml')))
    diagnostics.push(
      error('unreadable-file', 'people.yaml is missing, so no person or team id can be checked; add it', {
        file: displayPath(path.join(root, 'people.yaml')),
        hint: `create ${displayPath(path.join(root, 'people.yaml'))} with your teams and people`,
      }),
    );
  return { files, diagnostics };
}

/**
 * Files read by the last load, by absolute path, with the size and times they had: a long-lived
 * caller (`handover dev`) passes the same map to each load, and a file unchanged on disk is not read again.
 */
export type Reads = Map<string, { stamp: string; file: SourceFile }>;

/** One entry of the content folder: a source file, a Diagnostic, or null when it is not content. */
function readEntry(root: string, realRoot: string, entry: string, maxFileBytes: number, reads: Reads | undefined, next: Reads): SourceFile | Diagnostic | null {
  const abs = path.join(root, entry);
  const rel = entry.split(path.sep).join('/');
  const kind = kindOf(rel) ?? (holdsContent(rel) ? 'asset' : null);
  if (!kind) return null;
  const shown = displayPath(abs);
  const checked = attempt(() => checkFile(abs, realRoot, maxFileBytes));
  if (checked === 'skip') return null;
  // Beside metrics CSVs only a linked folder matters: other files there are never read.
  if (kindOf(rel) === null && !('folder' in checked)) return null;
  if ('message' in checked) return error('unreadable-file', checked.message, { file: shown, line: 1, column: 1, hint: checked.hint });
  const bad = kind === 'runbook' || kind === 'guide' ? NOT_IN_PAGE_PATH.exec(rel) : null;
  if (bad)
    return error('unreadable-file', `the file name holds ${JSON.stringify(bad[0])}, which cannot be part of a page address; rename the file`, {
      file: shown,
      line: 1,
      column: 1,
      hint: "a runbook's path is its page's address, where # ? % and \\ mean something else; letters, digits, '-', spaces and accents are fine",
    });
  const id = idOf(kind, rel);
  if (kind === 'asset') {
    // Only an SVG is read here, to look for script in it; other assets are judged by their type.
    const svg = id.toLowerCase().endsWith('.svg') ? attemptOr(() => utf8.decode(readRegularFileSync(abs)), null) : undefined;
    const refused = assetRefusal(id, svg);
    return { kind, path: shown, abs, id, text: '', ...(refused ? { refused } : {}) };
  }
  const { size, mtimeMs, ctimeMs, ino } = checked;
  const stamp = `${size}:${mtimeMs}:${ctimeMs}:${ino}`;
  const known = reads?.get(abs);
  if (known?.stamp === stamp) return next.set(abs, known), known.file;
  const decoded = attempt(() => decode(readRegularFileSync(abs)));
  if (typeof decoded !== 'string')
    return error('unreadable-file', decoded.message, { file: shown, line: decoded.line ?? 1, column: decoded.column ?? 1, hint: decoded.hint });
  const file: SourceFile = { kind, path: shown, abs, id, text: decoded };
  next.set(abs, { stamp, file });
  return file;
}

function kindOf(rel: string): SourceKind | null {
  if (rel === 'people.yaml' || rel === 'people.yml') return 'people';
  if (rel.split('/').some((part) => part.startsWith('.'))) return null;
  if (rel.startsWith('runbooks/')) return rel.endsWith('.md') ? 'runbook' : 'asset';
  if (rel.startsWith('metrics/') && rel.endsWith('.csv')) return 'metrics';
  // Guides: Markdown pages that are not workflows; other files beside them are not published.
  if (rel.startsWith('guides/') && rel.endsWith('.md')) return 'guide';
  return null;
}

/** Where a link to a folder would put content files: `runbooks`, `guides`, `metrics` or anything under them. */
function holdsContent(rel: string): boolean {
  return [...CONTENT_FOLDERS].some((folder) => rel === folder || rel.startsWith(`${folder}/`));
}

/** Characters a runbook's file name cannot hold: its id is the path of its page, where they mean something else. */
const NOT_IN_PAGE_PATH = /[#?%\\\u0000-\u001f\u007f]/;

function idOf(kind: SourceKind, rel: string): string {
  if (kind === 'runbook') return rel.slice('runbooks/'.length, -'.md'.length);
  if (kind === 'guide') return rel.slice('guides/'.length, -'.md'.length);
  if (kind === 'metrics') return rel.slice('metrics/'.length, -'.csv'.length);
  if (kind === 'asset') return rel.slice('runbooks/'.length);
  return 'people';
}

/** The folders whose files are content; nothing else under the content folder is read. */
const CONTENT_FOLDERS = new Set(['runbooks', 'guides', 'metrics']);

/**
 * Every path under `root` that may be content, sorted; an error code when the folder cannot be listed.
 * Symbolic links are listed, never followed: a linked folder is refused where it is (see `checkFile`),
 * so nothing from outside the content folder can be read through it.
 */
async function listFiles(root: string): Promise<string[] | string> {
  const found: string[] = [];
  let folders = [''];
  try {
    while (folders.length) {
      const listed = await Promise.all(folders.map(async (rel) => ({ rel, entries: await readdir(path.join(root, rel), { withFileTypes: true }) })));
      folders = [];
      for (const { rel, entries } of listed)
        for (const entry of entries) {
          const child = rel ? path.join(rel, entry.name) : entry.name;
          if (entry.name.startsWith('.') && child !== 'people.yaml') continue;
          if (entry.isDirectory()) {
            if (rel || CONTENT_FOLDERS.has(entry.name)) folders.push(child);
          } else found.push(child);
        }
    }
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code ?? 'unknown error';
  }
  return found.sort();
}

/** `read()`, or the problem the system reported. */
function attempt<T>(read: () => T): T | Problem {
  try {
    return read();
  } catch (cause) {
    return ioProblem(cause);
  }
}

function attemptOr<T, F>(read: () => T, fallback: F): T | F {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** A file the system refused to read (permissions, a vanished file, a loop of links); `folder`: a linked folder. */
type Problem = DecodeProblem & { folder?: true };

function ioProblem(cause: unknown): Problem {
  const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
  if (code === NOT_REGULAR) return { message: (cause as Error).message, hint: 'only regular files are read, so a pipe or device can never stall a build' };
  return { message: `the file cannot be read (${code}); check that it exists and is readable`, hint: 'fix its permissions, or remove it from the content folder' };
}

/** Refuses links out of the content folder, linked folders, anything but a regular file, and files too large to read. */
function checkFile(abs: string, realRoot: string, maxBytes: number): Problem | 'skip' | Stats {
  const link = lstatSync(abs);
  if (link.isDirectory()) return 'skip';
  let target = abs;
  if (link.isSymbolicLink()) {
    target = attemptOr(() => realpathSync(abs), '');
    if (!target) return { message: 'the file is a symbolic link that leads nowhere; remove it or point it at a file', hint: 'the link is broken or loops back on itself' };
    if (statSync(target).isDirectory())
      return {
        message: 'the folder is a symbolic link; Handover does not follow linked folders, so move or copy the folder in instead',
        hint: 'linked folders are refused, wherever they point, so a build never publishes files from elsewhere',
        folder: true,
      };
    if (target !== realRoot && !target.startsWith(realRoot + path.sep))
      return { message: 'the file is a symbolic link that leaves the content folder; copy the file in instead', hint: 'links out of the content folder are refused so a build never publishes files from elsewhere' };
  }
  // A plain file's lstat already says its size; only a link needs its target's.
  const info = target === abs ? link : statSync(target);
  if (!info.isFile()) return notRegular(info);
  if (info.size > maxBytes)
    return {
      message: `the file is ${(info.size / 1048576).toFixed(1)} MB, larger than the ${(maxBytes / 1048576).toFixed(1)} MB limit; split it`,
      hint: 'or raise maxFileBytes in site.config.ts',
    };
  return info;
}

const NOT_REGULAR = 'ENOTREGULAR';

/** A FIFO or a device would block a read forever (or never end): only regular files are read. */
function notRegular(info: Stats): Problem {
  const what = info.isFIFO() ? 'a named pipe (FIFO)' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file';
  return { message: `the file is ${what}, not a regular file; remove it or replace it with a file`, hint: 'only regular files are read, so a pipe or device can never stall a build' };
}

/**
 * Reads a file only if it is a regular file when opened: non-blocking, so a file swapped for a FIFO
 * after `checkFile` looked at it is refused instead of waiting for a writer forever.
 */
function readRegularFileSync(abs: string): Buffer {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error(notRegular(info).message), { code: NOT_REGULAR });
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** As readRegularFileSync, without blocking: for the published files a build copies. */
export async function readRegularFile(abs: string): Promise<Buffer> {
  const handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error(notRegular(info).message), { code: NOT_REGULAR });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
