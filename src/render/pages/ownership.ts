import type { Workflow } from '../../model.ts';
import { rootOf, type RenderContext } from '../types.ts';
import { byText, statusBadge, teamRef } from '../view.ts';
import { ownerRows } from './owners.ts';
import type { PageSpec } from './page.ts';
import { byStatusThenTitle } from './rows.ts';

/** Ownership matrix: workflows (grouped by team) by configured roles; who owns this? */
export function ownershipPage(ctx: RenderContext): PageSpec {
  const path = 'ownership/index.html';
  const root = rootOf(path);
  const { site, now } = ctx;
  const roles = Object.entries(site.config.roles).map(([id, label]) => ({ id, label }));
  const row = (w: Workflow) => {
    const held = new Map(ownerRows(site, w, root, now).map((r) => [r.role, r]));
    return {
      id: w.id,
      title: w.fm.title,
      href: `${root}runbooks/${w.id}/index.html`,
      status: statusBadge(w.fm.status),
      team: w.fm.team ?? '',
      cells: roles.map(({ id, label }) => {
        const cell = held.get(id);
        return { label, primary: cell?.primary ?? null, backup: cell?.backup ?? null, primaryMissing: cell?.primaryMissing ?? false, backupMissing: cell?.backupMissing ?? false, sort: cell?.primary?.name ?? '' };
      }),
    };
  };
  const teamIds = [...site.teams.map((t) => t.id), ''];
  const groups = teamIds
    .map((id) => {
      const workflows = site.workflows.filter((w) => (id ? w.fm.team === id : !w.fm.team || !site.team.has(w.fm.team))).sort(byStatusThenTitle);
      return { team: teamRef(site, id || undefined, root) ?? { id: '', name: 'No team', href: '' }, colspan: roles.length + 1, rows: workflows.map(row) };
    })
    .filter((g) => g.rows.length);
  const statuses = [...new Set(site.workflows.map((w) => w.fm.status))].map(statusBadge).sort((a, b) => byText(a.label, b.label));
  return {
    path,
    kind: 'ownership',
    title: 'Ownership',
    nav: 'ownership',
    view: { roles, groups, teams: groups.map((g) => g.team), statuses, csv: `${root}ownership.csv`, json: `${root}ownership.json`, count: site.workflows.length },
  };
}
