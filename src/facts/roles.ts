import { dutyRoles, type Config, type Duty } from '../config.ts';
import type { Workflow } from '../site.ts';
import type { Holder, RoleFact } from './types.ts';

/** Every configured role of a workflow, in config order, with holders and what the status requires. */
export function roleFacts(workflow: Workflow, config: Config, holderOf: (id: string) => Holder): RoleFact[] {
  const need = config.required[workflow.fm.status];
  return Object.entries(config.roles).map(([role, label]) => {
    const owner = workflow.fm.owners[role];
    return {
      role,
      label,
      primary: owner?.primary ? holderOf(owner.primary) : null,
      backup: owner?.backup ? holderOf(owner.backup) : null,
      requiresPrimary: need.primary.includes(role),
      requiresBackup: need.backup.includes(role),
    };
  });
}

/** The first role carrying `duty` whose primary has not left, with that role's facts. */
export function dutyHolder(roles: RoleFact[], config: Config, duty: Duty): RoleFact | null {
  for (const id of dutyRoles(config, duty)) {
    const role = roles.find((r) => r.role === id);
    if (role?.primary && role.primary.availability.state !== 'left') return role;
  }
  return null;
}
