import type { Site, Workflow } from '../../model.ts';
import { escalationSteps } from '../mermaid.ts';

/** One role a person holds in a workflow that is not retired. */
export interface Held {
  workflow: Workflow;
  role: string;
  slot: 'primary' | 'backup';
}

/** Who holds what, and who is called at which escalation level: indexed once per site, read by every person page. */
export interface HeldIndex {
  roles: Map<string, Held[]>;
  escalations: Map<string, { workflow: Workflow; level: number; after: string }[]>;
}

const cache = new WeakMap<Site, HeldIndex>();

/** Roles and escalation levels by person id, over workflows that are not retired, in site order. */
export function heldBy(site: Site): HeldIndex {
  const cached = cache.get(site);
  if (cached) return cached;
  const index: HeldIndex = { roles: new Map(), escalations: new Map() };
  const push = <T>(map: Map<string, T[]>, id: string, item: T) => map.set(id, [...(map.get(id) ?? []), item]);
  for (const workflow of site.workflows) {
    if (workflow.fm.status === 'retired') continue;
    for (const role of Object.keys(site.config.roles))
      for (const slot of ['primary', 'backup'] as const) {
        const id = workflow.fm.owners[role]?.[slot];
        if (id) push(index.roles, id, { workflow, role, slot });
      }
    for (const step of escalationSteps(workflow, site))
      for (const p of step.people) push(index.escalations, p.id, { workflow, level: step.level, after: step.after });
  }
  cache.set(site, index);
  return index;
}
