import { reviewDue } from '../../audit/review.ts';
import type { Workflow } from '../../model.ts';
import type { Person } from '../../schema/people.ts';
import { personPath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import { byText, contactLinks, reviewState, shortRange, statusBadge, teamRef } from '../view.ts';
import { heldBy } from './held.ts';
import type { PageSpec } from './page.ts';
import { roleCounts } from './people.ts';

/** Person: what do I own, what reviews am I due, when am I away? */
export function personPage(ctx: RenderContext, person: Person): PageSpec {
  const path = personPath(person.id);
  const root = rootOf(path);
  const { site, now } = ctx;
  const held = heldBy(site);
  const link = (w: Workflow) => ({ title: w.fm.title, href: root + runbookPath(w.id), status: statusBadge(w.fm.status) });
  const mine = held.roles.get(person.id) ?? [];
  // One line per workflow, with every role held there in config order: "Operations owner, First responder".
  const roles = (slot: 'primary' | 'backup') => {
    const byWorkflow = new Map<Workflow, string[]>();
    for (const h of mine.filter((h) => h.slot === slot)) byWorkflow.set(h.workflow, [...(byWorkflow.get(h.workflow) ?? []), site.config.roles[h.role] ?? h.role]);
    return [...byWorkflow]
      .map(([w, labels]) => ({ ...link(w), role: labels.join(', ') }))
      .sort((a, b) => byText(a.title, b.title) || byText(a.href, b.href));
  };
  const reviews = mine
    .filter((h) => h.slot === 'primary' && h.role === 'operations')
    .map((h) => ({ ...link(h.workflow), review: reviewState(reviewDue(h.workflow, site.config), now, site.config.review.dueSoonDays) }))
    .sort((a, b) => byText(a.review.due || '9999', b.review.due || '9999') || byText(a.title, b.title));
  const escalations = (held.escalations.get(person.id) ?? []).map((e) => ({ ...link(e.workflow), level: e.level, after: e.after }));
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
      counts,
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
