import type { Team } from '../../schema/people.ts';
import { plainGap } from '../plain.ts';
import { rootOf, teamPath, type RenderContext } from '../types.ts';
import { byName, factsOf, personRef, teamRef } from '../view.ts';
import type { PageOf } from './page.ts';
import { personRow } from './people.ts';
import { byStatusThenTitle, workflowRow } from './rows.ts';
import { isActive } from './stats.ts';

/** Teams: who is in each, what they run, how many gaps. */
export function teamsPage(ctx: RenderContext): PageOf<'teams'> {
  const path = 'teams/index.html';
  const root = rootOf(path);
  const { site } = ctx;
  const teams = site.teams.map((team) => {
    const workflows = site.workflows.filter((w) => w.fm.team === team.id);
    return {
      ...teamRef(ctx, team.id, root)!,
      description: team.description ?? '',
      lead: team.lead ? personRef(ctx, team.lead, root) : null,
      members: site.people.filter((p) => p.team === team.id).length,
      workflows: workflows.length,
      active: workflows.filter(isActive).length,
      gaps: workflows.reduce((sum, w) => sum + factsOf(ctx, w.id).gaps.length, 0),
    };
  });
  return { path, kind: 'teams', title: 'Teams', view: { teams, peopleHref: `${root}people/index.html` } };
}

/** Team: members, workflows and their gaps. */
export function teamPage(ctx: RenderContext, team: Team): PageOf<'team'> {
  const path = teamPath(team.id);
  const root = rootOf(path);
  const { site } = ctx;
  const workflows = site.workflows.filter((w) => w.fm.team === team.id).sort(byStatusThenTitle);
  const members = site.people.filter((p) => p.team === team.id).sort(byName);
  const rows = workflows.map((w) => workflowRow(ctx, w, root));
  return {
    path,
    kind: 'team',
    title: team.name,
    description: team.description,
    view: {
      name: team.name,
      description: team.description ?? '',
      chat: team.chat ?? '',
      lead: team.lead ? personRef(ctx, team.lead, root) : null,
      teamsHref: `${root}teams/index.html`,
      members: members.map((p) => personRow(ctx, p, root)),
      rows,
      gaps: rows.map((row) => ({ title: row.title, href: row.href, gaps: factsOf(ctx, row.id).gaps.map((g) => plainGap(g.gap.message)) })).filter((w) => w.gaps.length),
    },
  };
}
