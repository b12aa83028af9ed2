import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'handover.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/handover.js ...args` as a user would (pipes, never a TTY), with extra environment variables. */
export function handover(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...options.env };
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every file under `dir`: relative path -> SHA-256 of its bytes, in code-unit order of the paths. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const pairs = await Promise.all(
    entries.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file).split(path.sep).join('/'), createHash('sha256').update(await readFile(file)).digest('hex')] as const;
    }),
  );
  return Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
