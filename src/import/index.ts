import { stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Config, Status } from '../config.ts';
import { UserError } from '../diagnostic.ts';
import { displayPath } from '../core/paths.ts';
import { assemble } from './assemble.ts';
import { pageIndex, type PageTarget } from './links.ts';
import { codeownerRules, mapRules, ownerRules } from './owners.ts';
import { draft, idOf, type Draft } from './page.ts';
import { PeopleBook, type Stub } from './people.ts';
import { isSkipped, listSources, readDoc, readText, type Skipped, type SourceDoc } from './source.ts';
import { pickStyle, type Collection, type Style, type StyleName } from './styles/index.ts';
import { refuseOverwrites, write } from './write.ts';
import type { ImportOptions, ImportResult } from './types.ts';

export type { ImportedPage, ImportOptions, ImportResult } from './types.ts';




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
    // Every file that could not be read is listed once, whether or not the style would have imported it.
    skipped: [...new Map([...found.skipped, ...[...collection.docs.values()].filter(isSkipped)].map((s) => [s.rel, s])).values()].sort((a, b) => (a.rel < b.rel ? -1 : 1)),
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
