#!/usr/bin/env node
// Runs the compiled CLI in lib/ (`npm run compile` makes it; `prepare` runs that on `npm ci` and `npm pack`).
//
// Large sites (2,000 runbooks or more) run with a few V8 flags (bin/node-flags.js says why and where the line
// is drawn). V8 reads them only at start-up, so the
// CLI runs itself once more with them; HANDOVER_NODE_FLAGS=none skips that, =always forces it.
// The second process is tied to this one by an IPC channel: when this process dies, even by kill -9,
// the channel closes and the child stops at once, so a killed build never goes on writing behind your back.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS, wantsFlags } from './node-flags.js';

const args = process.argv.slice(2);
const hasFlags = NODE_FLAGS.every((flag) => process.execArgv.includes(flag));

if (!hasFlags && wantsFlags(args, process.env.HANDOVER_NODE_FLAGS)) {
  const child = spawn(process.execPath, [...process.execArgv, ...NODE_FLAGS, fileURLToPath(import.meta.url), ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
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
  if (process.channel) {
    // Started by the lines above: die with the parent. The channel must not keep this process alive.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  }
  await import('../lib/bundle/cli.js');
}
