import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { checkBounds } from './bounds.ts';
import { compileBody, EMPTY_BODY, type Body } from '../compile/index.ts';
import { error, type Diagnostic } from '../diagnostic.ts';
import type { SourceFile } from '../load/index.ts';
import { gfmWithoutAutolinks, mayHoldAutolinks } from './gfm-without-autolinks.ts';
import { parseYaml, type YamlSource } from './yaml.ts';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
/** The same, for files where no autolink literal can match: same trees, about a third faster. */
const withoutAutolinks = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmWithoutAutolinks);

/** Deeper Markdown than this (a thousand nested quotes or emphasis marks) would overflow the stack of every later stage. */
const MAX_DEPTH = 200;

/** A runbook split into its frontmatter (with positions) and its compiled body. */
export interface ParsedRunbook {
  source: SourceFile;
  /** Null when the file has no readable frontmatter. */
  frontmatter: YamlSource | null;
  /** The Markdown body compiled to HTML and an outline; empty when the body could not be read. */
  body: Body;
  /** Problems outside the frontmatter's YAML (its own problems are in `frontmatter.diagnostics`). */
  diagnostics: Diagnostic[];
  /** Hash of the source text, when a cache was asked (its entry's key): the build keys pages on it. */
  hash?: string;
}

/**
 * Parses Markdown and its YAML frontmatter and compiles the body; never throws on user input.
 * Clean frontmatter keeps a compact table of places instead of the YAML document, and the
 * Markdown tree is not kept at all: both would dominate memory on large sites.
 */
export function parseRunbook(source: SourceFile): ParsedRunbook {
  const outside = checkBounds(source.text);
  if (outside) {
    const { line, column, message, hint } = outside;
    return { source, frontmatter: frontmatterOnly(source), body: EMPTY_BODY, diagnostics: [error('unreadable-file', message, { file: source.path, line, column, hint })] };
  }
  let tree: Root;
  try {
    tree = (mayHoldAutolinks(source.text) ? processor : withoutAutolinks).parse(source.text) as Root;
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    return { source, frontmatter: null, body: EMPTY_BODY, diagnostics: [tooDeep(source, 1)] };
  }
  const head = tree.children[0];
  const frontmatter = head?.type === 'yaml' ? parseYaml(head.value, source.path, (head.position?.start.line ?? 1) + 1) : null;
  if (frontmatter) tree.children.shift();
  const deep = deepestLine(tree);
  if (deep !== null) return { source, frontmatter, body: EMPTY_BODY, diagnostics: [tooDeep(source, deep)] };
  return { source, frontmatter, body: compileBody(tree), diagnostics: frontmatter ? [] : [missingFrontmatter(source)] };
}

/** The line where the tree first gets deeper than MAX_DEPTH, or null; iterative, so depth itself cannot overflow it. */
function deepestLine(tree: Root): number | null {
  const stack: [Node, number][] = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return node.position?.start.line ?? 1;
    for (const child of (node as Parent).children ?? []) stack.push([child, depth + 1]);
  }
  return null;
}

/** The frontmatter of a file whose body is not parsed, so its own problems are still reported. */
function frontmatterOnly(source: SourceFile): YamlSource | null {
  const block = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source.text);
  if (!block) return null;
  return parseYaml(block[1]!, source.path, 2);
}

function tooDeep(source: SourceFile, line: number): Diagnostic {
  return error('unreadable-file', `the Markdown is nested more than ${MAX_DEPTH} levels deep; flatten it`, {
    file: source.path,
    line,
    column: 1,
    hint: 'quotes, lists and emphasis nested this deep are almost always a pasting accident',
  });
}

function missingFrontmatter(source: SourceFile): Diagnostic {
  const where = { file: source.path, line: 1, column: 1 };
  if (source.text.trim() === '')
    return error('missing-frontmatter', 'the file is empty; start it with a frontmatter block', { ...where, hint: 'a --- block holding title, summary and status (see `handover new`)' });
  if (/^---[ \t]*(\n|$)/.test(source.text))
    return error('unclosed-frontmatter', 'the frontmatter block opened on line 1 is never closed; close it with ---', {
      ...where,
      hint: 'end the frontmatter with a line holding only ---',
    });
  return error('missing-frontmatter', 'the file has no frontmatter; start it with a --- block', {
    ...where,
    hint: 'start the file with a --- block holding title, summary and status, closed by another ---',
  });
}
