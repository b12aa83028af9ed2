import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { Document } from 'yaml';
import { assetRefusal } from '../asset-policy.ts';
import { dutyRoles, type Config, type Status } from '../config.ts';
import { UserError } from '../diagnostic.ts';
import { displayPath } from '../load.ts';
import { applyEdits } from './edits.ts';
import { expandShortcodes, pageIndex, rewriteLinks, type PageIndex, type PageTarget } from './links.ts';
import { codeownerRules, mapRules, ownerRules, parseOwner, type OwnerRef, type OwnerRules } from './owners.ts';
import { draft, headingEdits, idOf, summaryOf, type Draft } from './page.ts';
import { PeopleBook, type Stub } from './people.ts';
import { isSkipped, listSources, parseBody, readDoc, readText, type Skipped, type SourceDoc } from './source.ts';
import { pickStyle, type Collection, type Style, type StyleName } from './styles/index.ts';

export interface ImportOptions {
  /** The collection's folder. */
  from: string;
  contentDir: string;
  config: Config;
  style: StyleName;
  /** Folder under runbooks/ and guides/ for the imported pages ('' for none). */
  into: string;
  /** Status of every imported runbook (default: the collection's lifecycle, else experiment). */
  status?: Status;
  /** Owner of pages that name none: a person or team id, `#channel` or `@user`. */
  owner?: string;
  /** Text and name of the `--map` file. */
  map?: { text: string; file: string };
  codeowners?: string;
  siteUrl?: string;
  /** Pages matching this glob (relative to the collection) become guides. */
  guides?: string;
  dryRun: boolean;
}

/** One page the import writes, with what the mapping table says about it. */
export interface ImportedPage {
  source: string;
  kind: 'runbook' | 'guide';
  /** Path under the content folder. */
  to: string;
  text: string;
  mapped: string[];
  missed: string[];
}

export interface ImportResult {
  style: Style['name'];
  pages: ImportedPage[];
  /** Files copied beside the pages: source -> path under the content folder. */
  assets: { source: string; to: string }[];
  skipped: Skipped[];
  /** Markdown the style does not import (Backstage: outside any component's docs). */
  ignored: string[];
  stubs: Stub[];
  peopleFile: string;
  written: boolean;
}

/**
 * A collection of Markdown pages -> runbooks and guides in the content folder, people.yaml stubs for
 * every owner found, images copied: planned in full first, then written only if no file it writes
 * exists yet (never overwrites; `dryRun` writes nothing). Same collection and options, same output.
 */
export async function importCollection(options: ImportOptions): Promise<ImportResult> {
  const { config } = options;
  const collection = await readCollection(options.from, config.maxFileBytes);
  const style = pickStyle(options.style, collection);
  const found = await style.pages(collection);
  const guideGlob = options.guides ? picomatch(options.guides, { dot: true }) : () => false;
  const drafts = found.pages.map((page) => draft(collection.docs.get(page.rel) as SourceDoc, page, style, config, guideGlob(page.rel)));
  const targets = placeDrafts(drafts, options.into);
  const index = pageIndex([...targets.values()], collection.files);
  const rules = ownerRules([...(options.codeowners ? codeownerRules(options.codeowners) : []), ...(options.map ? mapRules(options.map.text, options.map.file) : [])]);
  const book = await PeopleBook.open(path.join(options.contentDir, 'people.yaml'));
  const assets = new Map<string, string>();
  const pages = drafts.map((d) => assemble(d, targets.get(d)!, { options, style, index, rules, book, assets, collection }));
  const result: ImportResult = {
    style: style.name,
    pages,
    assets: [...assets].map(([source, to]) => ({ source, to })).sort((a, b) => (a.to < b.to ? -1 : 1)),
    skipped: [...found.skipped, ...[...collection.docs.values()].filter(isSkipped).filter((s) => !found.skipped.some((f) => f.rel === s.rel) && !found.ignored.includes(s.rel))].sort((a, b) => (a.rel < b.rel ? -1 : 1)),
    ignored: found.ignored.filter((rel) => !isSkipped(collection.docs.get(rel))),
    stubs: book.added,
    peopleFile: book.file,
    written: false,
  };
  await refuseOverwrites(result, options);
  if (!options.dryRun) await write(result, options, book);
  return { ...result, written: !options.dryRun };
}

