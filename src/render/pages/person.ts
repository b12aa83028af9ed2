import type { Workflow } from '../../site.ts';
import type { Person } from '../../schema/people.ts';
import { shortRange } from '../../core/words.ts';
import { personPath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import { awayText, byText, contactLinks, reviewBadge, statusBadge, teamRef } from '../view.ts';
import { stepWhen } from './calls.ts';
import type { PageOf } from './page.ts';
import { roleCounts } from './people.ts';
import { drillView } from './practice.ts';
import { humanDate } from '../../core/dates.ts';

/** Person: what do I own, what reviews am I due, when am I away, where am I called? */
export function personPage(ctx: RenderContext, person: Person): PageOf<'person'> {
  const path = personPath(person.id);
  const root = rootOf(path);
  const { site, now } = ctx;
  const mine = ctx.facts.people.get(person.id)!;
  const link = (w: Workflow) => ({ title: w.fm.title, href: root + runbookPath(w.id), status: statusBadge(w.fm.status) });
  // One line per workflow, with every role held there in config order: "Operations owner, First responder".
  const roles = (slot: 'primary' | 'backup') => {
    const byWorkflow = new Map<Workflow, string[]>();
    for (const h of mine.held.filter((h) => h.slot === slot)) byWorkflow.set(h.workflow, [...(byWorkflow.get(h.workflow) ?? []), site.config.roles[h.role] ?? h.role]);
    return [...byWorkflow]
      .map(([w, labels]) => ({ ...link(w), role: labels.join(', ') }))
      .sort((a, b) => byText(a.title, b.title) || byText(a.href, b.href));
  };
  const reviews = mine.reviews.map((r) => ({ ...link(r.workflow), review: reviewBadge(r.review), as: r.review.runner!.role }));
  const escalations = mine.calls.map((c) => ({
    ...link(c.workflow),
    level: c.level,
    after: stepWhen(c.afterMinutes),
  }));
  const counts = roleCounts(ctx, person.id);
  return {
    path,
    kind: 'person',
    title: person.name,
    view: {
      name: person.name,
      title: person.title ?? '',
      team: teamRef(ctx, person.team, root),
      left: !person.active,
      awayNow: mine.availability.state === 'away-now' ? awayText(mine.availability) : '',
      held: counts.primary + counts.backup,
      counts,
      contacts: contactLinks(person),
      timezone: person.timezone ?? '',
      primary: roles('primary'),
      backup: roles('backup'),
      reviews,
      escalations,
      drills: mine.drills.map(({ workflow, drill }) => ({ ...link(workflow), drill: drillView(ctx, drill, ctx.facts.workflows.get(workflow.id)!.practice.responseTargetMinutes, root) })),
      drillsDue: mine.drillsDue.map(({ workflow, due }) => ({ ...link(workflow), due: humanDate(due), overdue: due < now })),
      ics: 'reviews.ics',
      away: [...person.away]
        .sort((a, b) => byText(a.from, b.from))
        .map((a) => ({ range: shortRange(a.from, a.to), year: a.to.slice(0, 4), note: a.note ?? '', state: a.to < now ? 'past' : a.from <= now ? 'now' : 'upcoming' })),
    },
  };
}
