import type { Config } from '../config.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { ParsedRunbook } from '../parse/runbook.ts';
import { guideSchema, type GuideFrontmatter } from '../schema/guide.ts';
import type { Outline } from '../site.ts';
import { outline } from './sections.ts';
import { validateDocument } from '../schema/explain.ts';

/** A parsed guide whose frontmatter matches the guide schema. */
export interface ValidGuide {
  parsed: ParsedRunbook;
  fm: GuideFrontmatter;
  outline: Outline;
}

/** Validates each guide's frontmatter on its own; one whose frontmatter or body could not be read never becomes a page. */
export function validateGuides(config: Config, parsed: ParsedRunbook[]): { guides: ValidGuide[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const guides: ValidGuide[] = [];
  for (const guide of parsed) {
    diagnostics.push(...guide.diagnostics);
    if (!guide.frontmatter) continue;
    const result = validateDocument(guideSchema, guide.frontmatter, guide.source.path);
    diagnostics.push(...result.diagnostics);
    if (result.ok && guide.diagnostics.length === 0) guides.push({ parsed: guide, fm: result.data, outline: outline(guide.body, config) });
  }
  return { guides, diagnostics };
}