async function readCollection(from: string, maxBytes: number): Promise<Collection> {
  const info = await stat(from).catch(() => null);
  if (!info?.isDirectory()) throw new UserError(`${displayPath(from)} is not a folder; name the folder of Markdown pages to import`);
  const files = await listSources(from);
  const docs = new Map<string, SourceDoc | Skipped>();
  for (const rel of files.filter((f) => /\.(md|markdown)$/i.test(f))) docs.set(rel, await readDoc(from, rel, maxBytes));
  // SVGs are read to look for script before one is copied (see asset-policy.ts).
  const svg = new Map<string, string | null>();
  for (const rel of files.filter((f) => f.toLowerCase().endsWith('.svg'))) {
    const text = await readText(from, rel, maxBytes);
    svg.set(rel, typeof text === 'string' ? text : null);
  }
  return { root: from, files, docs, svg, maxBytes };
}

/** Where each page goes: `runbooks/<into>/<id>.md` or `guides/<into>/<id>.md`; a second page with the same id gets `-2`. */
function placeDrafts(drafts: Draft[], into: string): Map<Draft, PageTarget> {
  const taken = new Set<string>();
  const out = new Map<Draft, PageTarget>();
  for (const d of drafts) {
    const base = [into, idOf(d.idPath)].filter(Boolean).join('/');
    let id = base;
    for (let n = 2; taken.has(`${d.kind}:${id.toLowerCase()}`); n++) id = `${base}-${n}`;
    if (id !== base) d.found.missed.push(`id "${base}" was taken by another page; named "${id}"`);
    taken.add(`${d.kind}:${id.toLowerCase()}`);
    out.set(d, { rel: d.page.rel, to: `${d.kind === 'guide' ? 'guides' : 'runbooks'}/${id}.md`, urls: d.page.urls });
  }
  return out;
}

interface Context {
  options: ImportOptions;
  style: Style;
  index: PageIndex;
  rules: OwnerRules;
  book: PeopleBook;
  assets: Map<string, string>;
  collection: Collection;
}

