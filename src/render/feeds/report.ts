import type { Diagnostic } from '../../diagnostic.ts';
import type { Site } from '../../model.ts';

/** A gap as report.json shows it: the spec's `rule` and `message`, plus where to fix it when known. */
function gapEntry({ rule, message, field, file, line, column }: Diagnostic) {
  return { rule, message, ...(field ? { field } : {}), ...(file ? { file } : {}), ...(line ? { line } : {}), ...(column ? { column } : {}) };
}

/**
 * `report.json`: `{ generated, workflows: [{ id, title, status, team, gaps: [{ rule, message }] }] }`,
 * every workflow in id order (gaps may be empty), pretty-printed so diffs between builds read well.
 */
export function reportJson(site: Site, gaps: Diagnostic[], now: string): string {
  const byWorkflow = new Map<string, Diagnostic[]>();
  for (const gap of gaps) if (gap.workflow) byWorkflow.set(gap.workflow, [...(byWorkflow.get(gap.workflow) ?? []), gap]);
  const workflows = site.workflows.map((w) => ({
    id: w.id,
    title: w.fm.title,
    status: w.fm.status,
    team: w.fm.team ?? null,
    gaps: (byWorkflow.get(w.id) ?? []).map(gapEntry),
  }));
  return `${JSON.stringify({ generated: now, workflows }, null, 2)}\n`;
}
