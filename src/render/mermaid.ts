import type { Site, Workflow } from '../model.ts';
import { durationMinutes } from '../schema/common.ts';
import { personPath, teamPath } from './types.ts';
import { fallbackHolder } from './fallback.ts';

/** One escalation level as plain data, for the text list beside the diagram. */
export interface EscalationStep {
  level: number;
  /** `at once` or `after 30 min`. */
  after: string;
  afterMinutes: number;
  /** People and teams to notify, by name; `href` is site-root-relative (prefix it with rootOf(page)). */
  people: { id: string; name: string; href?: string }[];
  via?: string;
}

/**
 * Content text made inert inside a quoted Mermaid label. Everything but letters, digits and a few
 * harmless marks becomes a Mermaid entity (`#60;`), which Mermaid turns into an HTML character
 * reference (`&#60;`) when it draws the label: it can close no string, start no comment or
 * directive (`%%`), add no edge or `click`, and can never become a tag.
 */
export function mermaidText(text: string): string {
  return [...text.replace(/\s+/g, ' ').trim()].map((char) => (/^[\p{L}\p{N} .,()/]$/u.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
}

/** `90` -> `1 h 30 min`, `2880` -> `2 days`: waits people read at a glance. */
export function formatWait(minutes: number): string {
  const units: [number, string, string][] = [
    [10080, ' week', ' weeks'],
    [1440, ' day', ' days'],
    [60, ' h', ' h'],
    [1, ' min', ' min'],
  ];
  const parts: string[] = [];
  let left = minutes;
  for (const [size, one, many] of units) {
    const count = Math.floor(left / size);
    if (count > 0) parts.push(`${count}${count === 1 ? one : many}`);
    left -= count * size;
  }
  return parts.join(' ') || '0 min';
}

/** The escalation levels in order, each with its wait, the people and teams by name, and the channel. */
export function escalationSteps(workflow: Workflow, site: Site): EscalationStep[] {
  return (workflow.fm.escalation?.levels ?? []).map((level, i) => {
    const afterMinutes = durationMinutes(level.after);
    const people = level.notify.map((id) => {
      const person = site.person.get(id);
      if (person) return { id, name: person.name, href: personPath(id) };
      const team = site.team.get(id);
      return team ? { id, name: team.name, href: teamPath(id) } : { id, name: id };
    });
    return { level: i + 1, after: afterMinutes === 0 ? 'at once' : `after ${formatWait(afterMinutes)}`, afterMinutes, people, ...(level.via ? { via: level.via } : {}) };
  });
}

/** Who a fallback case goes to: `First responder: Nia Brooks` for a role, the person's name for a person id. */
export function fallbackTarget(to: string, workflow: Workflow, site: Site): string {
  const { role, person } = fallbackHolder(to, workflow, site);
  const name = person ? (site.person.get(person)?.name ?? person) : 'no owner named';
  return role ? `${role}: ${name}` : name;
}

/** Calm fills with their own text colour, so the boxes read the same on light and dark pages. */
const STYLES = [
  '  classDef level fill:#e6eefa,stroke:#3d5f94,color:#14213a',
  '  classDef fallback fill:#f8eedf,stroke:#94672b,color:#33240f',
];

/** Mermaid flowchart source for the escalation path and the human fallbacks, or null when there are neither. */
export function escalationMermaid(workflow: Workflow, site: Site): string | null {
  const steps = escalationSteps(workflow, site);
  const { fallback } = workflow.fm;
  if (steps.length === 0 && fallback.length === 0) return null;
  const lines = ['flowchart LR'];
  if (steps.length > 0) lines.push(...levelLines(workflow, steps));
  if (fallback.length > 0) {
    lines.push('  fb{{"Goes to a human, never the workflow"}}');
    fallback.forEach((item, i) => {
      lines.push(`  f${i + 1}["${mermaidText(item.when)}<br/>→ ${mermaidText(fallbackTarget(item.to, workflow, site))}"]`);
      lines.push(`  fb --> f${i + 1}`);
    });
  }
  lines.push(...STYLES);
  if (steps.length > 0) lines.push(`  class ${steps.map((s) => `L${s.level}`).join(',')} level`);
  if (fallback.length > 0) lines.push(`  class fb,${fallback.map((_, i) => `f${i + 1}`).join(',')} fallback`);
  return `${lines.join('\n')}\n`;
}

function levelLines(workflow: Workflow, steps: EscalationStep[]): string[] {
  const target = workflow.fm.escalation?.response_target;
  const repeat = workflow.fm.escalation?.repeat ?? 0;
  const trigger = target ? `Workflow stops or misbehaves<br/><small>first human response within ${formatWait(durationMinutes(target))}</small>` : 'Workflow stops or misbehaves';
  const lines = [`  start(["${trigger}"])`];
  for (const step of steps) {
    const parts = [`<b>Level ${step.level}</b> · ${step.after}`, step.people.map((p) => mermaidText(p.name)).join(', ')];
    if (step.via) parts.push(`<small>${mermaidText(step.via)}</small>`);
    if (repeat > 0 && step.level === steps.length) parts.push(`<small>repeats ${repeat}× at level ${step.level}</small>`);
    lines.push(`  L${step.level}["${parts.join('<br/>')}"]`);
  }
  lines.push('  start --> L1');
  for (let i = 1; i < steps.length; i++) {
    const wait = steps[i]!.afterMinutes - steps[i - 1]!.afterMinutes;
    const label = wait > 0 ? `no answer in ${formatWait(wait)}` : 'at the same time';
    lines.push(`  L${i} -- "${label}" --> L${i + 1}`);
  }
  return lines;
}