/** One page's text: frontmatter mapped field by field, the body with its title heading removed and its links rewritten. */
function assemble(d: Draft, target: PageTarget, ctx: Context): ImportedPage {
  const { options, config } = { options: ctx.options, config: ctx.options.config };
  const { found } = d;
  const mapped = [`title: "${found.title!.value}" from ${found.title!.from}`];
  let { body, tree } = d.doc;
  let shortcodes = 0;
  if (ctx.style.shortcodes) {
    const expanded = expandShortcodes(body, tree, target, ctx.index);
    if (expanded.body !== body) ({ body } = expanded), (tree = parseBody(body));
    shortcodes = expanded.expanded;
    found.missed.push(...expanded.left);
  }
  const headings = headingEdits(tree, body);
  const links = rewriteLinks(tree, body, target, ctx.index, {
    siteUrl: options.siteUrl,
    assetPath: (rel) => ctx.assets.get(rel) ?? assetPath(rel, target, options.into),
    refusal: (rel) => refusal(ctx.collection, rel),
  });
  for (const [from, to] of links.assets) ctx.assets.set(from, to);
  const text = applyEdits(body, [...headings.edits, ...links.edits]).replace(/^\n+/, '').replace(/\n*$/, '\n');
  if (headings.removed !== null && found.title!.from !== 'the first # heading') mapped.push(`# ${headings.removed}: removed from the body (the title is the page's heading)`);
  else if (headings.removed !== null) mapped[0] += ' (removed from the body)';
  if (headings.demoted) mapped.push(`${headings.demoted} more # heading${headings.demoted === 1 ? '' : 's'} became ##`);
  const summary = pickSummary(found, summaryOf(tree, config));
  mapped.push(summary ? `summary from ${summary.from}` : '');
  const owners = ownersOf(d, ctx);
  const status = options.status ?? found.status?.value ?? 'experiment';
  if (d.kind === 'runbook') mapped.push(`status: ${status} (${options.status ? '--status' : found.status ? found.status.from : 'the default; pass --status'})`);
  else mapped.push(`guide: ${d.why}`);
  const fm = d.kind === 'runbook' ? runbookFields(d, status, owners, ctx, mapped) : guideFields(d, owners, ctx, mapped);
  fm.summary = summary?.value ?? `Imported from ${d.page.rel}; write one sentence on what it is for.`;
  if (!summary) found.missed.push('summary: no frontmatter summary and no paragraph to take it from; a placeholder was written');
  if (found.review) {
    fm.review = { ...(found.review.last ? { last: found.review.last } : {}), ...(found.review.every ? { every: found.review.every } : {}), ...(found.review.next ? { next: found.review.next } : {}) };
    mapped.push(`review: ${Object.entries(fm.review as object).map(([k, v]) => `${k} ${v}`).join(', ')} (${found.review.from})`);
  }
  const extraKeys = Object.keys(found.extra);
  if (extraKeys.length) fm.extra = found.extra;
  if (extraKeys.length) mapped.push(`extra: ${extraKeys.join(', ')}`);
  const moved = links.rewritten + shortcodes;
  if (moved) mapped.push(`links: ${links.rewritten} rewritten${shortcodes ? ` (${shortcodes} Hugo ref${shortcodes === 1 ? '' : 's'})` : ''}${links.assets.size ? `, ${links.assets.size} file${links.assets.size === 1 ? '' : 's'} copied` : ''}`);
  mapped.push(...found.mapped);
  const missed = [...found.missed, ...links.left.map((l) => `link left as written: ${l}`), ...links.refused];
  if (!owners.length) missed.push('owner: none found (pass --owner, --map or --codeowners)');
  return { source: d.page.rel, kind: d.kind, to: target.to, text: frontmatter(fm, d, ctx.style) + '\n' + text, mapped: mapped.filter(Boolean), missed };
}

/**
 * Where a linked file is copied: beside the runbook as it was beside the page (so the link reads the same),
 * else (a guide's image, a path leaving runbooks/) under runbooks/<into>/ at its path in the collection.
 */
function assetPath(rel: string, page: PageTarget, into: string): string {
  const beside = path.posix.normalize(path.posix.join(path.posix.dirname(page.to), path.posix.relative(path.posix.dirname(page.rel), rel)));
  if (page.to.startsWith('runbooks/') && beside.startsWith('runbooks/')) return beside;
  return ['runbooks', into, rel].filter(Boolean).join('/');
}

function pickSummary(found: Draft['found'], fromBody: { value: string; from: string } | null) {
  if (found.summary?.from.startsWith('frontmatter')) return found.summary;
  if (fromBody && fromBody.from !== 'the first paragraph') return fromBody;
  return found.summary ?? fromBody;
}

/** The page's own owners; else CODEOWNERS and --map by path; else --owner. */
function ownersOf(d: Draft, ctx: Context): OwnerRef[] {
  if (d.found.owners.length) return d.found.owners;
  const rule = ctx.rules.match(d.page.rel);
  const byRule = [...(rule.team ? [rule.team] : []), ...rule.owners];
  if (byRule.length) return byRule;
  const given = ctx.options.owner;
  if (!given) return [];
  const owner = parseOwner(given, '--owner', ctx.book.hasTeam(given) ? 'team' : 'person');
  return owner ? [owner] : [];
}

