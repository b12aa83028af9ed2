/**
 * Handover's own folder (package.json, templates/, theme/), found from wherever this code runs: src/
 * (tests, through tsx), the compiled lib/ tree (the API), or the CLI's bundle in lib/bundle/. Every
 * path into the package starts here, so no module counts `../` from its own depth.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const PACKAGE_ROOT = findRoot(HERE);

/** The folder of the running code inside the package: `src`, `lib`, or the CLI's bundle, `lib/bundle` (all of its code). */
export const CODE_DIR = codeDir(path.relative(PACKAGE_ROOT, HERE).split(path.sep));

function codeDir([top, next]: string[]): string {
  return top === 'lib' && next === 'bundle' ? 'lib/bundle' : top!;
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates', 'layout.hbs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Handover's package folder (package.json and templates/) was not found above ${from}; reinstall handover`);
  }
}
