import { stringify } from 'csv-stringify/sync';
import type { Facts, Holder, WorkflowFacts } from '../../facts/index.ts';
import type { Site } from '../../site.ts';
import { callJson } from './report.ts';

type Ref = { id: string; name: string } | null;

const ref = (holder: Holder | null): Ref => (holder ? { id: holder.id, name: holder.name } : null);

/** Every configured role of a workflow, in the config's column order; a role nobody holds is null/null. */
function owners(facts: WorkflowFacts): Record<string, { primary: Ref; backup: Ref }> {
  return Object.fromEntries(facts.roles.map((r) => [r.role, { primary: ref(r.primary), backup: ref(r.backup) }]));
}

/** `ownership.json`: the roles, then each workflow's primary and backup per role, and who to call as of `generated`. */
export function ownershipJson(site: Site, facts: Facts): string {
  const roles = Object.entries(site.config.roles).map(([id, label]) => ({ id, label }));
  const workflows = site.workflows.map((w) => {
    const today = facts.workflows.get(w.id)!;
    return { id: w.id, title: w.fm.title, status: w.fm.status, team: w.fm.team ?? null, owners: owners(today), call: callJson(today) };
  });
  return `${JSON.stringify({ generated: facts.now, roles, workflows }, null, 2)}\n`;
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
export function ownershipCsv(site: Site, facts: Facts): string {
  const rows = site.workflows.flatMap((w) =>
    Object.entries(owners(facts.workflows.get(w.id)!)).map(([role, { primary, backup }]) =>
      [w.id, w.fm.title, w.fm.status, w.fm.team ?? '', role, primary?.id ?? '', primary?.name ?? '', backup?.id ?? '', backup?.name ?? ''].map(safeCell),
    ),
  );
  return stringify([[...OWNERSHIP_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
