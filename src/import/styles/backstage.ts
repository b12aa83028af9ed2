import { parseAllDocuments } from 'yaml';
import type { Status } from '../../config.ts';
import { parseOwner } from '../owners.ts';
import { readText, type Skipped } from '../source.ts';
import type { Found, Style, StylePage } from './style.ts';
import { withoutExtension } from './style.ts';

const CATALOG = /(^|\/)catalog-info\.ya?ml$/;

/** Backstage's lifecycles, as statuses. */
const LIFECYCLE: Record<string, Status> = { experimental: 'experiment', production: 'production', deprecated: 'retired' };

interface Entity {
  kind?: string;
  metadata?: { name?: string; title?: string; description?: string; annotations?: Record<string, unknown> };
  spec?: { owner?: unknown; lifecycle?: unknown; system?: unknown; type?: unknown };
}

/**
 * Backstage catalogs: each `catalog-info.yaml` names a component (`metadata.name`), its owner (`spec.owner`,
 * a group unless written `user:x`) and its lifecycle; its TechDocs are the Markdown under `docs/` beside it
 * (or under the folder its `backstage.io/techdocs-ref: dir:` annotation names). Markdown outside any
 * component's docs folder is not imported.
 */
export const backstage: Style = {
  name: 'backstage',
  detect: (collection) => collection.files.some((rel) => CATALOG.test(rel)),
  async pages(collection) {
    const pages: StylePage[] = [];
    const skipped: Skipped[] = [];
    const claimed = new Set<string>();
    for (const rel of collection.files.filter((f) => CATALOG.test(f))) {
      const text = await readText(collection.root, rel, collection.maxBytes);
      if (typeof text !== 'string') {
        skipped.push(text);
        continue;
      }
      const entity = componentOf(text);
      if (typeof entity === 'string') {
        skipped.push({ rel, reason: entity });
        continue;
      }
      const folder = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
      const ref = String(entity.metadata?.annotations?.['backstage.io/techdocs-ref'] ?? 'dir:.');
      const dir = ref.startsWith('dir:') ? ref.slice(4).replace(/^\.\/?/, '').replace(/\/?$/, '/').replace(/^\/$/, '') : '';
      const docs = `${folder}${dir}docs/`;
      const name = entity.metadata!.name!;
      const context = entityFields(entity, rel);
      for (const [path, doc] of collection.docs) {
        if (!path.startsWith(docs) || claimed.has(path)) continue;
        claimed.add(path);
        if ('reason' in doc) {
          skipped.push(doc);
          continue;
        }
        const under = withoutExtension(path.slice(docs.length));
        pages.push({ rel: path, idPath: `${name}/${under}`, urls: [`/docs/default/component/${name}/${under.replace(/(^|\/)index$/i, '')}/`], context });
      }
    }
    const ignored = [...collection.docs.keys()].filter((rel) => !claimed.has(rel));
    return { pages, skipped, ignored };
  },
  fields: () => [],
  shortcodes: false,
};

/** The first entity with a name in a catalog file (a file may hold several, separated by ---), or why there is none. */
function componentOf(text: string): Entity | string {
  const docs = parseAllDocuments(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: false });
  if (!Array.isArray(docs)) return 'the catalog file is empty';
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) return `the catalog YAML cannot be read: ${problem.message.split('\n')[0]!.replace(/:$/, '')}`;
  }
  const entities = docs.map((doc) => doc.toJS({ maxAliasCount: 100 }) as Entity).filter((e) => e && typeof e === 'object' && typeof e.metadata?.name === 'string');
  return entities.find((e) => e.kind === 'Component') ?? entities[0] ?? 'the catalog file names no entity (metadata.name)';
}

/** What the entity says about every page of its docs. */
function entityFields(entity: Entity, rel: string): Partial<Found> {
  const { metadata = {}, spec = {} } = entity;
  const owner = typeof spec.owner === 'string' ? parseOwner(spec.owner, 'spec.owner', 'team') : null;
  const lifecycle = typeof spec.lifecycle === 'string' ? spec.lifecycle.toLowerCase() : undefined;
  const status = lifecycle ? LIFECYCLE[lifecycle] : undefined;
  const extra: Record<string, unknown> = { component: metadata.name };
  if (spec.system !== undefined) extra.system = spec.system;
  if (spec.type !== undefined) extra.type = spec.type;
  if (lifecycle && !status) extra.lifecycle = spec.lifecycle;
  return {
    owners: owner ? [owner] : [],
    ...(status ? { status: { value: status, from: `spec.lifecycle ${lifecycle}` } } : {}),
    ...(typeof metadata.description === 'string' && metadata.description.trim() ? { summary: { value: metadata.description.trim(), from: `metadata.description of ${rel}` } } : {}),
    extra,
    missed: lifecycle && !status ? [`spec.lifecycle "${String(spec.lifecycle)}" is not experimental, production or deprecated; kept under extra`] : [],
  };
}
