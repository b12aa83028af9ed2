// Bundles the compiled CLI (lib/cli.js and the parse helper lib/parse/worker.js) with the packages it
// imports into lib/bundle/, which bin/handover.js runs (`npm run compile` makes it after tsc).
//
// Why: loading lib/ as separate modules meant about 300 files (zod alone is 95) resolved, read and
// linked one by one, some 100 ms of every command's start on the 2-core machine Handover is measured on;
// one bundle loads in a fraction of that. Imports that `await import()` stay separate chunks, so a
// command still loads only what it uses (a warm check still skips the Markdown parser).
// Kept out: vite and rolldown (large, with native parts and files of their own; loaded only by `dev`,
// a theme build or a config bundle) and Node's own modules. lib/ itself stays as compiled: it is the
// package's API (`import { build } from 'handover'`) and its types.
// The licences of the packages bundled are written beside it (THIRD-PARTY-LICENSES.txt).
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = path.join(ROOT, 'lib', 'bundle');
const EXTERNAL = new Set(['vite', 'rolldown']);

rmSync(OUT, { recursive: true, force: true });
const bundle = await rolldown({
  input: { cli: path.join(ROOT, 'lib', 'cli.js'), worker: path.join(ROOT, 'lib', 'parse', 'worker.js') },
  platform: 'node',
  logLevel: 'warn',
  external: (id) => isBuiltin(id) || EXTERNAL.has(id.split('/')[0]) || EXTERNAL.has(id),
});
const { output } = await bundle.write({ dir: OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();

// Every package whose code went into a chunk, with its licence text.
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const packages = new Map();
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  for (const id of chunk.moduleIds) {
    const at = id.lastIndexOf(NODE_MODULES);
    if (at < 0) continue;
    const folder = id.slice(0, at + NODE_MODULES.length);
    const rest = id.slice(folder.length).split(path.sep);
    const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    packages.set(name, path.join(folder, ...name.split('/')));
  }
}
const notices = [...packages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, dir]) => {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
  const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : `${pkg.license ?? 'see the package'} (no licence file in the package)`;
  return `${name}@${pkg.version} (${pkg.license ?? 'unknown licence'})\n\n${text}\n`;
});
writeFileSync(path.join(OUT, 'THIRD-PARTY-LICENSES.txt'), `The Handover CLI bundle (lib/bundle/) holds code of these packages, under these licences.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);
if (!existsSync(path.join(OUT, 'cli.js')) || !existsSync(path.join(OUT, 'worker.js'))) throw new Error('bundle: cli.js or worker.js missing');
