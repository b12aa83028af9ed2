import type { RoleFact } from '../../facts/index.ts';
import type { RenderContext } from '../types.ts';
import { contactLinks, holderRef, type ContactLink, type PersonRef } from '../view.ts';

/** One row of a runbook's owners table. */
export interface OwnerRow {
  role: string;
  label: string;
  primary: PersonRef | null;
  backup: PersonRef | null;
  contacts: ContactLink[];
  /** Required by the status but not named: shown as "⚠ missing". */
  primaryMissing: boolean;
  backupMissing: boolean;
}

/** One role as a row; every role is kept, so matrix columns line up. */
export function ownerRow(ctx: RenderContext, role: RoleFact, root: string): OwnerRow {
  return {
    role: role.role,
    label: role.label,
    primary: role.primary ? holderRef(role.primary, root) : null,
    backup: role.backup ? holderRef(role.backup, root) : null,
    contacts: contactLinks(role.primary ? ctx.site.person.get(role.primary.id) : undefined),
    primaryMissing: !role.primary && role.requiresPrimary,
    backupMissing: !role.backup && role.requiresBackup,
  };
}

/** The roles a runbook's owners table shows: held, or required by the status. */
export function ownerRows(ctx: RenderContext, roles: RoleFact[], root: string): OwnerRow[] {
  return roles.map((r) => ownerRow(ctx, r, root)).filter((row) => row.primary || row.backup || row.primaryMissing || row.backupMissing);
}
