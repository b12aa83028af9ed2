/**
 * Compiles src/ into lib/ and bundles the CLI (`npm run compile`) once per test run, before any test starts,
 * so every test that runs the CLI as a process (bin/handover.js runs lib/bundle/) runs the code as it is now,
 * never a lib/ left over from an earlier edit.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['bin/bundle.js'], { stdio: 'inherit' });
}
