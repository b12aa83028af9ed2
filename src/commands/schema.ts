import { commonOptions, parse } from '../args.ts';
import { frontmatterJsonSchema } from '../json-schema.ts';

/** `handover schema`: the JSON Schema of runbook frontmatter, for editor completion. */
export async function runSchema(args: string[]): Promise<number> {
  const { values } = parse(args, { config: commonOptions.config });
  console.log(JSON.stringify(await frontmatterJsonSchema(values.config), null, 2));
  return 0;
}
