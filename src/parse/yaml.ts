import { isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type ErrorCode, type Node } from 'yaml';
import { error, type Diagnostic, type Place } from '../diagnostic.ts';
import { fromTable, placeTable, type Path, type YamlSource } from './places.ts';

/** Keys that could reach an object's prototype if data were ever merged. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Billion-laughs guard: aliases resolved per document. */
const MAX_ALIASES = 100;

export type { Path, YamlSource };

/**
 * Parses YAML text that starts at line `firstLine` of `file`.
 * Never throws: broken, hostile or unsafe YAML becomes diagnostics.
 */
export function parseYaml(source: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  // YAML 1.2 core whatever the document's own %YAML directive says: no timestamps turned into Dates, no `<<` merges.
  const at = (offset: number): Place => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + firstLine - 1, column: pos.col };
  };
  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2', schema: 'core', merge: false });
  } catch (cause) {
    // Thousands of nested block sequences (`- - - …`) overflow the parser's own stack before it can report an error.
    if (!(cause instanceof RangeError)) throw cause;
    const deepest = /(?:- |\[|\{|\? ){200}/.exec(source);
    const place = deepest ? at(deepest.index) : { line: firstLine, column: 1 };
    return { value: undefined, diagnostics: [error('yaml-syntax', TOO_DEEP.message, { file, ...place, hint: TOO_DEEP.hint })], has: () => false, place: () => place };
  }
  const syntax = syntaxProblems(doc, file, at);
  const taken = new Set(syntax.map((d) => d.line));
  // A key problem on a line that already has a syntax error is an echo of it.
  const diagnostics = [...syntax, ...unsafeKeys(doc, file, at).filter((d) => !taken.has(d.line))];
  let value: unknown;
  if (diagnostics.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (cause) {
      const aliases = /alias/i.test((cause as Error).message);
      diagnostics.push(
        aliases
          ? error('yaml-syntax', 'the aliases (*name) expand to too much data; write the values out instead', {
              file,
              ...at(firstAlias(doc)),
              hint: 'aliases are limited to keep a hostile file from exhausting memory',
            })
          : error('yaml-syntax', TOO_DEEP.message, { file, line: firstLine, column: 1, hint: TOO_DEEP.hint }),
      );
    }
  }
  const start = { line: firstLine, column: 1 };
  // Broken YAML has no value to check, so nothing asks where its fields are.
  if (diagnostics.length) return { value, diagnostics, has: () => false, place: () => start };
  // Every field's place, in one walk; the document itself is let go.
  return fromTable(value, JSON.stringify(placeTable(doc.contents as Node | null, value, at, start)));
}

const GENERIC_HINT = 'check indentation, colons and quotes on this line or the one above';
/** The parser ran out of stack: hundreds of nested levels, never a real runbook. */
const TOO_DEEP = { message: 'the YAML is nested too deeply to read; flatten it', hint: 'keep lists and maps a few levels deep' };
/** `title: Refunds: drafts`, the commonest YAML slip in prose fields. */
const COMPACT = { message: 'a value holds ": " on the same line as its key; quote the value', hint: 'quote the value, e.g. title: "Refunds: drafts"' };

/** What each YAML parser error means for someone editing a runbook, and what to do about it. */
const EXPLAIN: Partial<Record<ErrorCode, { message?: string; hint: string }>> = {
  TAB_AS_INDENT: { message: 'a tab is used for indentation; indent with spaces', hint: 'YAML indents with spaces only; replace the tab with spaces' },
  MISSING_CHAR: { hint: 'add the missing character; quotes and brackets come in pairs' },
  BAD_DQ_ESCAPE: { hint: 'write \\\\ for a backslash inside "double quotes", or use single quotes' },
  BAD_SCALAR_START: { hint: 'quote the value: a value starting with @, ` or a similar mark must be in quotes' },
  MULTIPLE_DOCS: { message: 'the file holds more than one YAML document (a line with only ---); remove the extra ---', hint: 'remove the --- line; write one document' },
  TAG_RESOLVE_FAILED: { message: 'unknown YAML tag; remove it', hint: 'remove the !tag and write a plain value' },
  BAD_DIRECTIVE: { message: 'unknown YAML directive; remove it', hint: 'remove the line starting with %' },
  DUPLICATE_KEY: { hint: 'each key may appear once; merge the two entries' },
  MULTILINE_IMPLICIT_KEY: { message: 'a line is not "key: value" or a list item, or a key runs over two lines; fix the indentation', hint: GENERIC_HINT },
  BLOCK_AS_IMPLICIT_KEY: { message: 'a line is not "key: value" or a list item, or a key runs over two lines; fix the indentation', hint: GENERIC_HINT },
  KEY_OVER_1024_CHARS: { message: 'a key is longer than 1024 characters', hint: 'shorten the key, or write it as a value' },
};

/** Parser errors and warnings, one per line (later errors on a line are usually echoes of the first). */
function syntaxProblems(doc: Document, file: string, at: (offset: number) => Place): Diagnostic[] {
  const problems = [...doc.errors, ...doc.warnings];
  // Past the depth where the parser gave up, every later line is an echo (e.g. "a key is longer than 1024 characters").
  const deep = problems.find((problem) => /call stack/i.test(problem.message));
  if (deep) return [error('yaml-syntax', TOO_DEEP.message, { file, ...at(deep.pos[0]), hint: TOO_DEEP.hint })];
  const out: Diagnostic[] = [];
  const lines = new Set<number>();
  for (const problem of problems) {
    const unclosed = unclosedQuote(doc, problem);
    if (unclosed) {
      // Where the parser gave up (often the end of the frontmatter) is not where the mistake is: point at the opening quote.
      const opens = at(unclosed.start);
      const end = at(problem.pos[0]);
      if (lines.has(opens.line)) continue;
      lines.add(opens.line);
      const message = `this ${unclosed.quote === '"' ? 'double' : 'single'} quote is never closed (the parser reached line ${end.line} looking for it); close it with ${unclosed.quote} at the end of the value`;
      out.push(error('yaml-syntax', message, { file, ...opens, hint: 'quotes come in pairs; or drop the quotes if the value needs none' }));
      continue;
    }
    const place = at(problem.pos[0]);
    if (lines.has(place.line)) continue;
    lines.add(place.line);
    const explained = /compact mappings/.test(problem.message) ? COMPACT : EXPLAIN[problem.code];
    out.push(error('yaml-syntax', explained?.message ?? firstSentence(problem.message), { file, ...place, hint: explained?.hint ?? GENERIC_HINT }));
  }
  return out;
}

/** For a "missing closing quote" error: the quoted scalar that runs to where the parser gave up, with its quote mark. */
function unclosedQuote(doc: Document, problem: { code: ErrorCode; message: string; pos: [number, number] }): { start: number; quote: string } | null {
  if (problem.code !== 'MISSING_CHAR' || !/closing ["']quote/i.test(problem.message)) return null;
  const quote = /closing (["'])quote/i.exec(problem.message)![1]!;
  let found: { start: number; quote: string } | null = null;
  visit(doc, {
    Scalar(_, node) {
      const type = quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      if (node.type === type && node.range && node.range[0] <= problem.pos[0] && node.range[1] >= problem.pos[0]) found = { start: node.range[0], quote };
    },
  });
  return found;
}

/** Keys that are not plain text, repeated keys, keys naming object internals, and aliases to nothing. */
function unsafeKeys(doc: Document, file: string, at: (offset: number) => Place): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (node: Node | null | undefined, fallback: number) => ({ file, ...at(node?.range?.[0] ?? fallback) });
  visit(doc, {
    Map(_, map, ancestors) {
      const first = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const seen = first.get(name);
        if (!seen) first.set(name, pair.key);
        else
          out.push(
            error('duplicate-key', `the key "${name}" appears twice in the same block; the first is on line ${at(seen.range?.[0] ?? 0).line}`, {
              ...where(pair.key, 0),
              field: fieldOf([...ancestors, map], name),
              hint: EXPLAIN.DUPLICATE_KEY!.hint,
            }),
          );
      }
    },
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.value === null)
        out.push(
          error('yaml-syntax', 'a key must be plain text; write name: value', {
            ...where(pair.key as Node | null, (pair.value as Node | null)?.range?.[0] ?? 0),
            hint: 'write name: value; lists and maps cannot be keys',
          }),
        );
      else if (FORBIDDEN_KEYS.has(String(pair.key.value)))
        out.push(
          error('forbidden-key', `the key "${String(pair.key.value)}" is not allowed; rename it`, {
            ...where(pair.key, 0),
            field: fieldOf(ancestors, String(pair.key.value)),
            hint: 'keys that name JavaScript object internals (__proto__, constructor, prototype) are rejected for safety',
          }),
        );
    },
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined)
        out.push(error('yaml-syntax', `the alias *${alias.source} has no anchor &${alias.source} before it; define it first`, { ...where(alias, 0), hint: 'define &name before using *name, or write the value out' }));
    },
  });
  return out;
}

/** `owners.maintainer.primary` for a key, from the nodes above it (maps name their keys, lists give the index). */
function fieldOf(ancestors: readonly unknown[], key: string): string {
  let field = '';
  ancestors.forEach((node, i) => {
    const child = ancestors[i + 1];
    if (isPair(node) && isScalar(node.key)) field += `${field ? '.' : ''}${String(node.key.value)}`;
    else if (isSeq(node) && child !== undefined) field += `[${node.items.indexOf(child as Node)}]`;
  });
  return `${field}${field ? '.' : ''}${key}`;
}

function firstAlias(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstSentence(message: string): string {
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  return text.charAt(0).toLowerCase() + text.slice(1);
}