/** A person owner holds the first daily-care role (`duties.care`) the status requires; a second one backs them up. */
function runbookFields(d: Draft, status: Status, owners: OwnerRef[], ctx: Context, mapped: string[]): Record<string, unknown> {
  const { config } = ctx.options;
  const fm: Record<string, unknown> = { title: d.found.title!.value, summary: '', status };
  const team = owners.find((o) => o.kind === 'team');
  if (team) {
    fm.team = ctx.book.idOf(team);
    mapped.push(`team: ${fm.team} (${team.from} ${team.written})`);
  }
  if (d.found.tags.length) fm.tags = d.found.tags;
  const people = [...new Map(owners.filter((o) => o.kind === 'person').map((o) => [ctx.book.idOf(o), o])).entries()].slice(0, 2);
  if (people.length) {
    const care = dutyRoles(config, 'care');
    const role = care.find((r) => config.required[status].primary.includes(r)) ?? care[0]!;
    fm.owners = { [role]: { primary: people[0]![0], ...(people[1] ? { backup: people[1][0] } : {}) } };
    mapped.push(`owners.${role}: ${people.map(([id, o]) => `${id} (${o.from} ${o.written})`).join(', backup ')}`);
  }
  return fm;
}

function guideFields(d: Draft, owners: OwnerRef[], ctx: Context, mapped: string[]): Record<string, unknown> {
  const fm: Record<string, unknown> = { title: d.found.title!.value, summary: '' };
  const owner = owners.find((o) => o.kind === 'person') ?? owners[0];
  if (owner) {
    fm.owner = ctx.book.idOf(owner);
    mapped.push(`owner: ${fm.owner} (${owner.from} ${owner.written})`);
  }
  return fm;
}

function frontmatter(fm: Record<string, unknown>, d: Draft, style: Style): string {
  const doc = new Document(fm);
  doc.commentBefore = ` Imported by handover import (${style.name}) from ${d.page.rel}`;
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

/** Why a linked file of the collection may not be copied (see asset-policy.ts), or null. */
function refusal(collection: Collection, rel: string): string | null {
  return assetRefusal(rel, rel.toLowerCase().endsWith('.svg') ? (collection.svg.get(rel) ?? null) : undefined);
}

async function refuseOverwrites(result: ImportResult, options: ImportOptions): Promise<void> {
  const exists = async (rel: string) => (await stat(path.join(options.contentDir, rel)).catch(() => null)) !== null;
  const clashes: string[] = [];
  for (const page of result.pages) if (await exists(page.to)) clashes.push(page.to);
  for (const asset of result.assets) {
    if (!(await exists(asset.to))) continue;
    const [a, b] = await Promise.all([readFile(path.join(options.from, asset.source)), readFile(path.join(options.contentDir, asset.to))]);
    if (!a.equals(b)) clashes.push(asset.to);
  }
  if (!clashes.length) return;
  const shown = clashes.slice(0, 5).map((rel) => displayPath(path.join(options.contentDir, rel)));
  throw new UserError(
    `${shown.join(', ')}${clashes.length > 5 ? ` and ${clashes.length - 5} more` : ''} already exist${clashes.length === 1 ? 's' : ''}; nothing was written (import never overwrites). Import into another folder with --into, or move those files away`,
  );
}

async function write(result: ImportResult, options: ImportOptions, book: PeopleBook): Promise<void> {
  for (const page of result.pages) {
    const file = path.join(options.contentDir, page.to);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, page.text, { flag: 'wx' });
  }
  for (const asset of result.assets) {
    const file = path.join(options.contentDir, asset.to);
    if ((await stat(file).catch(() => null)) !== null) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(path.join(options.from, asset.source), file, constants.COPYFILE_EXCL);
  }
  if (book.added.length || !book.exists) {
    await mkdir(path.dirname(book.file), { recursive: true });
    const temp = `${book.file}.import-${process.pid}`;
    await writeFile(temp, book.text());
    await rename(temp, book.file);
  }
}
