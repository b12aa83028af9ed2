import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importConfig } from './config-bundle.ts';
import { configSchema, type Config } from './config.ts';
import { error, fieldPath, sortDiagnostics, UserError, type Diagnostic } from './diagnostic.ts';
import { displayPath } from './core/paths.ts';
import { explainIssue } from './schema/explain.ts';

/** A loaded config and the folder its relative paths start from. */
export interface LoadedConfig {
  config: Config;
  /** Folder of the config file (or the working directory when there is none). */
  root: string;
  /** Absolute config path, when a file was found. */
  file?: string;
}

const NAMES = ['site.config.ts', 'site.config.mts', 'site.config.js', 'site.config.mjs'];

/**
 * Loads `site.config.ts` (or `file`), checks it against the schema and fills in defaults.
 * Throws a UserError (exit 2) with file:line when the config is broken.
 */
export async function loadConfig(file?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const found = file ? path.resolve(cwd, file) : NAMES.map((name) => path.join(cwd, name)).find((p) => existsSync(p));
  if (file && !existsSync(found!)) throw new UserError(`config file not found: ${displayPath(found!)}`);
  if (!found) return { config: configSchema.parse({}), root: cwd };
  const shown = displayPath(found);
  let exported: unknown;
  try {
    exported = await importConfig(found);
  } catch (cause) {
    throw new UserError('the config file could not be loaded', [await loadFailure(cause, found, shown)]);
  }
  if (exported === undefined)
    throw new UserError('the config file has no default export', [
      error('invalid-config', 'the config has no default export; export the settings', { file: shown, line: 1, column: 1, hint: 'write `export default defineConfig({ ... })`' }),
    ]);
  const result = configSchema.safeParse(exported);
  if (!result.success) {
    const text = readFileSync(found, 'utf8');
    const diagnostics: Diagnostic[] = result.error.issues.flatMap((issue) =>
      explainIssue(issue, configSchema, exported, { document: 'the default export' }).map(({ message, hint, path }) => {
        const field = fieldPath(path);
        const keys = path.filter((p): p is string => typeof p === 'string');
        return error('invalid-config', message, { file: shown, ...findKey(text, keys), ...(field ? { field } : {}), hint: hint ?? 'see the config reference in the README' });
      }),
    );
    throw new UserError('the config file is not valid', sortDiagnostics(diagnostics));
  }
  return { config: result.data, root: path.dirname(found), file: found };
}

/** rolldown's error for a file it could not parse or resolve: the reason and where, without colour codes. */
function bundleError(cause: unknown): { reason: string; line?: number; column?: number; code?: string } | null {
  const first = (cause as { errors?: { code?: string; message?: string; loc?: { line: number; column: number } }[] }).errors?.[0];
  if (!first) return null;
  const reason = stripAnsi(first.message ?? '').split('\n')[0]!.replace(/^\[[A-Z_]+\]\s*/, '').trim();
  return { reason, code: first.code, ...(first.loc ? { line: first.loc.line, column: first.loc.column + 1 } : {}) };
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Why a config would not run (syntax, a missing import, an exception), placed on its line when that can be found. */
async function loadFailure(cause: unknown, file: string, shown: string): Promise<Diagnostic> {
  const bundled = bundleError(cause);
  const err = cause instanceof Error ? cause : new Error(String(cause));
  const code = (err as NodeJS.ErrnoException).code;
  const syntax = bundled?.code === 'PARSE_ERROR' || err instanceof SyntaxError;
  const missing = bundled?.code === 'UNRESOLVED_IMPORT' || code === 'ERR_MODULE_NOT_FOUND';
  const what = syntax ? 'has a syntax error' : missing ? 'imports a file that cannot be found' : 'failed when it ran';
  const place = (bundled?.line ? { line: bundled.line, column: bundled.column ?? 1 } : null) ?? stackPlace(err, file) ?? { line: 1, column: 1 };
  const reason = bundled?.reason ?? err.message.split('\n')[0]!.trim();
  return error('invalid-config', `the config ${what} (${reason}); fix it so it runs`, {
    file: shown,
    ...place,
    hint: 'site.config.ts is TypeScript that must run and `export default defineConfig({ ... })`',
  });
}

/** The first stack frame inside the config file: where a runtime error was thrown. */
function stackPlace(err: Error, file: string): { line: number; column: number } | null {
  const names = [file, pathToFileURL(file).href].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const match = new RegExp(`(?:${names})(?:\\?[^:\\s]*)?:(\\d+):(\\d+)`).exec(`${err.message}\n${err.stack ?? ''}`);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

/**
 * Line and column of the key at `path` in the config source, found by searching for each key of the path
 * after the one before it (`review.every` is the `every:` after `review:`); the deepest one found wins.
 */
function findKey(text: string, path: string[]) {
  let offset = 0;
  let found = -1;
  for (const key of path) {
    const pattern = new RegExp(`(^|[\\s{,'"])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*:`, 'gm');
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) break;
    found = match.index + match[1]!.length;
    offset = found + key.length;
  }
  if (found < 0) return { line: 1, column: 1 };
  const before = text.slice(0, found).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
