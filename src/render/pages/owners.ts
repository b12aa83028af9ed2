import type { RoleFact } from '../../facts/index.ts';
import type { RenderContext } from '../types.ts';
import { contactLinks, holderRef } from '../view.ts';
import type { OwnerRowView as OwnerRow } from '../views.ts';

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
