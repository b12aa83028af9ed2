import picomatch from 'picomatch';
import { UserError } from '../diagnostic.ts';
import { parseYaml } from '../parse/yaml.ts';

/**
 * An owner as a collection names it: `#channel` (a team with that chat), `@user` (a person),
 * `@org/team`, Backstage's `group:default/x` and `user:x`, an email address, or a bare id.
 */
export interface OwnerRef {
  kind: 'team' | 'person';
  /** A readable id to start from, before people.yaml is consulted. */
  id: string;
  /** The handle as written: `#billing-oncall`, `@jane`, `group:default/payments`. */
  written: string;
  chat?: string;
  email?: string;
  /** Where it came from, for the mapping table: `owner_slack`, `spec.owner`, `CODEOWNERS`… */
  from: string;
}

/** A lowercase id of letters, digits and '-': `Jane.Doe` -> `jane-doe`, `KubeAPIDown` -> `kube-api-down`. */
export function slug(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words || 'page';
}

/** Reads one owner as written; `bare` says what a bare name is (Backstage owners are groups by default). */
export function parseOwner(written: string, from: string, bare: 'team' | 'person' = 'person'): OwnerRef | null {
  const text = written.trim();
  if (!text) return null;
  if (text.startsWith('#')) return { kind: 'team', id: slug(text.slice(1)), written: text, chat: text, from };
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return { kind: 'person', id: slug(text.split('@')[0]!), written: text, email: text, from };
  if (text.startsWith('@')) {
    const handle = text.slice(1);
    if (handle.includes('/')) return { kind: 'team', id: slug(handle.split('/').at(-1)!), written: text, from };
    return { kind: 'person', id: slug(handle), written: text, chat: text, from };
  }
  const entity = /^(group|user):(?:[\w-]+\/)?(.+)$/i.exec(text);
  if (entity) return { kind: entity[1]!.toLowerCase() === 'group' ? 'team' : 'person', id: slug(entity[2]!), written: text, from };
  return { kind: bare, id: slug(text), written: text, from };
}

/** Owners by path: `--map FILE` entries and CODEOWNERS lines, the last matching rule winning as in CODEOWNERS. */
export interface OwnerRules {
  /** Owners and team for a page at `rel` (relative to the collection), with where they came from. */
  match(rel: string): { team: OwnerRef | null; owners: OwnerRef[] };
}

interface Rule {
  test: (rel: string) => boolean;
  team: OwnerRef | null;
  owners: OwnerRef[];
}

/**
 * `--map FILE`: a YAML list of `{ match: <folder or glob>, team: <id or #channel>, owners: [<@user or id>…] }`,
 * for collections that name no one. A folder (`kubernetes/`) matches everything under it.
 */
export function mapRules(text: string, file: string): Rule[] {
  const yaml = parseYaml(text, file);
  if (yaml.diagnostics.length) throw new UserError(`--map ${file}: line ${yaml.diagnostics[0]!.line}: ${yaml.diagnostics[0]!.message}`);
  const entries = yaml.value ?? [];
  const usage = 'write a list of { match: "<folder or glob>", team: <team id or #channel>, owners: [<@user or person id>] }';
  if (!Array.isArray(entries)) throw new UserError(`--map ${file} must be a YAML list; ${usage}`);
  return entries.map((entry: unknown, i) => {
    const e = entry as { match?: unknown; team?: unknown; owners?: unknown };
    const where = `--map ${file}, entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || typeof e.match !== 'string' || !e.match.trim()) throw new UserError(`${where} has no "match"; ${usage}`);
    const extra = Object.keys(entry).filter((key) => !['match', 'team', 'owners'].includes(key));
    if (extra.length) throw new UserError(`${where}: unknown field "${extra[0]}"; ${usage}`);
    const owners = e.owners === undefined ? [] : Array.isArray(e.owners) ? e.owners : [e.owners];
    if (e.team !== undefined && typeof e.team !== 'string') throw new UserError(`${where}: "team" must be one id or #channel`);
    if (owners.some((o) => typeof o !== 'string')) throw new UserError(`${where}: "owners" must be a list of ids or @users`);
    return {
      test: globTest(e.match),
      team: typeof e.team === 'string' ? parseOwner(e.team, '--map', 'team') : null,
      owners: (owners as string[]).map((o) => parseOwner(o, '--map')).filter((o): o is OwnerRef => o !== null),
    };
  });
}

/** `--codeowners FILE`: GitHub's `<pattern> <owner>…` lines; `@org/team` is a team, `@user` and emails are people. */
export function codeownerRules(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [pattern, ...names] = line.split(/\s+/);
    const refs = names.map((n) => parseOwner(n, 'CODEOWNERS')).filter((o): o is OwnerRef => o !== null);
    rules.push({ test: codeownersTest(pattern!), team: refs.find((r) => r.kind === 'team') ?? null, owners: refs.filter((r) => r.kind === 'person') });
  }
  return rules;
}

/** The last matching rule wins, as in CODEOWNERS; `--map` rules come after CODEOWNERS, so they win over it. */
export function ownerRules(rules: Rule[]): OwnerRules {
  return {
    match(rel) {
      const hit = [...rules].reverse().find((rule) => rule.test(rel));
      return hit ? { team: hit.team, owners: hit.owners } : { team: null, owners: [] };
    },
  };
}

function globTest(pattern: string): (rel: string) => boolean {
  const clean = pattern.replace(/^\.?\//, '');
  if (clean.endsWith('/')) return (rel) => rel.startsWith(clean);
  const glob = picomatch(clean, { dot: true });
  // A plain folder name matches what is under it too.
  return (rel) => glob(rel) || rel.startsWith(`${clean}/`);
}

/** CODEOWNERS patterns follow .gitignore: `/x` is anchored at the root, `x` matches at any depth, `x/` a folder. */
function codeownersTest(pattern: string): (rel: string) => boolean {
  const anchored = pattern.startsWith('/');
  let clean = pattern.replace(/^\//, '');
  if (clean === '*' || clean === '**') return () => true;
  if (clean.endsWith('/')) clean += '**';
  const globs = anchored || clean.includes('/') ? [clean, `${clean}/**`] : [`**/${clean}`, `**/${clean}/**`];
  const test = picomatch(globs, { dot: true });
  return (rel) => test(rel);
}
