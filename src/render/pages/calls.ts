import { dutyRoles } from '../../config.ts';
import { formatWait } from '../../core/words.ts';
import type { CallList, FallbackFact, WorkflowFacts } from '../../facts/index.ts';
import type { RenderContext } from '../types.ts';
import { contactLinks, holderRef } from '../view.ts';

/** How many steps of the call list the card shows; the rest are in the escalation path below it. */
const CARD_STEPS = 2;

/** `at once`, `after 30 min`, or `if no answer` for a list drawn from roles. */
export function stepWhen(afterMinutes: number | null): string {
  if (afterMinutes === null) return 'if no answer';
  return afterMinutes === 0 ? 'at once' : `after ${formatWait(afterMinutes)}`;
}

/** The wait between two steps, as the diagram's edges and the card say it. */
export function stepWait(list: CallList, i: number): string {
  const step = list.steps[i]!;
  const before = list.steps[i - 1];
  if (!before || step.afterMinutes === null || before.afterMinutes === null) return 'if no answer';
  const wait = step.afterMinutes - before.afterMinutes;
  return wait > 0 ? `no answer in ${formatWait(wait)}` : 'at the same time';
}

/** A step's people with contacts; anyone away today or gone names who to call instead. */
function stepView(ctx: RenderContext, list: CallList, i: number, root: string) {
  const step = list.steps[i]!;
  return {
    level: step.level,
    when: stepWhen(step.afterMinutes),
    heading: i === 0 ? 'Call first' : `Then, ${stepWait(list, i)}`,
    via: step.via,
    entries: step.entries.map((entry) => ({
      person: holderRef(entry.holder, root),
      roles: entry.roles.join(', '),
      contacts: entry.holder.kind === 'person' ? contactLinks(ctx.site.person.get(entry.holder.id)) : [],
      instead: entry.instead === undefined ? null : { person: entry.instead ? holderRef(entry.instead, root) : null, contacts: entry.instead ? contactLinks(ctx.site.person.get(entry.instead.id)) : [] },
    })),
  };
}

/** "Call now": the first steps of the call list, the response target, and what is missing when there is no list. */
export function callCard(ctx: RenderContext, facts: WorkflowFacts, root: string) {
  const { calls } = facts;
  const steps = calls.steps.slice(0, CARD_STEPS).map((_, i) => stepView(ctx, calls, i, root));
  return {
    steps,
    more: Math.max(0, calls.steps.length - CARD_STEPS),
    fromRoles: facts.roles.find((r) => r.role === calls.role)?.label ?? '',
    missing: calls.source === 'escalation' ? null : missingCall(ctx, facts),
    nobody: calls.source === 'none',
    target: calls.responseTargetMinutes !== null ? formatWait(calls.responseTargetMinutes) : '',
  };
}

/** Without escalation levels: the role that should be called first when nobody holds it, and whether the status requires it. */
function missingCall(ctx: RenderContext, facts: WorkflowFacts) {
  const first = facts.roles.find((r) => r.role === dutyRoles(ctx.site.config, 'call')[0]);
  if (first?.primary) return null;
  return { label: first?.label ?? 'owner', required: first?.requiresPrimary ?? false };
}

/** The escalation levels as an ordered list: the diagram's text alternative, in the same words. */
export function escalationList(ctx: RenderContext, facts: WorkflowFacts, root: string) {
  return facts.calls.source === 'escalation' ? facts.calls.steps.map((_, i) => stepView(ctx, facts.calls, i, root)) : [];
}

/** The fallback table: each case, who it goes to, and who instead when they are away today. */
export function fallbackRows(fallback: FallbackFact[], root: string) {
  return fallback.map((f) => ({
    when: f.when,
    action: f.action,
    role: f.role ?? '',
    person: f.holder ? holderRef(f.holder, root) : null,
    instead: f.instead ? holderRef(f.instead, root) : null,
  }));
}
