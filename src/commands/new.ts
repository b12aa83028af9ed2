import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import Handlebars from 'handlebars';
import { commonOptions, parse } from './args.ts';
import { practisedByRoles, STATUSES, type Config, type Status } from '../config.ts';
import { loadConfig } from '../config-file.ts';
import { UserError } from '../diagnostic.ts';
import { fsError } from '../core/fs-error.ts';
import { contentDirOf, displayPath } from '../core/paths.ts';

const TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'new', 'runbook.md.hbs');
const GUIDE_TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'new', 'guide.md.hbs');

/** What each section holds, shown in the comment at the top of a new runbook. */
const SECTION_HELP: Record<string, string> = {
  purpose: 'what it does, and what it must not do',
  process: 'the steps of a normal run',
  exceptions: 'each exception type and the response to it',
  escalation: 'who is called, when (the diagram is drawn from the frontmatter)',
  rollback: 'how to roll back, and a restart checklist (- [ ] items)',
  practice: 'drills: rerun a failed job, handle messy input, escalate',
};

/** A runbook id: lowercase path segments of letters, digits and '-', e.g. `billing/refund-replies`. */
const ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** Checks a runbook (or guide) id typed on the command line; throws a UserError that says how to write it. */
export function checkId(id: string | undefined, kind: 'runbook' | 'guide' = 'runbook'): string {
  const folder = kind === 'guide' ? 'guides' : 'runbooks';
  const example = kind === 'guide' ? 'start-here' : 'billing/refund-replies';
  if (!id) throw new UserError(`name the ${kind}: handover new ${kind === 'guide' ? '--guide ' : ''}<id>, e.g. handover new ${kind === 'guide' ? '--guide ' : ''}${example}`);
  const hint = `an id is its path under ${folder}/ without .md: lowercase letters, digits and "-", folders separated by "/", e.g. ${example}`;
  if (id.endsWith('.md')) throw new UserError(`"${id}" ends in .md; ${hint}`);
  if (path.isAbsolute(id) || id.split(/[\\/]/).some((part) => part === '..' || part === '.'))
    throw new UserError(`"${id}" leaves the ${folder} folder; ${hint}`);
  if (!ID.test(id)) throw new UserError(`"${id}" is not a valid ${kind} id; ${hint}`);
  return id;
}

/** The template's view: which fields and sections `status` requires under `config`. */
export function newRunbookView(config: Config, id: string, status: Status, title?: string, summary?: string) {
  const need = config.required[status];
  const wanted = new Set([...need.primary, ...need.backup]);
  const roles = Object.entries(config.roles)
    .filter(([role]) => wanted.has(role))
    .map(([role, label]) => ({ id: role, label, backup: need.backup.includes(role), pad: ' '.repeat(Math.max(1, 27 - role.length)) }));
  const sections = need.sections.map((key) => ({ title: config.sections[key]?.title ?? key, help: SECTION_HELP[key] ?? 'fill it in' }));
  return {
    id,
    // JSON strings are valid YAML, so any title or summary is quoted safely.
    title: JSON.stringify(title ?? titleFromId(id)),
    summary: JSON.stringify(summary ?? ''),
    status,
    roles,
    handover: need.handover,
    review: need.review !== 'none',
    reviewNext: need.review === 'next',
    every: config.review.every,
    metrics: need.metrics,
    escalation: need.escalation !== 'none',
    responseTarget: need.escalation === 'levels+target',
    fallback: need.fallback,
    drills: config.drills.statuses.includes(status),
    practise: config.drills.practiseStatuses.includes(status) ? config.drills.practise.join(', ') : '',
    practisedBy: practisedByRoles(config).map((role) => config.roles[role] ?? role).join(' and '),
    signals: config.drills.statuses.includes(status) || config.alerts.statuses.includes(status),
    alerts: config.alerts.statuses.includes(status),
    sections,
  };
}

