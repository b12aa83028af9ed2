import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { STATUSES, type Config, type Status } from '../config.ts';
import type { Edit } from './edits.ts';
import { parseOwner, slug } from './owners.ts';
import type { SourceDoc } from './source.ts';
import type { Found, Style, StylePage } from './styles/index.ts';

/** Sections that hold steps: a page with one of them describes a workflow; one without is a guide. */
const STEP_SECTIONS = ['process', 'exceptions', 'escalation', 'rollback'];

/** Frontmatter fields every style reads the same way; the style's own come from `Style.fields`. */
const COMMON_FIELDS = ['title', 'summary', 'description', 'tags', 'status', 'owner', 'owners', 'extra'];

/** A page's first reading: what it is called, which kind of page it becomes, and how its headings map. */
export interface Draft {
  page: StylePage;
  doc: SourceDoc;
  kind: 'runbook' | 'guide';
  /** Why it became a guide, or '' for a runbook. */
  why: string;
  found: Found;
  /** Id path under runbooks/ or guides/, before `--into`. */
  idPath: string;
}

/** Reads a page's title, sections and fields, and decides whether it is a runbook or a guide. */
export function draft(doc: SourceDoc, page: StylePage, style: Style, config: Config, forcedGuide: boolean): Draft {
  // A Backstage entity's fields are shared by its pages: each page gets its own copies to add to.
  const context = page.context ?? {};
  const found: Found = { ...context, owners: [...(context.owners ?? [])], tags: [...(context.tags ?? [])], extra: { ...context.extra }, mapped: [], missed: [...(context.missed ?? [])] };
  const used = new Set([...COMMON_FIELDS, ...style.fields(doc.fm, found, page)]);
  commonFields(doc.fm, found);
  for (const [key, value] of Object.entries(doc.fm)) if (!used.has(key)) found.extra[key] = value;
  const h1 = firstH1(doc.tree);
  if (!found.title && h1) found.title = { value: toString(h1).trim(), from: 'the first # heading' };
  if (!found.title) found.title = { value: titleFromPath(page.idPath), from: 'the file name' };
  const sections = sectionKeys(doc.tree, config, h1);
  const steps = sections.some((s) => s.key && STEP_SECTIONS.includes(s.key));
  const kind = forcedGuide || !steps ? 'guide' : 'runbook';
  const why = forcedGuide ? 'matches --guides' : steps ? '' : 'no steps section (Normal process, Exceptions, Escalation or Rollback)';
  const mapped = sections.filter((s) => s.key).map((s) => `${s.heading} -> ${config.sections[s.key!]!.title}`);
  const kept = sections.filter((s) => !s.key).map((s) => s.heading);
  if (mapped.length || kept.length) found.mapped.push(`sections: ${[mapped.join(', '), kept.length ? `kept as written: ${kept.join(', ')}` : ''].filter(Boolean).join('; ')}`);
  return { page, doc, kind, why, found, idPath: page.idPath };
}

function commonFields(fm: Record<string, unknown>, found: Found): void {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
  if (text(fm.title)) found.title = { value: text(fm.title), from: 'frontmatter title' };
  const summary = text(fm.summary) || text(fm.description);
  if (summary) found.summary = { value: oneParagraph(summary), from: `frontmatter ${text(fm.summary) ? 'summary' : 'description'}` };
  if (Array.isArray(fm.tags)) found.tags = fm.tags.map(text).filter(Boolean);
  else if (text(fm.tags)) found.tags = text(fm.tags).split(/[,\s]+/).filter(Boolean);
  if (typeof fm.status === 'string' && (STATUSES as readonly string[]).includes(fm.status)) found.status = { value: fm.status as Status, from: 'frontmatter status' };
  else if (fm.status !== undefined) found.extra.status = fm.status;
  for (const key of ['owner', 'owners'] as const) {
    const list = Array.isArray(fm[key]) ? (fm[key] as unknown[]) : fm[key] === undefined ? [] : [fm[key]];
    for (const item of list) {
      const owner = typeof item === 'string' ? parseOwner(item, key) : null;
      if (owner) found.owners.push(owner);
    }
  }
  if (fm.extra && typeof fm.extra === 'object' && !Array.isArray(fm.extra)) Object.assign(found.extra, fm.extra);
}

