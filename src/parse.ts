import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { error, type Diagnostic } from './diagnostic.ts';
import type { SourceFile } from './load.ts';
import { parseYaml, type YamlSource } from './yaml.ts';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** A runbook split into its frontmatter (with positions) and its Markdown tree. */
export interface ParsedRunbook {
  source: SourceFile;
  /** Null when the file has no readable frontmatter. */
  frontmatter: YamlSource | null;
  /** The Markdown body, frontmatter node removed. */
  tree: Root;
  diagnostics: Diagnostic[];
}

/** Parses Markdown and its YAML frontmatter; never throws on user input. */
export function parseRunbook(source: SourceFile): ParsedRunbook {
  const tree = processor.parse(source.text) as Root;
  const head = tree.children[0];
  if (head?.type === 'yaml') {
    tree.children.shift();
    const frontmatter = parseYaml(head.value, source.path, (head.position?.start.line ?? 1) + 1);
    return { source, frontmatter, tree, diagnostics: frontmatter.diagnostics };
  }
  return { source, frontmatter: null, tree, diagnostics: [missingFrontmatter(source)] };
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