/** `refund-replies` -> `Refund replies`. */
function titleFromId(id: string): string {
  const words = id.split('/').at(-1)!.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Renders the Markdown of a new runbook. */
export async function renderNewRunbook(view: ReturnType<typeof newRunbookView>): Promise<string> {
  const template = Handlebars.compile(await readFile(TEMPLATE, 'utf8'), { noEscape: true, strict: true });
  return template(view);
}

/** What the author fills in next, one line each. */
function nextSteps(view: ReturnType<typeof newRunbookView>): string[] {
  const steps = ['summary: one sentence on what it does'];
  if (view.roles.length) steps.push(`owners: ${view.roles.map((r) => r.id).join(', ')} (person ids from people.yaml)`);
  if (view.review) steps.push(view.reviewNext ? 'review.next: the decide-by date' : 'review: last, by and every (or next)');
  if (view.handover) steps.push('handover.date');
  if (view.metrics) steps.push('metrics: one to three, each with a target');
  if (view.escalation) steps.push(view.responseTarget ? 'escalation: levels and response_target' : 'escalation: at least one level');
  if (view.fallback) steps.push('fallback: the cases that go to a human');
  if (view.sections.length) steps.push(`sections: ${view.sections.map((s) => s.title).join(', ')}`);
  return steps;
}

/** `handover new <id>`: writes a runbook with every field and section its status requires, left for the author to fill in. */
export async function runNew(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    content: commonOptions.content,
    config: commonOptions.config,
    status: { type: 'string' },
    title: { type: 'string' },
    summary: { type: 'string' },
    guide: { type: 'boolean' },
  }, true);
  if (positionals.length > 1) throw new UserError(`one id at a time, not ${positionals.length}: handover new <id>`);
  if (values.guide) return newGuide(positionals[0], values);
  const id = checkId(positionals[0]);
  const status = (values.status ?? 'experiment') as Status;
  if (!STATUSES.includes(status)) throw new UserError(`--status must be one of ${STATUSES.join(', ')}, not "${values.status}"`);
  if (values.title !== undefined && values.title.trim() === '') throw new UserError('--title must not be empty');
  const { config, root } = await loadConfig(values.config);
  const contentDir = contentDirOf({ root, config }, values.content);
  const file = path.join(contentDir, 'runbooks', `${id}.md`);
  const view = newRunbookView(config, id, status, values.title, values.summary);
  const text = await renderNewRunbook(view);
  await writeNew(file, text);
  console.log(`Wrote ${displayPath(file)} (${status}).`);
  console.log(`Fill in, then run "handover check" to see what is still missing (file:line):`);
  for (const step of nextSteps(view)) console.log(`  - ${step}`);
  return 0;
}

/** `handover new --guide <id>`: writes `guides/<id>.md` with a title, a summary and the optional owner and review as comments. */
async function newGuide(rawId: string | undefined, values: { content?: string; config?: string; status?: string; title?: string; summary?: string }): Promise<number> {
  const id = checkId(rawId, 'guide');
  if (values.status !== undefined) throw new UserError('a guide has no status; leave out --status with --guide');
  if (values.title !== undefined && values.title.trim() === '') throw new UserError('--title must not be empty');
  const { config, root } = await loadConfig(values.config);
  const contentDir = contentDirOf({ root, config }, values.content);
  const file = path.join(contentDir, 'guides', `${id}.md`);
  const template = Handlebars.compile(await readFile(GUIDE_TEMPLATE, 'utf8'), { noEscape: true, strict: true });
  const summary = values.summary ?? '';
  await writeNew(file, template({ title: JSON.stringify(values.title ?? titleFromId(id)), summary: JSON.stringify(summary), every: config.review.every }));
  console.log(`Wrote ${displayPath(file)} (guide).`);
  if (!summary) console.log('Fill in the summary, then run "handover check".');
  return 0;
}

/** Writes `file`, never over an existing one; on failure nothing is left behind: no part of the file, no folder made for it. */
async function writeNew(file: string, text: string): Promise<void> {
  let madeFolder: string | undefined;
  try {
    madeFolder = await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST' && (cause as NodeJS.ErrnoException).syscall === 'open')
      throw new UserError(`${displayPath(file)} already exists; it was left as it is. Choose another id, or edit that file`);
    // Any other failure came after "wx" found no file there, so whatever is there now is ours to remove.
    await rm(file, { force: true }).catch(() => {});
    if (madeFolder) await rm(madeFolder, { recursive: true, force: true }).catch(() => {});
    throw fsError(cause, 'nothing was written') ?? cause;
  }
}