/** The page's first `#` heading, which becomes (or repeats) the title. */
function firstH1(tree: Root): Heading | undefined {
  return tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
}

/** Level-2 sections as the site will see them: other `#` headings become `##`, the first is the title. */
function sectionKeys(tree: Root, config: Config, h1: Heading | undefined): { heading: string; key: string | null }[] {
  const names = new Map<string, string>();
  for (const [key, section] of Object.entries(config.sections)) for (const name of [section.title, ...section.aliases]) names.set(normal(name), key);
  return tree.children
    .filter((node): node is Heading => node.type === 'heading' && (node.depth === 2 || (node.depth === 1 && node !== h1)))
    .map((node) => {
      const heading = toString(node).trim();
      return { heading, key: names.get(normal(heading)) ?? null };
    });
}

function normal(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The heading edits: the first `#` heading is removed (the page's title is its `<h1>`), any other `#`
 * heading becomes `##`, so no built page has two `<h1>`. Only the heading markers change otherwise.
 */
export function headingEdits(tree: Root, body: string): { edits: Edit[]; removed: string | null; demoted: number } {
  const h1 = firstH1(tree);
  const edits: Edit[] = [];
  let demoted = 0;
  for (const node of tree.children) {
    if (node.type !== 'heading' || node.depth !== 1 || !node.position) continue;
    const start = node.position.start.offset!;
    const end = node.position.end.offset!;
    if (node === h1) {
      edits.push({ start, end: end + (/^\n*/.exec(body.slice(end))?.[0].length ?? 0), text: '' });
      continue;
    }
    demoted++;
    const source = body.slice(start, end);
    const atx = /^ {0,3}#/.exec(source);
    if (atx) edits.push({ start: start + atx[0].length - 1, end: start + atx[0].length, text: '##' });
    else {
      // A setext heading: its === underline becomes ---.
      const underline = source.lastIndexOf('\n') + 1;
      edits.push({ start: start + underline, end, text: source.slice(underline).replace(/=/g, '-') });
    }
  }
  return { edits, removed: h1 ? toString(h1).trim() : null, demoted };
}

/** The first paragraph of the purpose section (Purpose, Meaning, Overview…), as plain text; else the first paragraph of the page. */
export function summaryOf(tree: Root, config: Config): { value: string; from: string } | null {
  const purpose = config.sections.purpose;
  const names = new Set(purpose ? [purpose.title, ...purpose.aliases].map(normal) : []);
  const nodes = tree.children;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type !== 'heading' || node.depth > 2 || !names.has(normal(toString(node)))) continue;
    const paragraph = firstParagraph(nodes.slice(i + 1), node.depth);
    if (paragraph) return { value: paragraph, from: `the first paragraph of "${toString(node).trim()}"` };
  }
  const any = firstParagraph(nodes, 0);
  return any ? { value: any, from: 'the first paragraph' } : null;
}

function firstParagraph(nodes: RootContent[], depth: number): string | null {
  for (const node of nodes) {
    if (node.type === 'heading' && depth > 0 && node.depth <= depth) return null;
    if (node.type === 'paragraph') {
      const text = oneParagraph(toString(node));
      if (text) return text;
    }
  }
  return null;
}

/** One line of plain text, at most about 300 characters, cut at a sentence end where it can be. */
function oneParagraph(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 300) return flat;
  const cut = flat.slice(0, 300);
  const stop = cut.lastIndexOf('. ');
  return stop > 80 ? cut.slice(0, stop + 1) : `${cut.replace(/\s+\S*$/, '')}…`;
}

/** `kubernetes/KubePodCrashLooping` -> `Kube pod crash looping`. */
function titleFromPath(idPath: string): string {
  const words = slug(idPath.split('/').at(-1)!).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A page's id path as Handover ids: slugged segments, a folder's index page named after its folder. */
export function idOf(idPath: string): string {
  const parts = idPath.split('/').filter(Boolean);
  if (parts.length > 1 && /^(index|_index|readme)$/i.test(parts.at(-1)!)) parts.pop();
  return parts.map(slug).join('/') || 'index';
}
