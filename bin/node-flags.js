// V8 flags the CLI runs with on large sites (see bin/handover.js); the benchmark runs its builds with them too.
//
// Parsing makes large Markdown trees that die within milliseconds. With V8's default 16 MB
// semi-spaces they outlive a scavenge, get promoted, and the old generation fills with garbage.
// And V8 lets the old generation grow to several times the live data between full collections.
// Measured on 10,000 runbooks (2 cores): parsing took 76 s with a 1.4 GB heap by default and 46 s
// with 64 MB semi-spaces; a whole build peaked at 1.9 GB RSS with the larger semi-spaces alone,
// 1.4 GB with growth capped at 50% and 1.1 GB at 25%, for a few seconds more. 30% sits between.
export const NODE_FLAGS = ['--max-semi-space-size=64', '--heap-growing-percent=30'];

/** Commands that read a whole content folder, the only ones the flags can help. */
const HEAVY = new Set(['check', 'build', 'dev']);

/**
 * Whether to run node again with NODE_FLAGS for `args`. `setting` is HANDOVER_NODE_FLAGS:
 * `none` never, `always` for every command, otherwise only for commands that read the content.
 */
export function wantsFlags(args, setting) {
  if (setting === 'none') return false;
  if (setting === 'always') return true;
  return HEAVY.has(args[0] ?? '') && !args.includes('--help') && !args.includes('-h');
}
