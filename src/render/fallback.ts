import type { Site, Workflow } from '../model.ts';

/** Who a fallback's `to` names: a role (its label, and that role's primary owner) or a person id. */
export function fallbackHolder(to: string, workflow: Workflow, site: Site): { role: string | null; person: string | null } {
  const label = site.config.roles[to];
  if (label === undefined) return { role: null, person: to };
  return { role: label, person: workflow.fm.owners[to]?.primary ?? null };
}
