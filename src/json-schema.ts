import { z } from 'zod';
import { loadConfig } from './config-file.ts';
import { guideSchema } from './schema/guide.ts';
import { runbookSchema } from './schema/runbook.ts';

/** JSON Schema of runbook frontmatter, generated from the zod schema, for editor completion. */
export async function frontmatterJsonSchema(configFile?: string): Promise<unknown> {
  const { config } = await loadConfig(configFile);
  return {
    ...z.toJSONSchema(runbookSchema(config), { io: 'input', unrepresentable: 'any' }),
    title: 'Handover runbook frontmatter',
  };
}

/** JSON Schema of guide frontmatter (`guides/**\/*.md`). */
export function guideJsonSchema(): unknown {
  return { ...z.toJSONSchema(guideSchema, { io: 'input', unrepresentable: 'any' }), title: 'Handover guide frontmatter' };
}
