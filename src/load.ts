import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
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
export async function load(contentDir: string, maxFileBytes: number): Promise<Loaded> {
  const root = path.resolve(contentDir);
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory())
    throw new UserError(`content folder not found: ${displayPath(root)} (pass --content DIR or set contentDir in site.config.ts)`);
  const realRoot = await realpath(root);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries = (await readdir(root, { recursive: true })).map(String).sort();
  for (const entry of entries) {
    const abs = path.join(root, entry);
    const rel = entry.split(path.sep).join('/');
    const kind = kindOf(rel);
    if (!kind) continue;
    const shown = displayPath(abs);
    const problem = await checkFile(abs, realRoot, maxFileBytes);
    if (problem === 'skip') continue;
    if (problem) {
      diagnostics.push(error('unreadable-file', problem.message, { file: shown, line: 1, column: 1, hint: problem.hint }));
      continue;
    }
    const id = idOf(kind, rel);
    if (kind === 'asset') {
      files.push({ kind, path: shown, abs, id, text: '' });
      continue;
    }
    const bytes = await readFile(abs);
    const decoded = decode(bytes);
    if (typeof decoded !== 'string') {
      diagnostics.push(error('unreadable-file', decoded.message, { file: shown, line: decoded.line, column: 1, hint: decoded.hint }));
      continue;
    }
    files.push({ kind, path: shown, abs, id, text: decoded });
  }
  if (!files.some((file) => file.kind === 'people') && !diagnostics.some((d) => d.file?.endsWith('people.yaml')))
    diagnostics.push(
      error('unreadable-file', 'people.yaml is missing, so no person or team id can be checked', {
        file: displayPath(path.join(root, 'people.yaml')),
        hint: 'create content/people.yaml with your teams and people',
      }),
    );
  return { files, diagnostics };
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

/** Refuses links out of the content folder, folders, and files too large to read. */
async function checkFile(abs: string, realRoot: string, maxBytes: number) {
  const link = await lstat(abs);
  if (link.isDirectory()) return 'skip' as const;
  let target = abs;
  if (link.isSymbolicLink()) {
    target = await realpath(abs).catch(() => '');
    if (!target) return { message: 'is a symbolic link to a file that does not exist', hint: 'remove the link or point it at a file' };
    if (target !== realRoot && !target.startsWith(realRoot + path.sep))
      return { message: 'is a symbolic link that leaves the content folder', hint: 'copy the file into the content folder instead of linking to it' };
  }
  const info = await stat(target);
  if (info.isDirectory()) return 'skip' as const;
  if (info.size > maxBytes)
    return {
      message: `is ${(info.size / 1048576).toFixed(1)} MB, larger than the ${(maxBytes / 1048576).toFixed(1)} MB limit`,
      hint: 'split it, or raise maxFileBytes in site.config.ts',
    };
  return null;
}

/** Decodes UTF-8 text; refuses binary files and other encodings; drops the BOM and normalizes line ends. */
function decode(bytes: Buffer): string | { message: string; line: number; hint: string } {
  if (bytes.includes(0)) return { message: 'is a binary file, not text', line: 1, hint: 'runbooks are UTF-8 Markdown; move binary files beside them with another extension' };
  try {
    return utf8.decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    const good = bytes.subarray(0, firstBadByte(bytes)).toString('utf8');
    return { message: 'is not UTF-8 text', line: good.split('\n').length, hint: 're-save the file as UTF-8 in your editor' };
  }
}

function firstBadByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      utf8.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
