import type { Site } from '../site.ts';
import { holders } from './availability.ts';
import { callList, fallbackFacts } from './calls.ts';
import { guideFacts } from './guides.ts';
import { changeLog } from './changes.ts';
import { churnFact, NO_HISTORY, peopleByEmail, type GitHistory } from './history.ts';
import { metricFacts } from './metrics.ts';
import { practiceFact } from './practice.ts';
import { readinessFact } from './readiness.ts';
import { peopleFacts } from './people.ts';
import { reviewFact } from './review.ts';
import { dutyHolder, roleFacts } from './roles.ts';
import type { Facts, WorkflowFacts } from './types.ts';

export type * from './types.ts';

/**
 * Site + config + today (+ the content folder's git history) -> what is true today, once: roles and
 * availability, the call list, metrics with drift and staleness, the review, practice, churn, readiness.
 */
export function facts(site: Site, now: string, history: GitHistory = NO_HISTORY): Facts {
  const holderOf = holders(site, now);
  const byEmail = peopleByEmail(site);
  const workflows = new Map<string, WorkflowFacts>();
  for (const workflow of site.workflows) {
    const roles = roleFacts(workflow, site.config, holderOf);
    const held = dutyHolder(roles, site.config, 'care');
    const care = held?.primary ? { role: held.label, holder: held.primary } : null;
    const metrics = metricFacts(workflow, site.config, now);
    const review = reviewFact(workflow, site, roles, now);
    const practice = practiceFact(workflow, site.config, roles, holderOf, now);
    workflows.set(workflow.id, {
      workflow,
      roles,
      calls: callList(workflow, site.config, roles, holderOf),
      fallback: fallbackFacts(workflow, roles, holderOf),
      metrics,
      review,
      care,
      practice,
      churn: churnFact(workflow, history, site.config, byEmail, now),
      readiness: readinessFact({ workflow, roles, care, metrics, practice, review }, site.config),
      gaps: [],
    });
  }
  return {
    now,
    workflows,
    guides: guideFacts(site, holderOf, now),
    people: peopleFacts(site, workflows, now),
    history: { state: history.state, note: history.note },
    changes: changeLog(workflows.values(), now),
  };
}
