import type { Workflow } from '../../site.ts';
import { rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, factsOf, groupByTeam, statusBadge } from '../view.ts';
import { ownerRow } from './owners.ts';
import type { PageOf } from './page.ts';
import { byStatusThenTitle } from './rows.ts';

/** Ownership matrix: workflows (grouped by team) by configured roles; who owns this? */
export function ownershipPage(ctx: RenderContext): PageOf<'ownership'> {
  const path = 'ownership/index.html';
  const root = rootOf(path);
  const { site } = ctx;
  const roles = Object.entries(site.config.roles).map(([id, label]) => ({ id, label }));
  const row = (w: Workflow) => ({
    id: w.id,
    title: w.fm.title,
    href: root + runbookPath(w.id),
    status: statusBadge(w.fm.status),
    team: w.fm.team ?? '',
    cells: factsOf(ctx, w.id).roles.map((role) => {
      const cell = ownerRow(ctx, role, root);
      return { label: cell.label, primary: cell.primary, backup: cell.backup, primaryMissing: cell.primaryMissing, backupMissing: cell.backupMissing, sort: cell.primary?.name ?? '' };
    }),
  });
  const groups = groupByTeam(ctx, root, [...site.workflows].sort(byStatusThenTitle), (w) => w.fm.team).map(({ team, items }) => ({ team, colspan: roles.length + 1, rows: items.map(row) }));
  const statuses = [...new Set(site.workflows.map((w) => w.fm.status))].map(statusBadge).sort((a, b) => byText(a.label, b.label));
  return {
    path,
    kind: 'ownership',
    title: 'Ownership',
    view: { roles, groups, teams: groups.map((g) => g.team), statuses, csv: `${root}ownership.csv`, json: `${root}ownership.json`, count: site.workflows.length },
  };
}
