import { durationText } from '../../core/words.ts';
import type { WorkflowFacts } from '../../facts/index.ts';
import type { Workflow } from '../../site.ts';
import { renderMarkdown } from '../markdown.ts';
import { rootOf, runbookPath, type RenderContext } from '../types.ts';
import { factsOf, statusBadge } from '../view.ts';
import { escalationList, fallbackRows } from './calls.ts';
import { ownerRows } from './owners.ts';
import type { PageOf } from './page.ts';
import { byStatusThenTitle } from './rows.ts';
import { isActive } from './stats.ts';

/**
 * The offline binder: every active runbook on one printable page (who to call, in order, the escalation
 * as text, the fallback cases, rollback and restart, owners), for the day the site host is down.
 */
export function binderPage(ctx: RenderContext): PageOf<'binder'> {
  const path = 'binder/index.html';
  const root = rootOf(path);
  const workflows = ctx.site.workflows.filter(isActive).sort(byStatusThenTitle);
  return {
    path,
    kind: 'binder',
    title: 'Binder',
    view: {
      siteTitle: ctx.site.config.title,
      now: ctx.now,
      count: workflows.length,
      entries: workflows.map((w) => binderEntry(ctx, w, factsOf(ctx, w.id), root, path)),
    },
  };
}

function binderEntry(ctx: RenderContext, workflow: Workflow, facts: WorkflowFacts, root: string, path: string) {
  const { fm } = workflow;
  return {
    id: `binder-${workflow.id.replace(/[^a-z0-9-]/g, '-')}`,
    title: fm.title,
    summary: fm.summary,
    status: statusBadge(fm.status),
    version: fm.version ?? '',
    levels: escalationList(ctx, facts, root),
    target: fm.escalation?.response_target ? durationText(fm.escalation.response_target) : '',
    fallback: fallbackRows(facts.fallback, root),
    rollback: sectionHtml(ctx, workflow, 'rollback', path, root),
    owners: ownerRows(ctx, facts.roles, root).filter((o) => o.primary || o.backup),
  };
}

/**
 * One top-level body section as safe HTML (its heading dropped), links resolved for the binder page; '' when
 * absent. Its ids are dropped (many runbooks share one page, so they would clash) and links within the
 * runbook (`#exceptions`, footnotes) go to the runbook's own page. Text in the sanitized HTML has `<` and
 * attribute values have `"` escaped, so the patterns below only ever meet real tags.
 */
function sectionHtml(ctx: RenderContext, workflow: Workflow, key: string, pagePath: string, root: string): string {
  const at = workflow.sections.findIndex((s) => s.key === key);
  if (at < 0 || workflow.sections[at]!.empty) return '';
  // Sections are top-level headings in order, so the HTML between two of them is whole blocks; only that part's links are filled.
  const { html: body } = workflow.body;
  const start = body.indexOf(`<h2 id="${workflow.sections[at]!.slug}">`);
  if (start < 0) return '';
  const next = workflow.sections[at + 1];
  const end = next ? body.indexOf(`<h2 id="${next.slug}">`, start + 1) : -1;
  const slice = renderMarkdown(workflow, ctx.site, pagePath, body.slice(start, end < 0 ? undefined : end)).html;
  const page = root + runbookPath(workflow.id);
  return slice
    .slice(slice.indexOf('</h2>') + '</h2>'.length)
    .trim()
    .replace(/(<[a-z][^<>]*?) id="[^"]*"/g, '$1')
    .replace(/(<a\b[^<>]*? href=")#/g, `$1${page}#`);
}
