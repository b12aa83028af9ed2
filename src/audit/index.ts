import { sortDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { fixerOf } from '../facts/fixer.ts';
import type { Facts } from '../facts/index.ts';
import type { Site } from '../site.ts';
import { guideGaps } from './guides.ts';
import { GAP_RULES } from './registry.ts';
import { locator, type AuditContext } from './rule.ts';

const TITLES = new Map<string, string>(GAP_RULES.map((r) => [r.id, r.title]));

/**
 * Every gap of every workflow and guide today: each rule of the registry run on the day's facts (guides: audit/guides.ts). The gaps are
 * also recorded on each workflow's facts, with the rule's title and who can fix them, for the pages.
 */
export function audit(site: Site, facts: Facts): Diagnostic[] {
  const ctx: AuditContext = { site, facts, now: facts.now };
  const gaps: Diagnostic[] = [];
  for (const workflowFacts of facts.workflows.values())
    for (const rule of GAP_RULES) gaps.push(...rule.check(workflowFacts, locator(rule.id, workflowFacts), ctx));
  gaps.push(...guideGaps(site, facts));
  const sorted = sortDiagnostics(gaps);
  for (const gap of sorted) {
    if (gap.guide !== undefined) {
      facts.guides.get(gap.guide)!.gaps.push({ gap, title: TITLES.get(gap.rule) ?? gap.rule, fixer: facts.guides.get(gap.guide)!.review.runner });
      continue;
    }
    const workflowFacts = facts.workflows.get(gap.workflow!)!;
    workflowFacts.gaps.push({ gap, title: TITLES.get(gap.rule) ?? gap.rule, fixer: fixerOf(gap, workflowFacts, site) });
  }
  return sorted;
}
