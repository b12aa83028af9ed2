/**
 * The package's entry: `import { defineConfig, check, build } from 'handover'`.
 * Light on purpose: a config file imports it, so `check` and `build` load the pipeline only when called.
 */
import type { BuildOptions, BuildResult } from './build.ts';
import type { CheckOptions, CheckResult } from './index.ts';

export { defineConfig } from './define-config.ts';
export type { Config, UserConfig } from './config.ts';
export type { BuildOptions, BuildResult } from './build.ts';
export type { CheckOptions, CheckResult } from './index.ts';
export type { Diagnostic, Severity } from './diagnostic.ts';

/** config -> load -> parse -> model -> audit: every error and gap of a content folder. */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  return (await import('./index.ts')).check(options);
}

/** check, then render and write the site atomically; errors leave the previous site untouched. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  return (await import('./build.ts')).build(options);
}
