import { readFile } from 'node:fs/promises';
import { Document, isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { UserError } from '../diagnostic.ts';
import { displayPath } from '../core/paths.ts';
import type { OwnerRef } from './owners.ts';

/** One stub the import adds to people.yaml. */
export interface Stub {
  kind: 'team' | 'person';
  id: string;
  /** The handle it was made from. */
  written: string;
}

/**
 * people.yaml as the import extends it: every owner found becomes an id. A handle already in the file
 * (a team's `chat`, a person's `contact.chat` or email) or an id already there is used as it is; anything
 * else gets a stub (`#channel` -> a team with that chat, `@user` -> a person), never replacing an existing id.
 */
export class PeopleBook {
  readonly added: Stub[] = [];
  private readonly teams = new Map<string, { chat?: string; email?: string }>();
  private readonly people = new Map<string, { chat?: string; email?: string }>();
  private readonly made = new Map<string, string>();

  private constructor(
    readonly file: string,
    readonly exists: boolean,
    private readonly doc: Document,
  ) {
    for (const [list, into] of [['teams', this.teams], ['people', this.people]] as const) {
      const items = (doc.toJS() as Record<string, unknown> | null)?.[list];
      if (!Array.isArray(items)) continue;
      for (const item of items as { id?: unknown; chat?: unknown; contact?: { chat?: unknown; email?: unknown } }[])
        if (typeof item?.id === 'string') into.set(item.id, { chat: str(item.chat ?? item.contact?.chat), email: str(item.contact?.email) });
    }
  }

  /** Opens `file`; a people.yaml that cannot be read stops the import before anything is written. */
  static async open(file: string): Promise<PeopleBook> {
    const text = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return null;
      throw new UserError(`${displayPath(file)} cannot be read (${cause.code}); nothing was imported`);
    });
    if (text === null) return new PeopleBook(file, false, new Document({ teams: [], people: [] }));
    const doc = parseDocument(text, { version: '1.2', schema: 'core', merge: false });
    if (doc.errors.length || (doc.contents !== null && !isMap(doc.contents)))
      throw new UserError(`${displayPath(file)} is not valid YAML (${doc.errors[0]?.message.split('\n')[0] ?? 'not a mapping'}); fix it (handover check shows where), then import again. Nothing was imported`);
    return new PeopleBook(file, true, doc);
  }

  /** True when people.yaml has a team with this id. */
  hasTeam(id: string): boolean {
    return this.teams.has(id);
  }

  /** The id an owner gets: an existing one, or a new stub's. */
  idOf(owner: OwnerRef): string {
    const key = `${owner.kind}:${(owner.chat ?? owner.email ?? owner.written).toLowerCase()}`;
    const known = this.made.get(key);
    if (known) return known;
    const id = this.existing(owner) ?? this.stub(owner);
    this.made.set(key, id);
    return id;
  }

  private existing(owner: OwnerRef): string | undefined {
    const same = (a?: string, b?: string) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
    const pool = owner.kind === 'team' ? this.teams : this.people;
    for (const [id, entry] of pool)
      if (same(entry.chat, owner.chat) || same(entry.email, owner.email)) return id;
    return pool.has(owner.id) && !owner.chat && !owner.email ? owner.id : undefined;
  }

  private stub(owner: OwnerRef): string {
    // Person and team ids are one namespace where a runbook names either (escalation, a guide's owner).
    const taken = (id: string) => this.teams.has(id) || this.people.has(id);
    let id = owner.id;
    for (let n = 2; taken(id); n++) id = owner.kind === 'team' && n === 2 ? `${owner.id}-team` : `${owner.id}-${n}`;
    const name = owner.written.replace(/^[#@]/, '').replace(/^(group|user):(?:[\w-]+\/)?/i, '');
    const entry =
      owner.kind === 'team'
        ? { id, name, ...(owner.chat ? { chat: owner.chat } : {}) }
        : { id, name, ...(owner.chat || owner.email ? { contact: { ...(owner.chat ? { chat: owner.chat } : {}), ...(owner.email ? { email: owner.email } : {}) } } : {}) };
    (owner.kind === 'team' ? this.teams : this.people).set(id, { chat: owner.chat, email: owner.email });
    const list = owner.kind === 'team' ? 'teams' : 'people';
    if (!this.doc.has(list) || !isSeq(this.doc.get(list))) this.doc.set(list, this.doc.createNode([]));
    const node = this.doc.createNode(entry) as YAMLMap;
    node.commentBefore = ` added by handover import from ${owner.written}: check the name${owner.kind === 'person' ? ', add a team' : ''}`;
    this.doc.addIn([list], node);
    this.added.push({ kind: owner.kind, id, written: owner.written });
    return id;
  }

  /** The file's new text; unchanged parts as they were written. */
  text(): string {
    if (!this.exists) this.doc.commentBefore = ' Every person and team id used in a runbook or guide. Started by handover import.';
    return this.doc.toString({ lineWidth: 0 });
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
