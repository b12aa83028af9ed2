#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx handover` works right after `npm ci`.
//
// Parsing makes large Markdown trees that die within milliseconds. With V8's default 16 MB
// semi-spaces they outlive a scavenge, get promoted, and the old generation fills with garbage:
// 10,000 runbooks parsed in 76 s with a 1.4 GB heap, against 46 s and 0.56 GB with 64 MB
// semi-spaces (see "Speed" in the README). V8 reads the flag only at start-up, so the CLI
// runs itself once more with it; HANDOVER_NODE_FLAGS=none skips that.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS as FLAGS } from './node-flags.js';
const wanted = process.env.HANDOVER_NODE_FLAGS !== 'none' && !FLAGS.every((flag) => process.execArgv.includes(flag));

if (wanted) {
  const child = spawn(process.execPath, [...process.execArgv, ...FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C in a terminal reaches both processes already; a signal sent to this process alone is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
