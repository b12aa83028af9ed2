import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CODE_DIR, PACKAGE_ROOT } from '../core/package-root.ts';


/** Handover's code (src/ or the compiled lib/, whichever runs), templates and theme: any change to them gives new cache keys. */
const CODE_DIRS = [CODE_DIR, 'templates', 'theme'];

let codeHash: Promise<string> | undefined;

/** SHA-256 of a text, hex. */
export function hashText(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The hash of Handover's code, templates and theme. Read with synchronous reads: some 300 small files, where a
 * promise per file made this a tenth of a small site's `check`. Type declarations and build info never run.
 */
async function hashCode(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(PACKAGE_ROOT, 'package.json')));
  // Dependency versions (the Markdown parser, Vite, Mermaid) change output too.
  try {
    hash.update(readFileSync(path.join(PACKAGE_ROOT, 'package-lock.json')));
  } catch {
    // An installed package has no lock file: its version says it.
  }
  for (const dir of CODE_DIRS) {
    const root = path.join(PACKAGE_ROOT, dir);
    const entries = (await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile() && !/\.d\.ts$|\.tsbuildinfo$/.test(entry.name));
    const files = entries.map((entry) => path.join(entry.parentPath, entry.name)).sort();
    for (const file of files) hash.update(`\0${path.relative(PACKAGE_ROOT, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * The cache key: Handover's version, code, templates and theme, plus `extra`
 * (the resolved config, for instance). Computed once per process for the code part.
 */
export async function cacheKey(extra: unknown): Promise<string> {
  codeHash ??= hashCode();
  return hashText(`${await codeHash}\0${JSON.stringify(extra)}`).slice(0, 20);
}

/** Forgets the code hash, so the next key reads templates and theme again (dev, after a template edit). */
export function resetCodeHash(): void {
  codeHash = undefined;
}

/**
 * Where caches live for a project: `node_modules/.cache/handover` under its root, as Vite and Babel do, never
 * inside Handover's own folder. HANDOVER_CACHE_DIR moves it (CI that keeps a cache outside node_modules).
 */
export function cacheDir(root: string): string {
  const moved = process.env.HANDOVER_CACHE_DIR;
  return moved ? path.resolve(root, moved) : path.join(root, 'node_modules', '.cache', 'handover');
}
