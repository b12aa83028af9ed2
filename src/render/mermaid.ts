import { formatWait } from '../core/words.ts';
import type { CallEntry, FallbackFact, Holder, WorkflowFacts } from '../facts/index.ts';
import { stepWait, stepWhen } from './pages/calls.ts';
import { awayText } from './view.ts';

/**
 * Content text made inert inside a quoted Mermaid label. Everything but letters, digits and a few
 * harmless marks becomes a Mermaid entity (`#60;`), which Mermaid turns into an HTML character
 * reference (`&#60;`) when it draws the label: it can close no string, start no comment or
 * directive (`%%`), add no edge or `click`, and can never become a tag.
 */
export function mermaidText(text: string): string {
  return [...text.replace(/\s+/g, ' ').trim()].map((char) => (/^[\p{L}\p{N} .,()/]$/u.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
}

/**
 * The classes the theme colours (theme/runbook.css, `.diagram .level`): fills come from the page's
 * own light or dark palette, so the boxes follow the reader's colour scheme and print light.
 */
const STYLES = ['  classDef level stroke-width:1.5px', '  classDef fallback stroke-width:1.5px'];

/** A name as the diagram shows it, with today's absence when there is one. */
function holderLabel(holder: Holder): string {
  const name = mermaidText(holder.kind === 'team' ? `${holder.name} (team)` : holder.name);
  if (holder.availability.state === 'left') return `${name} <small>(left)</small>`;
  return holder.availability.state === 'away-now' ? `${name} <small>(${mermaidText(awayText(holder.availability))})</small>` : name;
}

function entryLabel(entry: CallEntry): string {
  const instead = entry.instead ? `<br/><small>call instead: ${mermaidText(entry.instead.name)}</small>` : '';
  return holderLabel(entry.holder) + instead;
}

/** Mermaid flowchart source for the call list and the human fallbacks, or null when there are neither. */
export function escalationMermaid(facts: WorkflowFacts): string | null {
  const { calls, fallback } = facts;
  const levels = calls.source === 'escalation' ? calls.steps : [];
  if (levels.length === 0 && fallback.length === 0) return null;
  const lines = ['flowchart LR'];
  if (levels.length > 0) lines.push(...levelLines(facts));
  if (fallback.length > 0) lines.push(...fallbackLines(fallback));
  lines.push(...STYLES);
  if (levels.length > 0) lines.push(`  class ${levels.map((s) => `L${s.level}`).join(',')} level`);
  if (fallback.length > 0) lines.push(`  class fb,${fallback.map((_, i) => `f${i + 1}`).join(',')} fallback`);
  return `${lines.join('\n')}\n`;
}

function levelLines({ calls }: WorkflowFacts): string[] {
  const target = calls.responseTargetMinutes;
  const trigger = target !== null ? `Workflow stops or misbehaves<br/><small>first human response within ${formatWait(target)}</small>` : 'Workflow stops or misbehaves';
  const lines = [`  start(["${trigger}"])`];
  const last = calls.steps.length;
  for (const step of calls.steps) {
    const parts = [`<b>Level ${step.level}</b> · ${stepWhen(step.afterMinutes)}`, step.entries.map(entryLabel).join(', ')];
    if (step.via) parts.push(`<small>${mermaidText(step.via)}</small>`);
    if (calls.repeat > 0 && step.level === last) parts.push(`<small>repeats ${calls.repeat}× at level ${step.level}</small>`);
    lines.push(`  L${step.level}["${parts.join('<br/>')}"]`);
  }
  lines.push('  start --> L1');
  for (let i = 1; i < calls.steps.length; i++) lines.push(`  L${i} -- "${stepWait(calls, i)}" --> L${i + 1}`);
  return lines;
}

/** Who a fallback case goes to: `First responder: Nia Brooks` for a role, the name for a person. */
export function fallbackTarget(item: FallbackFact): string {
  const name = item.holder ? item.holder.name : 'no owner named';
  const who = item.role ? `${item.role}: ${name}` : name;
  return item.instead ? `${who}, away today: ${item.instead.name} instead` : who;
}

function fallbackLines(fallback: FallbackFact[]): string[] {
  const lines = ['  fb{{"Goes to a human, never the workflow"}}'];
  fallback.forEach((item, i) => {
    lines.push(`  f${i + 1}["${mermaidText(item.when)}<br/>→ ${mermaidText(fallbackTarget(item))}"]`);
    lines.push(`  fb --> f${i + 1}`);
  });
  return lines;
}
