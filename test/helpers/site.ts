import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { check, type CheckResult } from '../../src/index.ts';
import { UserError, type Diagnostic } from '../../src/diagnostic.ts';
import { gitFixture } from './git.ts';

/** The date every test treats as today. */
export const NOW = '2026-11-22';

/** Files of a content folder: path under the folder -> text (or bytes). */
export type Files = Record<string, string | Uint8Array>;

/** A temporary content folder; `dispose` removes it. */
export interface TempSite {
  dir: string;
  dispose(): Promise<void>;
}

/** Writes `files` into a fresh temporary folder. */
export async function writeSite(files: Files): Promise<TempSite> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-test-'));
  for (const [name, content] of Object.entries(files)) {
    const abs = path.join(dir, name);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `files` to a temporary folder, runs check() on it with the repo's config, and cleans up. */
export async function checkFiles(files: Files, options: { config?: string; now?: string } = {}): Promise<CheckResult> {
  const site = await writeSite(files);
  try {
    return await check({ content: site.dir, now: options.now ?? NOW, config: options.config ?? 'site.config.ts' });
  } finally {
    await site.dispose();
  }
}

/** A diagnostic with its file shown relative to `root`, keys in a fixed order, absent ones dropped. */
export function relative(d: Diagnostic, root: string): Partial<Diagnostic> {
  const file = d.file && toPosix(path.relative(root, path.resolve(d.file)));
  const out: Partial<Diagnostic> = { rule: d.rule, file, line: d.line, column: d.column, field: d.field, message: d.message, hint: d.hint };
  if (d.workflow) out.workflow = d.workflow;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** People every fixture can use: dana, sam, ivan, mei and the team support-ops. */
export const PEOPLE = `teams:
  - id: support-ops
    name: Support Operations
    lead: dana
people:
  - id: dana
    name: Dana Whitfield
    team: support-ops
  - id: sam
    name: Sam Okafor
    team: support-ops
  - id: ivan
    name: Ivan Petrov
  - id: mei
    name: Mei Tan
`;

/** A runbook file from frontmatter lines (without the fences) and a body. */
export function runbook(frontmatter: string, body = '## Purpose\n\nDrafts replies.\n'): string {
  return `---\n${frontmatter.replace(/\n?$/, '\n')}---\n\n${body}`;
}

/** What check() found in a fixture folder, files shown relative to it; a broken config gives its diagnostics as errors. */
export async function checkFixture(fixture: string): Promise<{ errors: Partial<Diagnostic>[]; gaps: Partial<Diagnostic>[] }> {
  const own = path.join(fixture, 'site.config.ts');
  const config = existsSync(own) ? own : 'site.config.ts';
  // A fixture with a history.json is checked as a git repository made from it, with its history read.
  const repo = gitFixture(fixture);
  const dir = repo ?? fixture;
  try {
    const result = await check({ content: dir, now: NOW, config, history: repo !== null });
    return { errors: result.errors.map((d) => relative(d, dir)), gaps: result.gaps.map((d) => relative(d, dir)) };
  } catch (cause) {
    if (!(cause instanceof UserError)) throw cause;
    return { errors: cause.diagnostics.map((d) => relative(d, dir)), gaps: [] };
  } finally {
    if (repo) await rm(repo, { recursive: true, force: true });
  }
}

/** Fixture folders under `test/fixtures/<kind>/`, by name. */
export function fixtures(kind: 'errors' | 'gaps'): { name: string; dir: string }[] {
  const root = path.join(import.meta.dirname, '..', 'fixtures', kind);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, dir: path.join(root, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
