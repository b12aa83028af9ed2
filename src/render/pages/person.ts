import { reviewDue } from '../../audit/review.ts';
import type { Workflow } from '../../model.ts';
import type { Person } from '../../schema/people.ts';
import { escalationSteps } from '../mermaid.ts';
import { personPath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, contactLinks, reviewState, shortRange, statusBadge, teamRef } from '../view.ts';
import type { PageSpec } from './page.ts';
import { roleCounts } from './people.ts';

/** Person: what do I own, what reviews am I due, when am I away? */
export function personPage(ctx: RenderContext, person: Person): PageSpec {
  const path = personPath(person.id);
  const root = rootOf(path);
  const { site, now } = ctx;
  const live = site.workflows.filter((w) => w.fm.status !== 'retired');
  const link = (w: Workflow) => ({ title: w.fm.title, href: root + runbookPath(w.id), status: statusBadge(w.fm.status) });
  const roles = (slot: 'primary' | 'backup') =>
    live.flatMap((w) =>
      Object.entries(site.config.roles)
        .filter(([role]) => w.fm.owners[role]?.[slot] === person.id)
        .map(([, label]) => ({ ...link(w), role: label })),
    ).sort((a, b) => byText(a.title, b.title) || byText(a.role, b.role));
  const reviews = live
    .filter((w) => w.fm.owners.operations?.primary === person.id)
    .map((w) => ({ ...link(w), review: reviewState(reviewDue(w, site.config), now, site.config.review.dueSoonDays) }))
    .sort((a, b) => byText(a.review.due || '9999', b.review.due || '9999') || byText(a.title, b.title));
  const escalations = live.flatMap((w) =>
    escalationSteps(w, site)
      .filter((step) => step.people.some((p) => p.id === person.id))
      .map((step) => ({ ...link(w), level: step.level, after: step.after })),
  );
  const counts = roleCounts(site, person.id);
  return {
    path,
    kind: 'person',
    title: person.name,
    nav: 'people',
    view: {
      name: person.name,
      title: person.title ?? '',
      team: teamRef(site, person.team, root),
      left: !person.active,
      held: counts.primary + counts.backup,
      contacts: contactLinks(person),
      timezone: person.timezone ?? '',
      primary: roles('primary'),
      backup: roles('backup'),
      reviews,
      escalations,
      away: [...person.away]
        .sort((a, b) => byText(a.from, b.from))
        .map((a) => ({ range: shortRange(a.from, a.to), year: a.to.slice(0, 4), note: a.note ?? '', state: a.to < now ? 'past' : a.from <= now ? 'now' : 'upcoming' })),
    },
  };
}
