import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { commonOptions, parse } from './args.ts';
import { STATUSES, type Status } from '../config.ts';
import { loadConfig } from '../config-file.ts';
import { UserError } from '../diagnostic.ts';
import { importCollection } from '../import/index.ts';
import { mappingTable } from '../import/table.ts';
import { STYLE_NAMES, type StyleName } from '../import/styles/index.ts';
import { contentDirOf, displayPath } from '../core/paths.ts';

/** A folder under runbooks/ and guides/: lowercase path segments, as runbook ids. */
const INTO = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * `handover import <from>`: brings a collection of Markdown pages (alert runbooks, a tech-docs manual,
 * Backstage TechDocs, any Markdown) into the content folder as runbooks and guides, and prints the
 * mapping table. Exit 0 when every file imported, 1 when some were skipped, 2 on a usage error or
 * when a file it would write exists (then nothing is written).
 */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    content: commonOptions.content,
    config: commonOptions.config,
    style: { type: 'string', default: 'auto' },
    into: { type: 'string', default: '' },
    status: { type: 'string' },
    owner: { type: 'string' },
    map: { type: 'string' },
    codeowners: { type: 'string' },
    'site-url': { type: 'string' },
    guides: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  }, true);
  if (positionals.length !== 1) throw new UserError('name one folder to import: handover import <folder> [--style auto|alerts|techdocs|backstage|plain]');
  const style = values.style as StyleName;
  if (!STYLE_NAMES.includes(style)) throw new UserError(`--style must be one of ${STYLE_NAMES.join(', ')}, not "${values.style}"`);
  const into = values.into.replace(/^\/+|\/+$/g, '');
  if (into && !INTO.test(into)) throw new UserError(`--into "${values.into}" is not a folder name Handover uses; write lowercase letters, digits and "-", folders separated by "/", e.g. platform/alerts`);
  if (values.status !== undefined && !STATUSES.includes(values.status as Status)) throw new UserError(`--status must be one of ${STATUSES.join(', ')}, not "${values.status}"`);
  const siteUrl = values['site-url'];
  if (siteUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(siteUrl)) throw new UserError(`--site-url must be the old site's address, starting with https:// or http://, not "${siteUrl}"`);
  if (values.guides !== undefined) picomatch(values.guides);
  const { config, root } = await loadConfig(values.config);
  const contentDir = contentDirOf({ root, config }, values.content);
  const from = path.resolve(positionals[0]!);
  if (contentDir === from || contentDir.startsWith(from + path.sep) || from.startsWith(contentDir + path.sep))
    throw new UserError(`import from a folder outside the content folder (${displayPath(contentDir)}), not from ${displayPath(from)}`);
  const read = async (option: string, file: string | undefined) =>
    file === undefined ? undefined : readFile(file, 'utf8').catch(() => Promise.reject(new UserError(`${option} ${file} cannot be read; check the path`)));
  const mapText = await read('--map', values.map);
  const result = await importCollection({
    from,
    contentDir,
    config,
    style,
    into,
    status: values.status as Status | undefined,
    owner: values.owner,
    map: mapText === undefined ? undefined : { text: mapText, file: values.map! },
    codeowners: await read('--codeowners', values.codeowners),
    siteUrl,
    guides: values.guides,
    dryRun: values['dry-run'],
  });
  console.log(`${values['dry-run'] ? 'Would import' : 'Imported'} ${displayPath(from)} (${result.style} style) into ${displayPath(contentDir)}:\n`);
  console.log(mappingTable(result));
  console.log(values['dry-run'] ? '\nDry run: nothing was written.' : `\nNext: run "handover check" to list what each page still needs.`);
  return result.skipped.length ? 1 : 0;
}
