import { commonOptions, parse } from './args.ts';
import { build } from '../build.ts';
import { toText } from '../format.ts';
import { fsError } from '../core/fs-error.ts';
import { displayPath } from '../core/paths.ts';

/** `handover build`: check, then write the site; prints errors or a one-line summary. */
export async function runBuild(args: string[]): Promise<number> {
  const { values } = parse(args, { ...commonOptions, out: { type: 'string' }, base: { type: 'string' } });
  const started = performance.now();
  const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`\r\x1b[2K${line}`) : () => {};
  // A full disk or a read-only folder is one line saying what and where (exit 2), not a trace.
  const result = await build({ ...values, onProgress: progress }).catch((cause: unknown) => {
    throw fsError(cause) ?? cause;
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  const ms = Math.round(performance.now() - started);
  const color = process.stdout.isTTY === true;
  if (!result.written) {
    console.log(toText(result.errors, [], { files: result.files, ms }, color));
    console.log(`\nNothing was written: fix the errors above. ${displayPath(result.outDir)} is untouched.`);
    return 1;
  }
  const size = (result.bytes / 1048576).toFixed(1);
  const gaps = result.gaps.length;
  const verb = result.upToDate ? 'Up to date, nothing changed:' : 'Built';
  console.log(
    `${verb} ${result.pages} pages (${size} MB) in ${ms} ms · 0 errors · ${gaps} gap${gaps === 1 ? '' : 's'} (see report/ or run handover check) → ${displayPath(result.outDir)}/`,
  );
  return 0;
}
