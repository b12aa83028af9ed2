import { contactLinks, personRef, type ContactLink, type PersonRef } from '../view.ts';
import type { Site, Workflow } from '../../model.ts';
import { fallbackHolder } from '../fallback.ts';

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

/** Every configured role, in config order, with who holds it and whether the status requires it. */
export function ownerRows(site: Site, workflow: Workflow, root: string, now: string): OwnerRow[] {
  const need = site.config.required[workflow.fm.status];
  return Object.entries(site.config.roles)
    .map(([role, label]) => {
      const owner = workflow.fm.owners[role];
      return {
        role,
        label,
        primary: owner?.primary ? personRef(site, owner.primary, root, now) : null,
        backup: owner?.backup ? personRef(site, owner.backup, root, now) : null,
        contacts: contactLinks(owner?.primary ? site.person.get(owner.primary) : undefined),
        primaryMissing: !owner?.primary && need.primary.includes(role),
        backupMissing: !owner?.backup && need.backup.includes(role),
      };
    })
    .filter((row) => row.primary || row.backup || row.primaryMissing || row.backupMissing);
}

/** A fallback `to`: a role (label and its primary) or a person id. */
export function fallbackTarget(site: Site, workflow: Workflow, to: string, root: string, now: string): { role: string; person: PersonRef | null } {
  const { role, person } = fallbackHolder(to, workflow, site);
  return { role: role ?? '', person: person ? personRef(site, person, root, now) : null };
}
