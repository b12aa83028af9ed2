import type { Person } from '../../schema/people.ts';
import { rootOf, type RenderContext } from '../types.ts';
import { byName, groupByTeam, personRef } from '../view.ts';
import type { PageOf } from './page.ts';

/** Roles a person holds in workflows that are not retired: primary and backup counts. */
export function roleCounts(ctx: RenderContext, id: string): { primary: number; backup: number } {
  const held = ctx.facts.people.get(id)?.held ?? [];
  return { primary: held.filter((h) => h.slot === 'primary').length, backup: held.filter((h) => h.slot === 'backup').length };
}

/** A person as a row of a people list. */
export function personRow(ctx: RenderContext, person: Person, root: string) {
  return { ...personRef(ctx, person.id, root), title: person.title ?? '', ...roleCounts(ctx, person.id) };
}

/** People, grouped by team in people.yaml order, with their role load. */
export function peoplePage(ctx: RenderContext): PageOf<'people'> {
  const path = 'people/index.html';
  const root = rootOf(path);
  const { site } = ctx;
  const groups = groupByTeam(ctx, root, [...site.people].sort(byName), (p) => p.team).map(({ team, items }) => ({ team, people: items.map((p) => personRow(ctx, p, root)) }));
  return {
    path,
    kind: 'people',
    title: 'People',
    view: { groups, count: site.people.length, teamsHref: `${root}teams/index.html` },
  };
}
