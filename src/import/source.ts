import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { decode } from '../load/decode.ts';
import { readRegularFile } from '../load/index.ts';
import { parseYaml } from '../parse/yaml.ts';

/** A source file that could not be imported, and why; the rest of the collection still imports. */
export interface Skipped {
  /** Path relative to the collection, forward slashes. */
  rel: string;
  reason: string;
}

/** One Markdown page of the collection: its frontmatter as data, its body as text and as a tree. */
export interface SourceDoc {
  rel: string;
  abs: string;
  /** Frontmatter fields in the order written; `{}` when the page has none. */
  fm: Record<string, unknown>;
  /** The text after the frontmatter. */
  body: string;
  /** The body's Markdown tree; positions are offsets into `body`. */
  tree: Root;
}

const markdown = unified().use(remarkParse).use(remarkGfm);
const withFrontmatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

/** Parses Markdown text (a body) into its tree. */
export function parseBody(body: string): Root {
  return markdown.parse(body) as Root;
}

/**
 * Every file under `root`, relative and sorted; hidden files and folders are left out. Markdown that is
 * not a regular file (a symbolic link, a pipe) is listed so it can be reported; other such entries are not.
 */
export async function listSources(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() || /\.(md|markdown)$/i.test(entry.name)) found.push(child);
    }
  };
  await walk('');
  return found.sort();
}

/** Reads a text file of the collection: UTF-8 only; a binary, unreadable or oversized file is a reason to skip it. */
export async function readText(root: string, rel: string, maxBytes: number): Promise<string | Skipped> {
  const abs = path.join(root, rel);
  try {
    const info = await lstat(abs);
    if (info.isSymbolicLink()) return { rel, reason: 'the file is a symbolic link, which import does not follow; copy the file in instead' };
    if (!info.isFile()) return { rel, reason: 'the file is not a regular file (a pipe, socket or device)' };
    if (info.size > maxBytes) return { rel, reason: `the file is ${(info.size / 1048576).toFixed(1)} MB, larger than the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
    const text = decode(await readRegularFile(abs));
    return typeof text === 'string' ? text : { rel, reason: text.message };
  } catch (cause) {
    return { rel, reason: `the file cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'}); check that it is readable` };
  }
}

/** A Markdown page split into frontmatter and body; bad YAML (or TOML, which Handover does not read) is a reason to skip it. */
export async function readDoc(root: string, rel: string, maxBytes: number): Promise<SourceDoc | Skipped> {
  const text = await readText(root, rel, maxBytes);
  if (typeof text !== 'string') return text;
  let head;
  try {
    head = (withFrontmatter.parse(text) as Root).children[0];
  } catch {
    return { rel, reason: 'the Markdown is nested too deeply to read' };
  }
  let fm: Record<string, unknown> = {};
  let body = text;
  if ((head?.type as string) === 'toml') return { rel, reason: 'the frontmatter is TOML (+++); convert it to YAML (---) first' };
  if (head?.type === 'yaml') {
    const yaml = parseYaml(head.value, rel, 2);
    const problem = yaml.diagnostics[0];
    if (problem) return { rel, reason: `line ${problem.line}: ${problem.message}` };
    if (yaml.value !== null && yaml.value !== undefined && (typeof yaml.value !== 'object' || Array.isArray(yaml.value)))
      return { rel, reason: 'the frontmatter is not a set of fields (key: value)' };
    fm = (yaml.value ?? {}) as Record<string, unknown>;
    body = text.slice(head.position!.end.offset!).replace(/^\n+/, '');
  }
  try {
    return { rel, abs: path.join(root, rel), fm, body, tree: parseBody(body) };
  } catch {
    return { rel, reason: 'the Markdown is nested too deeply to read' };
  }
}

/** True for a value `readDoc` or `readText` skipped. */
export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && 'reason' in value && 'rel' in value && !('tree' in value);
}
