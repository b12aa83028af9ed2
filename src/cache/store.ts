/**
 * One pack file of cached entries: `[4-byte index length][index JSON][entries]`.
 * Read once, sliced lazily; rewritten whole (temp file + rename) with only the entries
 * the last build used, so the cache never grows past one site's worth.
 */
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Entries by content hash, loaded from and saved to one pack. */
export interface Store {
  get(hash: string): string | undefined;
  /** Records an entry (or keeps a hit) for the next save. */
  keep(hash: string, text: string): void;
  /** Hits and misses since opening. */
  readonly stats: { hits: number; misses: number };
  /** Writes the pack when the entries used differ from the saved ones; stale packs of other keys are removed. */
  save(): Promise<void>;
}

/**
 * Opens the pack `<dir>/<name>-<key>.pack`; a missing or unreadable pack is an empty cache.
 * A long-lived store (dev) is saved after each build: each save keeps exactly the entries used since the last one.
 */
export async function openStore(dir: string, name: string, key: string): Promise<Store> {
  const file = path.join(dir, `${name}-${key}.pack`);
  let { index, data } = await readPack(file);
  let saved = new Set(index.keys());
  let previous = new Map<string, string>();
  let round = new Map<string, string>();
  /** Entries read from the pack with their bytes there: saved again as those bytes, not encoded anew. */
  let read = new Map<string, { text: string; bytes: Buffer }>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    get(hash) {
      const text = round.get(hash) ?? previous.get(hash) ?? slice(hash);
      if (text === undefined) stats.misses++;
      else stats.hits++;
      return text;
    },
    keep(hash, text) {
      round.set(hash, text);
    },
    async save() {
      const used = round;
      const bytes = read;
      previous = round;
      round = new Map();
      read = new Map();
      index = new Map();
      data = Buffer.alloc(0);
      if (used.size === saved.size && [...used.keys()].every((hash) => saved.has(hash))) return;
      saved = new Set(used.keys());
      // The very string read from the pack (kept as read, not re-parsed after a damaged entry) has those bytes.
      const entries = new Map([...used].map(([hash, text]): [string, string | Buffer] => [hash, bytes.get(hash)?.text === text ? bytes.get(hash)!.bytes : text]));
      try {
        await writePack(file, entries);
        await removeStale(dir, name, path.basename(file));
      } catch {
        // The cache is only a speed-up: a read-only or full disk must not fail the build that used it.
        saved = new Set();
      }
    },
  };

  function slice(hash: string): string | undefined {
    const at = index.get(hash);
    if (!at) return undefined;
    const bytes = data.subarray(at[0], at[0] + at[1]);
    const text = bytes.toString('utf8');
    read.set(hash, { text, bytes });
    return text;
  }
}

/** Bytes written at once: big enough for few system calls, small enough that saving never holds a second copy of the whole cache. */
const WRITE_CHUNK = 1 << 20;

/**
 * Writes the pack to a temp file and renames it over the old one, so a reader sees the old pack or the new one.
 * A megabyte per write: the streamed write it replaces (one asynchronous write per entry) took 60-90 ms at
 * 1,000 runbooks, most of it waiting between writes; this about 20 ms, and it never blocks (dev saves while serving).
 */
async function writePack(file: string, entries: Map<string, string | Buffer>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  let offset = 0;
  const table: Record<string, [number, number]> = {};
  for (const [hash, text] of entries) {
    const length = typeof text === 'string' ? Buffer.byteLength(text) : text.length;
    table[hash] = [offset, length];
    offset += length;
  }
  const head = Buffer.from(JSON.stringify(table));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  const temp = `${file}.${process.pid}-${Date.now()}.tmp`;
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'w');
    let chunks: Buffer[] = [size, head];
    let pending = size.length + head.length;
    const flush = async () => {
      const bytes = Buffer.concat(chunks, pending);
      chunks = [];
      pending = 0;
      for (let at = 0; at < bytes.length; ) at += (await handle!.write(bytes, at)).bytesWritten;
    };
    for (const text of entries.values()) {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      chunks.push(bytes);
      pending += bytes.length;
      if (pending >= WRITE_CHUNK) await flush();
    }
    await flush();
    await handle.close();
    handle = undefined;
    await rename(temp, file);
  } catch (cause) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true });
    throw cause;
  }
}

async function readPack(file: string): Promise<{ index: Map<string, [number, number]>; data: Buffer }> {
  const empty = { index: new Map(), data: Buffer.alloc(0) };
  const bytes = await readFile(file).catch(() => null);
  if (!bytes || bytes.length < 4) return empty;
  try {
    const length = bytes.readUInt32LE(0);
    if (4 + length > bytes.length) return empty;
    const table: unknown = JSON.parse(bytes.toString('utf8', 4, 4 + length));
    if (typeof table !== 'object' || table === null || Array.isArray(table)) return empty;
    const data = bytes.subarray(4 + length);
    const fits = (at: unknown): at is [number, number] =>
      Array.isArray(at) && at.length === 2 && Number.isSafeInteger(at[0]) && Number.isSafeInteger(at[1]) && at[0] >= 0 && at[1] >= 0 && at[0] + at[1] <= data.length;
    // An entry that points outside the file is dropped; what it holds is checked when it is read (serialize.ts).
    const index = new Map(Object.entries(table).filter((entry): entry is [string, [number, number]] => fits(entry[1])));
    return { index, data };
  } catch {
    // A torn or foreign file is only a cold cache.
    return empty;
  }
}

async function removeStale(dir: string, name: string, current: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(entries.filter((entry) => entry.startsWith(`${name}-`) && entry !== current && !entry.endsWith('.tmp')).map((entry) => rm(path.join(dir, entry), { force: true })));
}
