import { reviewDue } from '../../audit/review.ts';
import { humanDate } from '../../dates.ts';
import type { Site, Workflow } from '../../model.ts';
import { renderMarkdown } from '../markdown.ts';
import { escalationMermaid, escalationSteps } from '../mermaid.ts';
import { projectPath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import { contactLinks, durationText, fixerOf, gapsOf, personRef, reviewState, statusBadge, teamRef } from '../view.ts';
import { metricCards } from './metrics.ts';
import { fallbackTarget, ownerRows } from './owners.ts';
import type { PageSpec } from './page.ts';
import { healthOf } from './rows.ts';

/** Runbook: is it healthy, who do I call right now, what do I do? */
export function runbookPage(ctx: RenderContext, workflow: Workflow): PageSpec {
  const path = runbookPath(workflow.id);
  const root = rootOf(path);
  const { site, now } = ctx;
  const { fm } = workflow;
  const body = renderMarkdown(workflow, site, path);
  const ids = sectionIds(workflow);
  const escalation = escalationView(ctx, workflow, root);
  const fallback = fm.fallback.map((f) => ({ when: f.when, action: f.action ?? '', ...fallbackTarget(site, workflow, f.to, root, now) }));
  const team = teamRef(site, fm.team, root);
  const source = sourceView(ctx, workflow);
  return {
    path,
    kind: 'runbook',
    title: fm.title,
    nav: 'runbooks',
    description: fm.summary,
    view: {
      id: workflow.id,
      file: source.path,
      breadcrumbs: [{ name: 'Runbooks', href: `${root}index.html` }, ...(team ? [{ name: team.name, href: team.href }] : [])],
      status: statusBadge(fm.status),
      health: healthOf(ctx, workflow),
      title: fm.title,
      version: fm.version ?? '',
      summary: fm.summary,
      tags: fm.tags,
      gaps: gapList(ctx, workflow, root),
      call: callCard(site, workflow, root, now),
      metrics: metricCards(workflow),
      metricsRequired: site.config.required[fm.status].metrics,
      ids,
      toc: [
        ...(escalation.show ? [{ href: `#${ids.escalation}`, text: 'Escalation path' }] : []),
        ...(fallback.length ? [{ href: `#${ids.fallback}`, text: 'Goes to a human' }] : []),
        ...workflow.sections.map((s) => ({ href: `#${encodeURIComponent(s.slug)}`, text: s.heading })),
        { href: `#${ids.facts}`, text: 'Owners and facts' },
      ],
      escalation,
      fallback,
      body: body.html,
      facts: { ...factsView(site, workflow, root, now), source },
      retired: fm.status === 'retired',
    },
  };
}

/** Our own anchors, kept clear of the body's heading ids. */
function sectionIds(workflow: Workflow) {
  const free = (base: string) => {
    let id = base;
    for (let n = 2; workflow.anchors.has(id); n++) id = `${base}-${n}`;
    return id;
  };
  return { escalation: free('escalation-path'), fallback: free('goes-to-a-human'), facts: free('owners-and-facts'), health: free('health'), call: free('call-now') };
}

function gapList(ctx: RenderContext, workflow: Workflow, root: string) {
  return gapsOf(ctx.gaps, workflow.id).map((gap) => {
    const fixer = fixerOf(gap, workflow, ctx.site);
    return { rule: gap.rule, message: gap.message, fixer: fixer ? { role: fixer.role, person: personRef(ctx.site, fixer.person, root, ctx.now) } : null };
  });
}

/**
 * The first responder and backup with ways to reach them, the response target and the first channel.
 * Without a responder, the card names who to call instead: escalation level 1, else the maintainer.
 */
function callCard(site: Site, workflow: Workflow, root: string, now: string) {
  const { owners, escalation, status } = workflow.fm;
  const who = (id: string | undefined) => (id ? { person: personRef(site, id, root, now), contacts: contactLinks(site.person.get(id)) } : null);
  const first = escalation?.levels[0];
  const missing = !owners.responder?.primary;
  const maintainer = missing && !first ? who(owners.maintainer?.primary) : null;
  return {
    label: site.config.roles.responder ?? 'First responder',
    primary: who(owners.responder?.primary),
    backup: who(owners.responder?.backup),
    required: site.config.required[status].primary.includes('responder'),
    target: escalation?.response_target ? durationText(escalation.response_target) : '',
    via: first?.via ?? '',
    firstLevel: missing && first ? first.notify.map((id) => notifyRef(site, id, root, now)) : [],
    instead: maintainer ? { ...maintainer, label: site.config.roles.maintainer ?? 'Maintainer' } : null,
  };
}

/** A notify id is a person or a team. */
function notifyRef(site: Site, id: string, root: string, now: string) {
  if (site.person.has(id)) return personRef(site, id, root, now);
  const team = teamRef(site, id, root)!;
  return { id, name: `${team.name} (team)`, href: team.href, left: false, away: '' };
}

/** Escalation levels as an ordered list (the diagram's text alternative, same wording), plus the diagram source. */
function escalationView(ctx: RenderContext, workflow: Workflow, root: string) {
  const escalation = workflow.fm.escalation;
  const levels = escalationSteps(workflow, ctx.site).map((step) => ({
    number: step.level,
    when: step.after,
    people: step.people.map((p) => (ctx.site.person.has(p.id) ? personRef(ctx.site, p.id, root, ctx.now) : { ...p, href: p.href ? root + p.href : '', left: false, away: '' })),
    via: step.via ?? '',
  }));
  const mermaid = escalationMermaid(workflow, ctx.site) ?? '';
  return {
    show: levels.length > 0 || mermaid !== '',
    levels,
    mermaid,
    target: escalation?.response_target ? durationText(escalation.response_target) : '',
    repeat: escalation?.repeat ?? 0,
  };
}

/** Owners, change rules, handover, review and the rest of the frontmatter, for the facts section. */
function factsView(site: Site, workflow: Workflow, root: string, now: string) {
  const { fm } = workflow;
  const label = (role: string) => site.config.roles[role] ?? role;
  const due = fm.status === 'retired' ? null : reviewDue(workflow, site.config);
  return {
    owners: ownerRows(site, workflow, root, now),
    changes: Object.entries(fm.changes).map(([kind, roles]) => ({ kind, roles: roles.map(label) })),
    handover: fm.handover?.date || fm.handover?.first_week
      ? { date: fm.handover.date ? humanDate(fm.handover.date) : '', firstWeek: fm.handover.first_week ? personRef(site, fm.handover.first_week, root, now) : null }
      : null,
    review: {
      last: fm.review?.last ? humanDate(fm.review.last) : '',
      by: fm.review?.by ? personRef(site, fm.review.by, root, now) : null,
      every: durationText(fm.review?.every ?? site.config.review.every),
      next: due ? reviewState(due, now, site.config.review.dueSoonDays) : null,
    },
    runs: fm.runs ?? '',
    inputs: fm.inputs,
    outputs: fm.outputs,
    tags: fm.tags,
    extra: Object.entries(fm.extra).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value) })),
  };
}

/** The "Source" row: the file's path from the project root, and an "Edit this page" link when `editUrl` is set. */
function sourceView(ctx: RenderContext, workflow: Workflow) {
  const path = projectPath(ctx.root, workflow.file);
  const { editUrl } = ctx.site.config;
  return { path, edit: editUrl ? editUrl.replace('{path}', path.split('/').map(encodeURIComponent).join('/')) : '' };
}
