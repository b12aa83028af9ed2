import path from 'node:path';
import { Document } from 'yaml';
import { assetRefusal } from '../load/asset-policy.ts';
import { dutyRoles, type Status } from '../config.ts';
import { applyEdits } from './edits.ts';
import type { ImportedPage, ImportOptions } from './types.ts';
import { expandShortcodes, rewriteLinks, type PageIndex, type PageTarget } from './links.ts';
import { parseOwner, type OwnerRef, type OwnerRules } from './owners.ts';
import { headingEdits, summaryOf, type Draft } from './page.ts';
import type { PeopleBook } from './people.ts';
import { parseBody } from './source.ts';
import type { Collection, Style } from './styles/index.ts';

/** What assembling a page reads besides its draft; `assets` collects the files to copy. */
export interface Context {
  options: ImportOptions;
  style: Style;
  index: PageIndex;
  rules: OwnerRules;
  book: PeopleBook;
  assets: Map<string, string>;
  collection: Collection;
}

/** One page's text: frontmatter mapped field by field, the body with its title heading removed and its links rewritten. */
export function assemble(d: Draft, target: PageTarget, ctx: Context): ImportedPage {
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
