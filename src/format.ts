import { createHash } from 'node:crypto';
import pc from 'picocolors';
import { location, type Diagnostic } from './diagnostic.ts';
import type { Facts } from './facts/index.ts';
import { readinessJson } from './facts/readiness.ts';

export type Format = 'text' | 'json' | 'github' | 'markdown' | 'codeclimate';
export const FORMATS: readonly Format[] = ['text', 'json', 'github', 'markdown', 'codeclimate'];

export interface Summary {
  files: number;
  ms: number;
}

/**
 * The spec's JSON shape, `{ errors: [...], gaps: [...] }`. Every entry has every key, in the spec's order,
 * with null where a finding has no such detail, so tools can read the fields without guessing.
 */
export function toJson(errors: Diagnostic[], gaps: Diagnostic[], facts?: Facts): string {
  const or = <T>(value: T | undefined) => value ?? null;
  const error = (d: Diagnostic) => ({ file: or(d.file), line: or(d.line), column: or(d.column), field: or(d.field), rule: d.rule, message: d.message, hint: or(d.hint) });
  // A guide's gap names its guide; every other key is the same.
  const gap = (d: Diagnostic) => ({ workflow: or(d.workflow), ...(d.guide ? { guide: d.guide } : {}), rule: d.rule, message: d.message, field: or(d.field), file: or(d.file), line: or(d.line), column: or(d.column) });
  // Beside the spec's two keys: each workflow's readiness checklist, and why change facts are missing (once).
  const extra = facts
    ? {
        readiness: [...facts.workflows.values()].map((w) => ({ workflow: w.workflow.id, ...readinessJson(w.readiness) })),
        notes: facts.history.note ? [facts.history.note] : [],
      }
    : {};
  return JSON.stringify({ errors: errors.map(error), gaps: gaps.map(gap), ...extra }, null, 2);
}

/** GitHub Actions workflow commands: errors as ::error, gaps as ::warning, placed on the file and line. */
export function toGithub(errors: Diagnostic[], gaps: Diagnostic[], notes: string[] = []): string {
  return [...notes.map((note) => `::notice title=history::${escapeData(note)}`), ...[...errors, ...gaps]
    .map((d) => {
      const props = [
        d.file && `file=${escapeProperty(d.file)}`,
        d.line && `line=${d.line}`,
        d.column && `col=${d.column}`,
        `title=${escapeProperty(d.rule)}`,
      ].filter(Boolean);
      const text = [d.field && `${d.field}: `, d.message, d.hint && ` (${d.hint})`].filter(Boolean).join('');
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}`;
    })]
    .join('\n');
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Human text, grouped by file. Each finding is one line in the spec's form,
 * `path:line:col  field.path  message  (hint)`, then its severity and rule id; a summary line ends the output.
 */
export function toText(errors: Diagnostic[], gaps: Diagnostic[], summary: Summary, color = false, notes: string[] = []): string {
  const c = color ? pc : pc.createColors(false);
  const groups = new Map<string, Diagnostic[]>();
  for (const d of [...errors, ...gaps]) {
    const key = d.file ?? d.workflow ?? '';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const blocks = [...groups.entries()].map(([file, list]) => {
    const lines = [c.underline(c.bold(file))];
    for (const d of list) {
      const tag = d.severity === 'error' ? c.red(`error ${d.rule}`) : c.yellow(`gap ${d.rule}`);
      const parts = [c.dim(location(d)), d.field && c.cyan(d.field), d.message, d.hint && c.dim(`(${d.hint})`), tag].filter(Boolean);
      lines.push(`  ${parts.join('  ')}`);
    }
    return lines.join('\n');
  });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const line = [
    plural(summary.files, 'file'),
    errors.length ? c.red(plural(errors.length, 'error')) : c.green('0 errors'),
    gaps.length ? c.yellow(plural(gaps.length, 'gap')) : '0 gaps',
    `${summary.ms} ms`,
  ].join(' · ');
  return [...blocks, ...notes.map((note) => c.dim(`note: ${note}`)), line].join('\n\n');
}

/**
 * A Markdown summary for a pull request (`>> $GITHUB_STEP_SUMMARY`): a count line, then a table of errors
 * and one of gaps. Cell text is escaped so a message can neither break the table nor become HTML.
 */
export function toMarkdown(errors: Diagnostic[], gaps: Diagnostic[], summary: Pick<Summary, 'files'>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = ['## Handover check', '', `${plural(summary.files, 'file')} · ${plural(errors.length, 'error')} · ${plural(gaps.length, 'gap')}`];
  if (!errors.length && !gaps.length) lines.push('', 'Every runbook is valid and ready for routine care.');
  const table = (title: string, list: Diagnostic[]) => {
    if (!list.length) return;
    lines.push('', `### ${title}`, '', '| where | field | rule | message |', '|---|---|---|---|');
    for (const d of list) {
      const message = d.hint ? `${d.message} (${d.hint})` : d.message;
      const where = d.file ? location(d) : d.workflow ?? '';
      lines.push(`| ${cell(where, true)} | ${cell(d.field ?? '', true)} | ${cell(d.rule, true)} | ${cell(message)} |`);
    }
  };
  table('Errors', errors);
  table('Gaps', gaps);
  return lines.join('\n');
}

/** One table cell: no line breaks, `|` escaped, HTML shown as text; `code` wraps it in a code span. */
function cell(text: string, code = false): string {
  if (!text) return '';
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (code) return `<code>${flat.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;')}</code>`;
  return flat.replace(/[\\`*_[\]<>|&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/**
 * GitLab Code Quality (the Code Climate issue format): a JSON array, errors as `major`, gaps as `minor`,
 * each with a fingerprint that stays the same while the finding does, so merge requests show new and fixed ones.
 */
export function toCodeClimate(errors: Diagnostic[], gaps: Diagnostic[]): string {
  const issue = (d: Diagnostic) => ({
    type: 'issue',
    check_name: d.rule,
    description: [d.field && `${d.field}: `, d.message, d.hint && ` (${d.hint})`].filter(Boolean).join(''),
    categories: [d.severity === 'error' ? 'Bug Risk' : 'Clarity'],
    severity: d.severity === 'error' ? 'major' : 'minor',
    fingerprint: createHash('sha256').update([d.rule, d.file ?? d.workflow ?? '', d.field ?? '', d.message].join('\0')).digest('hex').slice(0, 32),
    location: { path: d.file ?? '.', lines: { begin: d.line ?? 1 } },
  });
  return JSON.stringify([...errors, ...gaps].map(issue), null, 2);
}
