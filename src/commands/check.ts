import { commonOptions, parse } from './args.ts';
import { UserError } from '../diagnostic.ts';
import { FORMATS, toCodeClimate, toGithub, toJson, toMarkdown, toText, type Format } from '../format.ts';
import { check } from '../index.ts';

/** `handover check`: every error and gap, in the format asked for; exit 1 on errors (or on gaps with --strict). */
export async function runCheck(args: string[]): Promise<number> {
  const { values } = parse(args, { ...commonOptions, strict: { type: 'boolean' }, format: { type: 'string', default: 'text' } });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const started = performance.now();
  // The parse cache a build keeps (node_modules/.cache/handover/) serves check too: unchanged runbooks are not parsed again.
  const result = await check({ ...values, cache: true });
  const { errors, gaps } = result;
  // Why change facts are missing (a shallow clone), said once.
  const notes = result.facts.history.note ? [result.facts.history.note] : [];
  const print: Record<Format, () => string> = {
    text: () => toText(errors, gaps, { files: result.files, ms: Math.round(performance.now() - started) }, process.stdout.isTTY === true, notes),
    json: () => toJson(errors, gaps, result.facts),
    github: () => toGithub(errors, gaps, notes),
    markdown: () => toMarkdown(errors, gaps, { files: result.files }),
    codeclimate: () => toCodeClimate(errors, gaps),
  };
  const text = print[format]();
  if (text) console.log(text);
  return errors.length > 0 || (values.strict && gaps.length > 0) ? 1 : 0;
}
