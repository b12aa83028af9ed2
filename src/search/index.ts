import { createHash } from 'node:crypto';
import type { Site } from '../site.ts';
import { byText, STATUS_ORDER } from '../core/order.ts';
import type { OutFile } from '../render/types.ts';
import { searchDocs, type SearchDoc } from './documents.ts';
import { invert, type Inverted } from './invert.ts';
import { jsonp, jsonpText, MANIFEST_PATH, type DocFile, type Manifest } from './protocol.ts';

/** Encoded characters per postings file: about 10 KB gzip, so a query's few terms stay far below the budget. */
const SHARD_CHARS = 24_000;
/** Characters per vocabulary file before the next first letter starts a new one. */
const VOCAB_CHARS = 12_000;
/** Characters per documents file: two runbooks, or some thirty people, so a page of hits loads a few small files. */
const DOC_CHARS = 6_000;

/**
 * The search index as files under `search/`: a fixed manifest, and vocabulary, postings and documents
 * files each named by a hash of its own bytes. A file never changes under its name (a browser may keep
 * it), and an edit to one runbook gives new names only to the files whose bytes changed.
 */
export function searchFiles(site: Site): OutFile[] {
  const docs = searchDocs(site);
  const inverted = invert(docs);
  const shards = pack(inverted.keys, SHARD_CHARS, (key) => key.length + inverted.postings.get(key)!.length + 6);
  const vocab = vocabFiles(inverted);
  const docTexts = docs.map((doc) => JSON.stringify(docFile(doc)));
  const groups = pack(docTexts.map((text, n) => ({ n, text })), DOC_CHARS, (doc) => doc.text.length);
  const written: OutFile[] = [];
  /** Writes one index file of `json` under a name made from it; returns the name. */
  const file = (json: string) => {
    const name = createHash('sha256').update(json).digest('hex').slice(0, 12);
    written.push({ path: `search/${name}.js`, content: jsonpText(name, json) });
    return name;
  };
  const manifest: Manifest = {
    v: 2,
    docs: docs.length,
    shards: shards.map((keys) => keys[0]!),
    vocab: vocab.map((words) => words[0]![0]!),
    groups: groups.map((group) => group[0]!.n),
    files: {
      s: shards.map((keys) => file(JSON.stringify(Object.fromEntries(keys.map((k) => [k, inverted.postings.get(k)!]))))),
      v: vocab.map((words) => file(JSON.stringify(words.join(' ')))),
      d: groups.map((group) => file(`[${group.map((doc) => doc.text).join(',')}]`)),
    },
    filters: filters(site),
  };
  return [{ path: MANIFEST_PATH, content: jsonp('manifest', manifest) }, ...written];
}

/** Cuts sorted items into consecutive groups of about `target` size; never returns an empty group. */
function pack<T>(items: readonly T[], target: number, size: (item: T) => number): T[][] {
  const groups: T[][] = [[]];
  let used = 0;
  for (const item of items) {
    const s = size(item);
    if (used > 0 && used + s > target) groups.push([]), (used = 0);
    groups.at(-1)!.push(item);
    used += s;
  }
  return groups.filter((group) => group.length > 0);
}

/** Terms (not facet keys) grouped by first character, small neighbouring groups merged. */
function vocabFiles(inverted: Inverted): string[][] {
  const byFirst = new Map<string, string[]>();
  for (const key of inverted.keys) {
    if (key.startsWith('!')) continue;
    (byFirst.get(key[0]!) ?? byFirst.set(key[0]!, []).get(key[0]!)!).push(key);
  }
  const groups = pack([...byFirst.values()], VOCAB_CHARS, (words) => words.reduce((sum, w) => sum + w.length + 1, 0));
  return groups.map((group) => group.flat()).filter((words) => words.length > 0);
}

function docFile(doc: SearchDoc): DocFile {
  const { show } = doc;
  return { k: doc.kind, u: doc.url, t: show.title, x: show.summary, ...(show.status && { s: show.status }), ...(show.team && { m: show.team }), o: show.owners, b: show.body, ...(show.sections?.length && { a: show.sections }) };
}

function filters(site: Site): Manifest['filters'] {
  const present = new Set(site.workflows.map((w) => w.fm.status as string));
  const owners = new Set(site.workflows.flatMap((w) => Object.values(w.fm.owners).flatMap((o) => [o?.primary, o?.backup])));
  return {
    statuses: STATUS_ORDER.filter((s) => present.has(s)),
    teams: site.teams.map((t): [string, string] => [t.id, t.name]).sort((a, b) => byText(a[1], b[1])),
    owners: site.people
      .filter((p) => owners.has(p.id))
      .map((p): [string, string] => [p.id, p.name])
      .sort((a, b) => byText(a[1], b[1])),
  };
}
