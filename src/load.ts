import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { error, UserError, type Diagnostic } from './diagnostic.ts';

export type SourceKind = 'people' | 'runbook' | 'metrics' | 'asset';

/** One file of the content folder, read and decoded. */
export interface SourceFile {
  kind: SourceKind;
  /** Display path: relative to the working directory, forward slashes. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
  /** Path under `runbooks/` or `metrics/` without extension: the workflow id. Assets keep their extension. */
  id: string;
  /** Decoded text (LF line ends, no BOM); empty for assets. */
  text: string;
}

export interface Loaded {
  files: SourceFile[];
  diagnostics: Diagnostic[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Shows a path the way the user would type it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return (rel.startsWith('..') ? abs : rel).split(path.sep).join('/');
}

/**
 * Reads the content folder: people.yaml, runbooks (and files beside them), metrics CSVs.
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
  // Read many files at once (waiting on one file at a time dominated large sites), keeping the sorted order.
  const next: Reads = new Map();
  const results = await mapLimit(entries, 32, (entry) => readEntry(root, realRoot, entry, maxFileBytes, reads, next));
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
async function readEntry(root: string, realRoot: string, entry: string, maxFileBytes: number, reads: Reads | undefined, next: Reads): Promise<SourceFile | Diagnostic | null> {
  const abs = path.join(root, entry);
  const rel = entry.split(path.sep).join('/');
  const kind = kindOf(rel);
  if (!kind) return null;
  const shown = displayPath(abs);
  const checked = await checkFile(abs, realRoot, maxFileBytes).catch(ioProblem);
  if (checked === 'skip') return null;
  if ('message' in checked) return error('unreadable-file', checked.message, { file: shown, line: 1, column: 1, hint: checked.hint });
  const id = idOf(kind, rel);
  if (kind === 'asset') return { kind, path: shown, abs, id, text: '' };
  const { size, mtimeMs, ctimeMs, ino } = checked;
  const stamp = `${size}:${mtimeMs}:${ctimeMs}:${ino}`;
  const known = reads?.get(abs);
  if (known?.stamp === stamp) return next.set(abs, known), known.file;
  const decoded = await readFile(abs).then(decode, ioProblem);
  if (typeof decoded !== 'string')
    return error('unreadable-file', decoded.message, { file: shown, line: decoded.line ?? 1, column: decoded.column ?? 1, hint: decoded.hint });
  const file: SourceFile = { kind, path: shown, abs, id, text: decoded };
  next.set(abs, { stamp, file });
  return file;
}

/** `map` with at most `limit` calls in flight; results keep the input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function kindOf(rel: string): SourceKind | null {
  if (rel === 'people.yaml' || rel === 'people.yml') return 'people';
  if (rel.split('/').some((part) => part.startsWith('.'))) return null;
  if (rel.startsWith('runbooks/')) return rel.endsWith('.md') ? 'runbook' : 'asset';
  if (rel.startsWith('metrics/') && rel.endsWith('.csv')) return 'metrics';
  return null;
}

function idOf(kind: SourceKind, rel: string): string {
  if (kind === 'runbook') return rel.slice('runbooks/'.length, -'.md'.length);
  if (kind === 'metrics') return rel.slice('metrics/'.length, -'.csv'.length);
  if (kind === 'asset') return rel.slice('runbooks/'.length);
  return 'people';
}

/** Every path under `root`, sorted; an error code when the folder cannot be listed. */
async function listFiles(root: string): Promise<string[] | string> {
  try {
    return (await readdir(root, { recursive: true })).map(String).sort();
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code ?? 'unknown error';
  }
}

/** A file the system refused to read (permissions, a vanished file, a loop of links). */
type Problem = { message: string; hint: string; line?: number; column?: number };

function ioProblem(cause: unknown): Problem {
  const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
  return { message: `the file cannot be read (${code}); check that it exists and is readable`, hint: 'fix its permissions, or remove it from the content folder' };
}

/** Refuses links out of the content folder, folders, and files too large to read. */
async function checkFile(abs: string, realRoot: string, maxBytes: number): Promise<Problem | 'skip' | Stats> {
  const link = await lstat(abs);
  if (link.isDirectory()) return 'skip';
  let target = abs;
  if (link.isSymbolicLink()) {
    target = await realpath(abs).catch(() => '');
    if (!target) return { message: 'the file is a symbolic link that leads nowhere; remove it or point it at a file', hint: 'the link is broken or loops back on itself' };
    if (target !== realRoot && !target.startsWith(realRoot + path.sep))
      return { message: 'the file is a symbolic link that leaves the content folder; copy the file in instead', hint: 'links out of the content folder are refused so a build never publishes files from elsewhere' };
  }
  // A plain file's lstat already says its size; only a link needs its target's.
  const info = target === abs ? link : await stat(target);
  if (info.isDirectory()) return 'skip';
  if (info.size > maxBytes)
    return {
      message: `the file is ${(info.size / 1048576).toFixed(1)} MB, larger than the ${(maxBytes / 1048576).toFixed(1)} MB limit; split it`,
      hint: 'or raise maxFileBytes in site.config.ts',
    };
  return info;
}

/** Decodes UTF-8 text; refuses binary files and other encodings; drops the BOM and normalizes line ends. */
export function decode(bytes: Buffer): string | Problem {
  if (bytes.includes(0))
    return { message: 'the file is binary, not text; save it as UTF-8 text', hint: 'binary files (images, PDFs) may sit beside runbooks under another extension, never as .md, .yaml or .csv' };
  try {
    return utf8.decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    const good = bytes.subarray(0, badSequenceStart(bytes)).toString('utf8').replace(/\r\n?/g, '\n').split('\n');
    return {
      message: 'the file is not UTF-8 text; re-save it as UTF-8',
      line: good.length,
      column: good.at(-1)!.length + 1,
      hint: 'the first byte that is not UTF-8 is here; editors call the encoding "UTF-8" (Latin-1 and Windows-1252 are not)',
    };
  }
}

/** Offset of the first byte sequence that is not UTF-8. */
function badSequenceStart(bytes: Buffer): number {
  const failing = firstFailingByte(bytes);
  // The failing byte may end a sequence that started up to three bytes earlier (a lead byte with no continuation).
  for (let start = failing; start >= Math.max(0, failing - 3); start--) if (decodes(bytes.subarray(0, start))) return start;
  return failing;
}

function decodes(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function firstFailingByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      // Streaming, so a prefix that ends inside a valid multi-byte character still decodes: the test stays monotone.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
