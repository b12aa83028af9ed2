import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;
import { UserError } from '../diagnostic.ts';

/** Options every command that reads content takes. */
export const commonOptions = {
  content: { type: 'string' },
  config: { type: 'string' },
  now: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Parses options strictly; an unknown flag or a missing value is a usage error (exit 2). */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (cause) {
    throw new UserError(`${(cause as Error).message.split('\n')[0]}\nRun "handover --help" for usage.`);
  }
}
