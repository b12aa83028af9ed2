/**
 * What a page is made from, as one key per page, for the kinds whose maker has one (see `PageMaker`):
 * the same key gives the same view, so a build keeps the page it made last time without making the view.
 * Each key takes the inputs its page reads whole (a text's hash, a workflow's facts, all of people.yaml),
 * not a list of the fields its template shows; test/page-inputs.test.ts edits every kind of input and
 * fails on any page that kept its key with a changed view.
 */
import { hash } from 'node:crypto';
import { resolveLink } from '../links.ts';
import type { Person } from '../schema/people.ts';
import type { Workflow } from '../site.ts';
import type { RenderContext } from './types.ts';
import { factsOf } from './view.ts';

/**
 * Everything `runbookPage` reads, as one key, so a build can keep the page it made last time without
 * making the view again (a third of an edit build's time at 1,000 runbooks). The view is a function of:
 * - the runbook's Markdown text (its frontmatter, body, sections and anchors) and its display path;
 * - its facts as of today (roles, calls, metrics, review, practice, churn, readiness and its gaps),
 *   which hold whatever the audit and the facts read of other files;
 * - where each of its links lands (another runbook's existence and anchors, a person, a file);
 * - people.yaml's people and teams, the config, `--now`, the base URL, the theme and the project root
 *   (`siteInputs`; the build record also keys on all but people.yaml).
 * Undefined when the check hashed no text (no cache): the page is then always made. Other pages that
 * show a runbook key on this too (a person's page). A change to what `runbookPage` reads must reach this
 * key: test/page-inputs.test.ts edits every kind of input and requires that a page whose key stayed the
 * same has the same view.
 */
export function runbookInputs(ctx: RenderContext, workflow: Workflow): string | undefined {
  const known = RUNBOOK_INPUTS.get(ctx) ?? RUNBOOK_INPUTS.set(ctx, new Map()).get(ctx)!;
  if (known.has(workflow)) return known.get(workflow);
  let key: string | undefined;
  if (workflow.sourceHash) {
    const f = factsOf(ctx, workflow.id);
    const links = workflow.body.slots.map((slot) => resolveLink(slot.url, workflow, ctx.site));
    const read = [siteInputs(ctx), workflow.sourceHash, workflow.file, f.roles, f.calls, f.fallback, f.metrics, f.review, f.care, f.practice, f.churn, f.readiness, f.gaps, links];
    key = hash('sha1', JSON.stringify(read), 'base64url');
  }
  known.set(workflow, key);
  return key;
}

/** Per build (a context), each runbook's key once: its page and the pages of the people in it read it. */
const RUNBOOK_INPUTS = new WeakMap<RenderContext, Map<Workflow, string | undefined>>();

const SITE_INPUTS = new WeakMap<RenderContext, string>();
const HASHED = new WeakMap<RenderContext, boolean>();

/** Whether the check hashed every runbook's text (it does when it used a cache): without, no page has a key. */
function textsHashed(ctx: RenderContext): boolean {
  let hashed = HASHED.get(ctx);
  if (hashed === undefined) HASHED.set(ctx, (hashed = ctx.site.workflows.every((workflow) => workflow.sourceHash !== undefined)));
  return hashed;
}

/** What every runbook page may read of the site besides its own runbook and facts: once per build. */
function siteInputs(ctx: RenderContext): string {
  let key = SITE_INPUTS.get(ctx);
  if (key === undefined) {
    const { site } = ctx;
    key = hash('sha1', JSON.stringify([site.people, site.teams, site.config, ctx.now, ctx.base, ctx.theme, ctx.root]), 'base64url');
    SITE_INPUTS.set(ctx, key);
  }
  return key;
}

/**
 * Everything `personPage` reads, as one key (see `runbookInputs`): the person's facts as of today, each
 * workflow in them by its runbook's key (which covers its text and its facts), and the site's inputs
 * (people.yaml, the config, the day). Undefined when the runbooks have no keys (no cache).
 */
export function personInputs(ctx: RenderContext, person: Person): string | undefined {
  if (!textsHashed(ctx)) return undefined;
  const mine = ctx.facts.people.get(person.id)!;
  const w = (workflow: Workflow) => runbookInputs(ctx, workflow);
  const read = [
    siteInputs(ctx),
    person.id,
    mine.availability,
    mine.held.map((h) => [w(h.workflow), h.role, h.slot]),
    mine.calls.map((c) => [w(c.workflow), c.level, c.afterMinutes]),
    mine.reviews.map((r) => [w(r.workflow), r.review]),
    mine.drills.map((d) => [w(d.workflow), d.drill]),
    mine.drillsDue.map((d) => [w(d.workflow), d.due]),
  ];
  return hash('sha1', JSON.stringify(read), 'base64url');
}
