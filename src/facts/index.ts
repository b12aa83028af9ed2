import type { Site } from '../site.ts';
import { holders } from './availability.ts';
import { callList, fallbackFacts } from './calls.ts';
import { guideFacts } from './guides.ts';
import { metricFacts } from './metrics.ts';
import { peopleFacts } from './people.ts';
import { reviewFact } from './review.ts';
import { dutyHolder, roleFacts } from './roles.ts';
import type { Facts, WorkflowFacts } from './types.ts';

export type * from './types.ts';

/** Site + config + today -> what is true today, once: roles and availability, the call list, metrics, the review. */
export function facts(site: Site, now: string): Facts {
  const holderOf = holders(site, now);
  const workflows = new Map<string, WorkflowFacts>();
  for (const workflow of site.workflows) {
    const roles = roleFacts(workflow, site.config, holderOf);
    const care = dutyHolder(roles, site.config, 'care');
    workflows.set(workflow.id, {
      workflow,
      roles,
      calls: callList(workflow, site.config, roles, holderOf),
      fallback: fallbackFacts(workflow, roles, holderOf),
      metrics: metricFacts(workflow, now),
      review: reviewFact(workflow, site, roles, now),
      care: care?.primary ? { role: care.label, holder: care.primary } : null,
      gaps: [],
    });
  }
  return { now, workflows, guides: guideFacts(site, holderOf, now), people: peopleFacts(site, workflows, now) };
}
