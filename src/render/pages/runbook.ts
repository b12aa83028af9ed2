import { durationText } from '../../core/words.ts';
import { plainGap } from '../plain.ts';
import { humanDate } from '../../core/dates.ts';
import type { WorkflowFacts } from '../../facts/index.ts';
import type { Workflow } from '../../site.ts';
import { renderMarkdown } from '../markdown.ts';
import { escalationMermaid } from '../mermaid.ts';
import { projectPath, rootOf, runbookPath, type RenderContext } from '../types.ts';
import { factsOf, fixerRef, holderRef, personRef, reviewBadge, statusBadge, teamRef } from '../view.ts';
import { callCard, escalationList, fallbackRows } from './calls.ts';
import { metricCards } from './metrics.ts';
import { ownerRows } from './owners.ts';
import { changedView, practiceView, readinessView, signalsView } from './practice.ts';
import type { PageOf } from './page.ts';
import { healthOf } from './rows.ts';

/** Runbook: is it healthy, who do I call right now, what do I do? */
export function runbookPage(ctx: RenderContext, workflow: Workflow): PageOf<'runbook'> {
  const path = runbookPath(workflow.id);
  const root = rootOf(path);
  const { site } = ctx;
  const { fm } = workflow;
  const facts = factsOf(ctx, workflow.id);
  const body = renderMarkdown(workflow, site, path);
  const ids = sectionIds(workflow);
  const escalation = escalationView(ctx, facts, root);
  const fallback = fallbackRows(facts.fallback, root);
  const team = teamRef(ctx, fm.team, root);
  const source = sourceView(ctx, workflow);
  const practice = practiceView(ctx, facts, root);
  const missing = missingSections(ctx, workflow, facts, escalation.show, root);
  // One contents entry each for escalation and practice: the path and the drills above, when the body also has such a section.
  const bodyToc = workflow.sections.filter((s) => !(escalation.show && s.key === 'escalation') && !(practice.show && s.key === 'practice'));
  return {
    path,
    kind: 'runbook',
    title: fm.title,
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
      gaps: facts.gaps.map((gap) => ({ rule: gap.gap.rule, message: plainGap(gap.gap.message), fixer: fixerRef(ctx, gap, root) })),
      call: callCard(ctx, facts, root),
      metrics: metricCards(facts.metrics),
      metricsRequired: site.config.required[fm.status].metrics,
      ids,
      toc: [
        ...(escalation.show ? [{ href: `#${ids.escalation}`, text: workflow.sections.some((s) => s.key === 'escalation') ? 'Escalation' : 'Escalation path' }] : []),
        ...(fallback.length ? [{ href: `#${ids.fallback}`, text: 'Goes to a human' }] : []),
        ...(practice.show ? [{ href: `#${ids.practice}`, text: 'Practice' }] : []),
        ...bodyToc.map((s) => ({ href: `#${encodeURIComponent(s.slug)}`, text: s.heading })),
        ...missing.map((m) => ({ href: `#${m.id}`, text: m.title })),
        { href: `#${ids.facts}`, text: 'Owners and facts' },
      ],
      escalation,
      fallback,
      body: body.html,
      practice,
      readiness: readinessView(facts),
      signals: signalsView(ctx, facts, root),
      missingSections: missing,
      facts: { ...factsView(ctx, facts, root), source },
      retired: fm.status === 'retired',
    },
  };
}

/** What a reader sees where a core section should be. */
const NOT_WRITTEN: Record<string, string> = {
  purpose: 'No purpose written yet: what this workflow does, and what it must not do.',
  process: 'No normal process written yet.',
  exceptions: 'No exceptions written yet: what goes wrong, how it shows, what to do.',
  escalation: 'No escalation notes written yet.',
  rollback: 'No rollback steps written yet.',
};

/**
 * The core sections (those a production runbook requires) this body lacks, whatever
 * its own status requires: a week-one reader learns there is none, and who can write it (the care owner).
 * A retired runbook is kept for reference and gets none. Escalation is left out while the escalation path above already says who is called.
 */
function missingSections(ctx: RenderContext, workflow: Workflow, facts: WorkflowFacts, escalationShown: boolean, root: string) {
  const { config } = ctx.site;
  if (workflow.fm.status === 'retired') return [];
  const writer = facts.care ? { ...holderRef(facts.care.holder, root), role: facts.care.role } : null;
  return config.required.production.sections
    .filter((key) => !(key === 'escalation' && escalationShown))
    .filter((key) => !workflow.sections.some((s) => s.key === key))
    .map((key) => {
      const title = config.sections[key]?.title ?? key;
      return { id: freeId(workflow, `${key}-not-written`), title, text: NOT_WRITTEN[key] ?? `No ${title} section written yet.`, writer };
    });
}

function freeId(workflow: Workflow, base: string): string {
  let id = base;
  for (let n = 2; workflow.anchors.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Our own anchors, kept clear of the body's heading ids. */
function sectionIds(workflow: Workflow) {
  const free = (base: string) => {
    let id = base;
    for (let n = 2; workflow.anchors.has(id); n++) id = `${base}-${n}`;
    return id;
  };
  return { escalation: free('escalation-path'), fallback: free('goes-to-a-human'), facts: free('owners-and-facts'), health: free('health'), call: free('call-now'), practice: free('practice-drills'), readiness: free('ready-for-routine-care'), signals: free('logs-and-alerts') };
}

/** The escalation section: the diagram source and its text list, both drawn from the call list. */
function escalationView(ctx: RenderContext, facts: WorkflowFacts, root: string) {
  const levels = escalationList(ctx, facts, root);
  const mermaid = escalationMermaid(facts) ?? '';
  const { calls } = facts;
  return {
    show: levels.length > 0 || mermaid !== '',
    levels,
    mermaid,
    target: calls.responseTargetMinutes !== null ? durationText(facts.workflow.fm.escalation!.response_target!) : '',
    repeat: calls.repeat,
  };
}

/** Owners, change rules, handover, review and the rest of the frontmatter, for the facts section. */
function factsView(ctx: RenderContext, facts: WorkflowFacts, root: string) {
  const { site } = ctx;
  const { fm } = facts.workflow;
  const label = (role: string) => site.config.roles[role] ?? role;
  return {
    owners: ownerRows(ctx, facts.roles, root),
    changes: Object.entries(fm.changes).map(([kind, roles]) => ({ kind, roles: roles.map(label) })),
    handover: fm.handover?.date || fm.handover?.first_week
      ? { date: fm.handover.date ? humanDate(fm.handover.date) : '', firstWeek: fm.handover.first_week ? personRef(ctx, fm.handover.first_week, root) : null }
      : null,
    review: {
      last: fm.review?.last ? humanDate(fm.review.last) : '',
      by: fm.review?.by ? personRef(ctx, fm.review.by, root) : null,
      every: durationText(fm.review?.every ?? site.config.review.every),
      next: facts.review.due ? reviewBadge(facts.review) : null,
      runner: facts.review.runner ? { role: facts.review.runner.role, person: personRef(ctx, facts.review.runner.person, root) } : null,
    },
    changed: changedView(ctx, facts.churn, root),
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
