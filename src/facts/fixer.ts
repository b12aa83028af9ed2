import type { Site } from '../site.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { dutyRoles } from '../config.ts';
import type { WorkflowFacts } from './types.ts';

/**
 * Who can fix a gap: the primary of the role it names (unless that person is the problem), else the
 * first `duties.fix` role with an active primary, else the team lead.
 */
export function fixerOf(gap: Diagnostic, facts: WorkflowFacts, site: Site): { person: string; role: string } | null {
  const named = /^owners\.([a-z0-9-]+)/.exec(gap.field ?? '')?.[1];
  // An overloaded person cannot fix their own load: someone else reassigns the role.
  const candidates = [...(named && gap.rule !== 'too-many-roles' ? [named] : []), ...dutyRoles(site.config, 'fix')];
  for (const id of candidates) {
    const role = facts.roles.find((r) => r.role === id);
    if (role?.primary && role.primary.kind === 'person' && role.primary.availability.state !== 'left') return { person: role.primary.id, role: role.label };
  }
  const team = facts.workflow.fm.team;
  const lead = team ? site.team.get(team)?.lead : undefined;
  return lead && site.person.get(lead)?.active !== false ? { person: lead, role: 'Team lead' } : null;
}
