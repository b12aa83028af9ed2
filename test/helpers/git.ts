import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One commit of a git fixture: fixed author, committer and date, so hashes and output never change. */
export interface FixtureCommit {
  date: string;
  name: string;
  email: string;
  subject: string;
  /** Files (path under the repository) to write before committing; default: touch the first runbook. */
  files?: Record<string, string>;
}

/** Runs git in `dir` with a clean, fixed identity and no user or system config. */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: dir, ...env },
  });
}

/**
 * Makes a git repository of `files` (path -> text) with `commits`, each dated and authored as given.
 * A commit without files of its own rewrites `touch` with trailing blank lines (invisible in Markdown),
 * one fewer each time, so the last commit leaves the file exactly as written.
 */
export function gitRepo(dir: string, files: Record<string, string>, commits: FixtureCommit[], touch: string): void {
  git(dir, ['init', '-q']);
  commits.forEach((commit, i) => {
    const own = commit.files ?? (i === 0 ? files : { [touch]: files[touch]! + '\n'.repeat(commits.length - 1 - i) });
    for (const [name, text] of Object.entries(i === 0 ? { ...files, ...own } : own)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    git(dir, ['add', '-A']);
    const env = { GIT_AUTHOR_NAME: commit.name, GIT_AUTHOR_EMAIL: commit.email, GIT_AUTHOR_DATE: commit.date, GIT_COMMITTER_NAME: commit.name, GIT_COMMITTER_EMAIL: commit.email, GIT_COMMITTER_DATE: commit.date };
    git(dir, ['commit', '-q', '--allow-empty', '-m', commit.subject], env);
  });
}

/**
 * A fixture folder with a `history.json` ({ commits }) as a git repository in a temporary folder: the
 * folder's files are copied, then committed as the recipe says (the first runbook is the one touched).
 * Returns null when the folder has no history.json.
 */
export function gitFixture(dir: string): string | null {
  const recipe = path.join(dir, 'history.json');
  if (!existsSync(recipe)) return null;
  const { commits } = JSON.parse(readFileSync(recipe, 'utf8')) as { commits: FixtureCommit[] };
  const copy = mkdtempSync(path.join(os.tmpdir(), 'handover-git-'));
  cpSync(dir, copy, { recursive: true, filter: (src) => !/(?:history|expected)\.json$/.test(src) });
  const files = (execFileSync('find', ['.', '-type', 'f'], { cwd: copy, encoding: 'utf8' }).trim().split('\n'))
    .map((f) => f.slice(2))
    .sort();
  const texts = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(copy, f), 'utf8')]));
  gitRepo(copy, texts, commits, files.find((f) => f.startsWith('runbooks/'))!);
  return copy;
}
