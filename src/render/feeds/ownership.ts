import { stringify } from 'csv-stringify/sync';
import type { Site, Workflow } from '../../model.ts';

type Ref = { id: string; name: string } | null;

const ref = (site: Site, id: string | undefined): Ref => (id ? { id, name: site.person.get(id)?.name ?? id } : null);

/** Every configured role of a workflow, in the config's column order; a role nobody holds is null/null. */
function owners(site: Site, workflow: Workflow): Record<string, { primary: Ref; backup: Ref }> {
  return Object.fromEntries(
    Object.keys(site.config.roles).map((role) => {
      const owner = workflow.fm.owners[role];
      return [role, { primary: ref(site, owner?.primary), backup: ref(site, owner?.backup) }];
    }),
  );
}

/** `ownership.json`: the roles, then each workflow's primary and backup per role. No date, so unchanged content gives unchanged bytes. */
export function ownershipJson(site: Site): string {
  const roles = Object.entries(site.config.roles).map(([id, label]) => ({ id, label }));
  const workflows = site.workflows.map((w) => ({ id: w.id, title: w.fm.title, status: w.fm.status, team: w.fm.team ?? null, owners: owners(site, w) }));
  return `${JSON.stringify({ roles, workflows }, null, 2)}\n`;
}

/**
 * A spreadsheet opening the file must not run a cell as a formula (CSV injection):
 * text starting with = + - @ tab or CR gets a leading apostrophe, as OWASP advises.
 */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const OWNERSHIP_COLUMNS = ['workflow', 'title', 'status', 'team', 'role', 'primary', 'primary_name', 'backup', 'backup_name'] as const;

/** `ownership.csv`: one row per workflow and role, RFC 4180 (CRLF, quotes only where needed). */
export function ownershipCsv(site: Site): string {
  const rows = site.workflows.flatMap((w) =>
    Object.entries(owners(site, w)).map(([role, { primary, backup }]) =>
      [w.id, w.fm.title, w.fm.status, w.fm.team ?? '', role, primary?.id ?? '', primary?.name ?? '', backup?.id ?? '', backup?.name ?? ''].map(safeCell),
    ),
  );
  return stringify([[...OWNERSHIP_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
