import { dutyRoles, type Config } from '../config.ts';
import type { Workflow } from '../site.ts';
import { durationMinutes } from '../schema/common.ts';
import { reachable } from './availability.ts';
import { dutyHolder } from './roles.ts';
import type { CallEntry, CallList, CallStep, FallbackFact, Holder, RoleFact } from './types.ts';

/**
 * Who to call, in order: the escalation levels when there are any, else the first `duties.call` role
 * held (primary, then backup if no answer). Anyone who cannot be reached today gets `instead`: the next
 * one on the list who can, else the backup of a role they hold.
 */
export function callList(workflow: Workflow, config: Config, roles: RoleFact[], holderOf: (id: string) => Holder): CallList {
  const escalation = workflow.fm.escalation;
  const callRoles = dutyRoles(config, 'call');
  // The role that explains why this person is on the list: a call duty they hold, else their first role.
  const rolesOf = (id: string) => {
    const held = roles.filter((r) => r.primary?.id === id || r.backup?.id === id);
    const duty = held.filter((r) => callRoles.includes(r.role));
    return (duty.length ? duty : held.slice(0, 1)).map((r) => (r.primary?.id === id ? r.label : `Backup ${lower(r.label)}`));
  };
  const entry = (id: string): CallEntry => ({ holder: holderOf(id), roles: rolesOf(id) });
  let steps: CallStep[] = [];
  let source: CallList['source'] = 'none';
  let role: string | null = null;
  if (escalation?.levels.length) {
    source = 'escalation';
    steps = escalation.levels.map((level, i) => ({ level: i + 1, afterMinutes: durationMinutes(level.after), entries: level.notify.map(entry), via: level.via ?? '' }));
  } else {
    const first = dutyHolder(roles, config, 'call');
    if (first?.primary) {
      source = 'roles';
      role = first.role;
      steps = [{ level: 1, afterMinutes: 0, entries: [entry(first.primary.id)], via: '' }];
      if (first.backup) steps.push({ level: 2, afterMinutes: null, entries: [entry(first.backup.id)], via: '' });
    }
  }
  markInstead(steps, roles);
  return {
    source,
    role,
    steps,
    responseTargetMinutes: escalation?.response_target ? durationMinutes(escalation.response_target) : null,
    repeat: escalation?.repeat ?? 0,
  };
}

function markInstead(steps: CallStep[], roles: RoleFact[]): void {
  const flat = steps.flatMap((s) => s.entries);
  flat.forEach((e, i) => {
    if (reachable(e.holder)) return;
    const later = flat.slice(i + 1).find((n) => reachable(n.holder) && n.holder.id !== e.holder.id);
    e.instead = later?.holder ?? backupFor(e.holder, roles);
  });
}

/** The reachable backup of a role that `holder` holds as primary. */
function backupFor(holder: Holder, roles: RoleFact[]): Holder | null {
  return roles.find((r) => r.primary?.id === holder.id && r.backup && reachable(r.backup))?.backup ?? null;
}

/** Each fallback case with who it goes to: a role's primary (its backup instead when away) or a person. */
export function fallbackFacts(workflow: Workflow, roles: RoleFact[], holderOf: (id: string) => Holder): FallbackFact[] {
  return workflow.fm.fallback.map((item) => {
    const role = roles.find((r) => r.role === item.to);
    const holder = role ? role.primary : holderOf(item.to);
    const instead = holder && !reachable(holder) && role?.backup && reachable(role.backup) ? role.backup : null;
    return { when: item.when, action: item.action ?? '', role: role?.label ?? null, holder, instead };
  });
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
