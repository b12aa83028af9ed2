import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { configSchema, type Config } from './config.ts';
import { error, sortDiagnostics, UserError, type Diagnostic } from './diagnostic.ts';
import { displayPath } from './load.ts';
import { explainIssue, fieldPath } from './validate.ts';

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
    const module = await import(`${pathToFileURL(found).href}?t=${Date.now()}`);
    exported = module.default;
  } catch (cause) {
    const message = (cause as Error).message ?? String(cause);
    const where = /:(\d+):(\d+)/.exec(message);
    throw new UserError('the config file could not be loaded', [
      error('invalid-config', message.split('\n')[0]!.replace(/^.*?ERROR: /, ''), {
        file: shown,
        line: where ? Number(where[1]) : 1,
        column: where ? Number(where[2]) + 1 : 1,
        hint: 'fix the TypeScript so it runs; the file should `export default defineConfig({ ... })`',
      }),
    ]);
  }
  if (exported === undefined)
    throw new UserError('the config file has no default export', [
      error('invalid-config', 'no default export', { file: shown, line: 1, column: 1, hint: 'write `export default defineConfig({ ... })`' }),
    ]);
  const result = configSchema.safeParse(exported);
  if (!result.success) {
    const text = readFileSync(found, 'utf8');
    const diagnostics: Diagnostic[] = result.error.issues.flatMap((issue) =>
      explainIssue(issue, configSchema, exported).map(({ message, hint, path }) => {
        const field = fieldPath(path);
        const key = String(path.filter((p) => typeof p === 'string').at(-1) ?? '');
        return error('invalid-config', message, { file: shown, ...findKey(text, key), ...(field ? { field } : {}), hint: hint ?? 'see the config reference in the README' });
      }),
    );
    throw new UserError('the config file is not valid', sortDiagnostics(diagnostics));
  }
  return { config: result.data, root: path.dirname(found), file: found };
}

/** Line and column of the first `key:` in the source; the top of the file when not found. */
function findKey(text: string, key: string) {
  const lines = text.split('\n');
  if (key) {
    const pattern = new RegExp(`(^|[\\s{,'"])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*:`);
    for (let i = 0; i < lines.length; i++) {
      const match = pattern.exec(lines[i]!);
      if (match) return { line: i + 1, column: match.index + match[1]!.length + 1 };
    }
  }
  return { line: 1, column: 1 };
}
