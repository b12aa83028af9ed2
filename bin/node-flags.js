// V8 flags the CLI runs with on large sites (see bin/handover.js); the benchmark runs its builds with them too.
//
// Parsing makes large Markdown trees that die within milliseconds. With V8's default 16 MB
// semi-spaces they outlive a scavenge, get promoted, and the old generation fills with garbage.
// And V8 lets the old generation grow to several times the live data between full collections.
// Measured on 10,000 runbooks (2 cores): parsing took 76 s with a 1.4 GB heap by default and 46 s
// with 64 MB semi-spaces; a whole build peaked at 1.9 GB RSS with the larger semi-spaces alone,
// 1.4 GB with growth capped at 50% and 1.1 GB at 25%, for a few seconds more. 30% sits between.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NODE_FLAGS = ['--max-semi-space-size=64', '--heap-growing-percent=30'];

/** Commands that read a whole content folder, the only ones the flags can help. */
const HEAVY = new Set(['check', 'build', 'dev']);

/**
 * Runbooks from which the second process pays for itself. Below it the flags cost more than they save
 * (`npm run bench`, README "Start-up": 200 runbooks checked cold in about 2.5 s in one process and 4.7 s
 * with the re-run; at 1,000 the two were within the machine's noise; at 10,000 the flags save 30 s).
 */
export const FLAGS_FROM_RUNBOOKS = 2000;

/**
 * Whether to run node again with NODE_FLAGS for `args` in `cwd`. `setting` is HANDOVER_NODE_FLAGS:
 * `none` never, `always` for every command; otherwise only for check, build and dev on a content folder
 * with at least FLAGS_FROM_RUNBOOKS Markdown files.
 */
export function wantsFlags(args, setting, cwd = process.cwd()) {
  if (setting === 'none') return false;
  if (setting === 'always') return true;
  if (!HEAVY.has(args[0] ?? '') || args.includes('--help') || args.includes('-h')) return false;
  return countMarkdown(path.join(contentDirOf(args, cwd), 'runbooks'), FLAGS_FROM_RUNBOOKS) >= FLAGS_FROM_RUNBOOKS;
}

/** The content folder a command will read: --content, else contentDir as written in the config file, else ./content. */
function contentDirOf(args, cwd) {
  const flag = args.indexOf('--content');
  if (flag >= 0 && args[flag + 1]) return path.resolve(cwd, args[flag + 1]);
  const given = args.indexOf('--config');
  const configs = given >= 0 && args[given + 1] ? [path.resolve(cwd, args[given + 1])] : ['ts', 'mts', 'js', 'mjs'].map((ext) => path.join(cwd, `site.config.${ext}`));
  const config = configs.find((file) => existsSync(file));
  // A guess is enough here: it only decides whether to pay for a second process.
  const written = config && /contentDir:\s*['"`]([^'"`]+)['"`]/.exec(readFileSync(config, 'utf8'))?.[1];
  return path.resolve(config ? path.dirname(config) : cwd, written || 'content');
}

/** Markdown files under `dir`, counting no further than `limit`. */
function countMarkdown(dir, limit) {
  let count = 0;
  const stack = [dir];
  while (stack.length && count < limit) {
    let entries;
    try {
      entries = readdirSync(stack.pop(), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) stack.push(path.join(entry.parentPath ?? entry.path, entry.name));
      else if (entry.name.endsWith('.md')) count++;
    }
  }
  return count;
}
