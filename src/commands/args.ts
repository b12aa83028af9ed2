import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;
import { UserError } from '../diagnostic.ts';

/** Options every command that reads content takes. */
export const commonOptions = {
  content: { type: 'string' },
  config: { type: 'string' },
  now: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * Parses options strictly; an unknown flag, a missing value or an argument the command does not take
 * is a usage error (exit 2). `positionals`: the command takes arguments (it checks their number itself);
 * otherwise a stray word is refused, not ignored (`handover build content dist` had built the config's folders without a word).
 */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals = false): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (cause) {
    throw new UserError(`${(cause as Error).message.split('\n')[0]}\nRun "handover --help" for usage.`);
  }
  const [stray] = parsed.positionals;
  if (!positionals && stray !== undefined) {
    const hint = 'content' in options && !stray.startsWith('-') ? ` (a content folder is given as --content ${JSON.stringify(stray)}${'out' in options ? ', an out dir as --out DIR' : ''})` : '';
    throw new UserError(`unexpected argument "${stray}": this command takes options only${hint}\nRun "handover --help" for usage.`);
  }
  return parsed;
}
