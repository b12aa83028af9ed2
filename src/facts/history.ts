import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../config.ts';
import { addDays } from '../core/dates.ts';
import type { Site, Workflow } from '../site.ts';
import { durationDays } from './practice.ts';
import type { ChurnFact, CommitFact, HistoryState } from './types.ts';

const run = promisify(execFile);

/** Commits that touched runbooks, by path under the content folder (`runbooks/x.md`), newest first. */
export interface GitHistory extends HistoryState {
  byFile: Map<string, CommitFact[]>;
  /** Per file, the commits that set its `version:` line, by hash, with the version they set. */
  versions: Map<string, Map<string, string>>;
}

/** What a content folder outside git has: no change facts, and nothing to say. */
export const NO_HISTORY: GitHistory = { state: 'none', note: null, byFile: new Map(), versions: new Map() };

export const SHALLOW_NOTE = 'history unavailable: shallow clone; fetch-depth: 0 in CI';

// Fields of one commit, split by unit separators; each commit starts with a record separator.
const FORMAT = '%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f%s';

/**
 * Reads the content folder's git history once, with `git log` over `runbooks/` (one process, not one per
 * file). No git, or not a repository: no history and no error. A shallow clone (CI's default) is said,
 * never counted: its first commit looks like it added every file.
 */
export async function readHistory(contentDir: string, memo?: { head: string; value: GitHistory }): Promise<GitHistory & { head?: string }> {
  const git = (args: string[]) =>
    run('git', ['-C', contentDir, '-c', 'log.showSignature=false', '-c', 'core.quotepath=off', ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_PAGER: 'cat' },
      windowsHide: true,
    });
  let shallow: string;
  let head: string;
  try {
    [shallow = '', head = ''] = (await git(['rev-parse', '--is-shallow-repository', 'HEAD'])).stdout.trim().split('\n');
  } catch {
    return NO_HISTORY;
  }
  if (shallow === 'true') return { state: 'shallow', note: SHALLOW_NOTE, byFile: new Map(), versions: new Map() };
  // The log only changes with a commit: an edit in `handover dev` reuses the last reading.
  if (memo && memo.head === head) return { ...memo.value, head };
  try {
    const base = ['log', '--no-merges', '--no-renames', '--relative'];
    // Two passes over runbooks/, whatever the number of files: every commit with its files, and the
    // commits whose diff adds a `version:` line, with just those lines (-G picks them, --unified=0 trims).
    const [log, versions] = await Promise.all([
      git([...base, '-z', '--name-only', `--format=${FORMAT}`, '--', 'runbooks']),
      git([...base, '-p', '--unified=0', '-G^version:', '--format=%x1e%H', '--', 'runbooks']),
    ]);
    return { state: 'git', note: null, byFile: parseLog(log.stdout), versions: parseVersions(versions.stdout), head };
  } catch {
    // A repository without commits yet, or git refusing it (unsafe ownership): no history.
    return NO_HISTORY;
  }
}

/** `git log -z --name-only` output -> commits by file, in log order (newest first). */
export function parseLog(stdout: string): Map<string, CommitFact[]> {
  const byFile = new Map<string, CommitFact[]>();
  for (const record of stdout.split('\x1e').slice(1)) {
    // `-z`: the header ends in NUL, then a line break and NUL-ended paths (raw, never quoted).
    const end = record.indexOf('\0');
    const [hash, iso, name, email, subject] = record.slice(0, end < 0 ? undefined : end).split('\x1f');
    if (!hash || !iso) continue;
    const at = new Date(iso).toISOString();
    const commit: CommitFact = { hash, short: hash.slice(0, 7), date: at.slice(0, 10), at, author: { name: name ?? '', email: email ?? '', person: null }, subject: subject ?? '' };
    for (const file of end < 0 ? [] : record.slice(end + 1).split('\0')) {
      const path = file.replace(/^\n/, '');
      if (!path.endsWith('.md')) continue;
      byFile.set(path, [...(byFile.get(path) ?? []), commit]);
    }
  }
  return byFile;
}

/**
 * `git log -p -G^version:` output -> per file, the version each commit set. Read as YAML, so quotes and
 * comments are handled as in the frontmatter. A top-level `version:` line in a body would count too; in
 * practice only frontmatter starts a line with it.
 */
export function parseVersions(stdout: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const record of stdout.split('\x1e').slice(1)) {
    const [hash, ...lines] = record.split('\n');
    let file: string | null = null;
    for (const line of lines) {
      if (line.startsWith('+++ ')) file = diffPath(line.slice(4));
      else if (file && line.startsWith('+version:')) {
        const version = versionOf(line.slice(1));
        if (version === null) continue;
        const mine = out.get(file) ?? new Map<string, string>();
        if (!mine.has(hash!)) mine.set(hash!, version);
        out.set(file, mine);
      }
    }
  }
  return out;
}

/** `b/runbooks/x.md`, or git's C-quoted `"b/runbooks/a\"b.md"` -> `runbooks/x.md`; null for /dev/null. */
function diffPath(text: string): string | null {
  let path = text;
  if (path.startsWith('"')) {
    try {
      path = JSON.parse(path) as string;
    } catch {
      return null;
    }
  }
  return path.startsWith('b/') ? path.slice(2) : null;
}

function versionOf(line: string): string | null {
  try {
    const value = (parseYaml(line) as { version?: unknown } | null)?.version;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  } catch {
    return null;
  }
}

/** Person ids by lowercase email, so a commit author can be named as in people.yaml. */
export function peopleByEmail(site: Site): Map<string, string> {
  const map = new Map<string, string>();
  for (const person of site.people) if (person.contact?.email) map.set(person.contact.email.toLowerCase(), person.id);
  return map;
}

/** A runbook's commits as of `now`: the last change and how many fall within `churn.window`. */
export function churnFact(workflow: Workflow, history: GitHistory, config: Pick<Config, 'churn'>, byEmail: Map<string, string>, now: string): ChurnFact | null {
  if (history.state !== 'git') return null;
  const commits = (history.byFile.get(`runbooks/${workflow.id}.md`) ?? [])
    .filter((c) => c.date <= now)
    .map((c) => ({ ...c, author: { ...c.author, person: byEmail.get(c.author.email.toLowerCase()) ?? null } }));
  if (commits.length === 0) return null;
  const since = addDays(now, 1 - durationDays(config.churn.window));
  const set = history.versions.get(`runbooks/${workflow.id}.md`);
  const versions = set ? commits.flatMap((commit) => (set.has(commit.hash) ? [{ commit, version: set.get(commit.hash)! }] : [])) : [];
  return { commits, last: commits[0]!, recent: commits.filter((c) => c.date >= since).length, since, versions };
}
