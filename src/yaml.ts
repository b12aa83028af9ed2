import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { error, type Diagnostic, type Place } from './diagnostic.ts';

/** Keys that could reach an object's prototype if data were ever merged. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Billion-laughs guard: aliases resolved per document. */
const MAX_ALIASES = 100;

export type Path = readonly PropertyKey[];

/** YAML parsed with positions, so any field path maps back to a line and column. */
export interface YamlSource {
  /** Plain data; undefined when the YAML is broken. */
  value: unknown;
  /** Where the node at `path` starts; `key: true` points at the key of a map entry. */
  place(path: Path, options?: { key?: boolean }): Place;
  /** Whether a node exists at `path`. */
  has(path: Path): boolean;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML text that starts at line `firstLine` of `file`.
 * Never throws: broken, hostile or unsafe YAML becomes diagnostics.
 */
export function parseYaml(source: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Place => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + firstLine - 1, column: pos.col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const duplicate = problem.code === 'DUPLICATE_KEY';
    const tab = /tab/i.test(problem.message);
    diagnostics.push(
      error(duplicate ? 'duplicate-key' : 'yaml-syntax', firstSentence(problem.message), {
        file,
        ...at(problem.pos[0]),
        hint: duplicate
          ? 'each key may appear once; merge the two entries'
          : tab
            ? 'YAML indents with spaces, never tabs'
            : 'check indentation, colons and quotes on this line or the one above',
      }),
    );
  }
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value)))
        diagnostics.push(
          error('forbidden-key', `the key "${String(pair.key.value)}" is not allowed`, {
            file,
            ...at(pair.key.range?.[0] ?? 0),
            hint: 'rename it; keys that name object internals are rejected for safety',
          }),
        );
    },
  });
  let value: unknown;
  if (diagnostics.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (cause) {
      diagnostics.push(
        error('yaml-syntax', `cannot read the YAML: ${firstSentence((cause as Error).message)}`, {
          file,
          line: firstLine,
          column: 1,
          hint: 'aliases (*name) are limited; write the values out instead',
        }),
      );
    }
  }
  return {
    value,
    diagnostics,
    has: (path) => find(doc, path).exact,
    place(path, options = {}) {
      const { node, key, exact } = find(doc, path);
      const target = options.key && exact && key ? key : node;
      return target?.range ? at(target.range[0]) : { line: firstLine, column: 1 };
    },
  };
}

/** Walks `path` as far as it goes; returns the deepest node found. */
function find(doc: Document, path: Path): { node: Node | null; key: Node | null; exact: boolean } {
  let node = doc.contents as Node | null;
  let key: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { node, key, exact: false };
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      key = null;
      node = node.items[segment] as Node;
    } else {
      return { node, key, exact: false };
    }
  }
  return { node, key, exact: true };
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
