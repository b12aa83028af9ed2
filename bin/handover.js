#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx handover` works right after `npm ci`.
//
// The CLI runs with a few V8 flags (bin/node-flags.js says why). V8 reads them only at
// start-up, so the CLI runs itself once more with them; HANDOVER_NODE_FLAGS=none skips that.
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
