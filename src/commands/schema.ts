import { commonOptions, parse } from './args.ts';
import { frontmatterJsonSchema, guideJsonSchema } from '../json-schema.ts';

/** `handover schema [--guide]`: the JSON Schema of runbook (or guide) frontmatter, for editor completion. */
export async function runSchema(args: string[]): Promise<number> {
  const { values } = parse(args, { config: commonOptions.config, guide: { type: 'boolean' } });
  console.log(JSON.stringify(values.guide ? guideJsonSchema() : await frontmatterJsonSchema(values.config), null, 2));
  return 0;
}
