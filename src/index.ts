import path from 'node:path';
import { audit } from './audit/index.ts';
import { facts, type Facts } from './facts/index.ts';
import { NO_HISTORY, readHistory } from './facts/history.ts';
import type { Config } from './config.ts';
import { loadConfig, type LoadedConfig } from './config-file.ts';
import { today } from './core/dates.ts';
import { sortDiagnostics, UserError, type Diagnostic } from './diagnostic.ts';
import { load } from './load/index.ts';
import type { PipelineMemo } from './memo.ts';
import { model } from './model/index.ts';
import type { Site } from './site.ts';
import { validate } from './validate/index.ts';
import { inYears, isRealDate, YEARS } from './schema/common.ts';
import { inputsHash, type CacheOption } from './cache/index.ts';
import { openDerived } from './cache/derived.ts';
import { parse } from './parse/index.ts';
import { contentDirOf } from './core/paths.ts';

export { defineConfig } from './define-config.ts';
export type { Config, UserConfig } from './config.ts';

export interface CheckOptions {
  /** Content folder; defaults to `contentDir` of the config. */
  content?: string;
  /** Config file; defaults to `site.config.ts` in the working directory. */
  config?: string;
  /** Today, `YYYY-MM-DD`; defaults to the build's date. */
  now?: string;
  /** Reuse parses of unchanged runbooks from `node_modules/.cache/handover` (true), or from a cache kept open (dev). Default: off. */
  cache?: CacheOption;
  /** A config already loaded (dev loads it once, and again only when the file changes); default: load `config`. */
  loadedConfig?: LoadedConfig;
  /** What the previous check did, reused where its inputs are unchanged (dev owns one; see memo.ts). */
  memo?: PipelineMemo;
  /** Read the content folder's git history for change facts; default: yes, unless `HANDOVER_HISTORY=off`. */
  history?: boolean;
}

export interface CheckResult {
  site: Site;
  config: Config;
  /** Folder the config's relative paths start from. */
  root: string;
  contentDir: string;
  now: string;
  files: number;
  errors: Diagnostic[];
  gaps: Diagnostic[];
  /** What is true as of `now`, computed once: every page, feed and the audit read it. */
  facts: Facts;
  /** Hash of every content file, so a build can tell that nothing changed. */
  inputs?: string;
}

/** config -> load -> parse -> validate -> model -> facts (with git history) -> audit: every error and every gap of a content folder. */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const now = options.now ?? today();
  // Date arithmetic on a day that does not exist (2026-13-01) would throw deep inside a rule.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(now) || !isRealDate(now) || !inYears(Number(now.slice(0, 4))))
    throw new UserError(`--now must be a real date written YYYY-MM-DD, in the years ${YEARS.min} to ${YEARS.max}, not "${now}"`);
  const { config, root } = options.loadedConfig ?? (await loadConfig(options.config));
  const contentDir = contentDirOf({ root, config }, options.content);
  const { memo } = options;
  // git runs while the content is read and parsed: the history depends only on the folder.
  const reading = (options.history ?? process.env.HANDOVER_HISTORY !== 'off') ? readHistory(contentDir, memo?.history) : Promise.resolve(NO_HISTORY);
  // A build's cache also keeps what validation and the metrics CSVs made of unchanged files (dev keeps it in its memo).
  const opening = options.cache === true ? openDerived(root, config).catch(() => undefined) : undefined;
  const loaded = await load(contentDir, config.maxFileBytes, memo?.reads);
  const parsed = await parse(loaded, options.cache, root, config);
  const derived = await opening;
  const valid = validate(config, loaded, parsed, memo, derived);
  const { site, diagnostics } = model(config, loaded, valid, memo, derived);
  // Like the parse cache, a pack that cannot be written costs the next run time, not this one its result.
  const saving = derived?.save().catch(() => {});
  const history = await reading;
  if (memo && 'head' in history && typeof history.head === 'string') memo.history = { head: history.head, value: history };
  const day = facts(site, now, history);
  const gaps = audit(site, day);
  const inputs = await inputsHash(loaded);
  await saving;
  const errors = sortDiagnostics([...valid.diagnostics, ...diagnostics]);
  return { site, config, root, contentDir, now, files: loaded.files.length, errors, gaps, facts: day, inputs };
}
