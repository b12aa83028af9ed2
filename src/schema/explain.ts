import type { z } from 'zod';
import { error, fieldPath, type Diagnostic } from '../diagnostic.ts';
import { didYouMean } from '../core/suggest.ts';
import { datePattern, durationPattern, idPattern } from './common.ts';
import { targetPattern } from './runbook.ts';
import type { Path, YamlSource } from '../parse/yaml.ts';

/** Result of checking one YAML document against its schema. */
export type Validated<T> = { ok: true; data: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The one boundary between zod and the user: every issue becomes a Diagnostic with
 * the real line and column of the offending node, a field path, a rule id and a hint.
 */
export function validateDocument<S extends z.ZodType>(schema: S, source: YamlSource, file: string): Validated<z.output<S>> {
  if (source.diagnostics.length) return { ok: false, diagnostics: source.diagnostics };
  const value = source.value ?? {};
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) => toDiagnostics(issue, schema, source, file, value));
  return { ok: false, diagnostics };
}


/** One zod issue, explained for the person who wrote the value; `key` means the place is the key of an unknown field. */
export interface Explained {
  rule: string;
  message: string;
  hint?: string;
  path: PropertyKey[];
  key?: boolean;
}

function toDiagnostics(issue: z.core.$ZodIssue, schema: z.ZodType, source: YamlSource, file: string, root: unknown): Diagnostic[] {
  return explainIssue(issue, schema, root, { customHome: '"extra"' }).map(({ rule, message, hint, path, key }) => {
    const field = fieldPath(path);
    return error(rule, message, { file, ...source.place(path, { key }), ...(field ? { field } : {}), ...(hint ? { hint } : {}) });
  });
}

/**
 * Turns a zod issue into rule, message and hint: unknown fields with did-you-mean, missing fields,
 * enums with the allowed values, wrong types, and the schemas' own messages. Shared by YAML and config checks.
 */
export function explainIssue(issue: z.core.$ZodIssue, schema: z.ZodType, root: unknown, options: { customHome?: string; document?: string } = {}): Explained[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path);
    return issue.keys.map((key) => {
      const suggestion = didYouMean(key, known);
      const todo = path.length === 0 && options.customHome ? `fix the name, or put custom data under ${options.customHome}` : 'fix the name or remove it';
      const hint = suggestion ? `did you mean '${suggestion}'?` : `known fields here: ${known.join(', ')}`;
      return { rule: 'unknown-field', message: `unknown field "${key}"; ${todo}`, hint, path: [...path, key], key: true };
    });
  }
  const actual = valueAt(root, path);
  const field = fieldPath(path);
  const one = (rule: string, message: string, hint?: string): Explained[] => [{ rule, message, hint, path }];
  if (path.length === 0)
    return options.document
      ? one('invalid-value', `${options.document} must be a set of fields, not ${describe(actual)}`, 'write an object: { title: "..." }')
      : one('invalid-value', `the document must be a set of fields (name: value lines), not ${describe(actual)}`, 'start each line with a field name, e.g. title: Refund reply drafts');
  if (actual === undefined && ['invalid_type', 'invalid_union', 'invalid_value'].includes(issue.code) && parentExists(root, path))
    return [{ ...missing(issue, path), path }];
  if (issue.code === 'invalid_value') {
    const values = issue.values.map(String);
    const suggestion = typeof actual === 'string' ? didYouMean(actual, values) : null;
    return one('invalid-value', `"${field}" is ${describe(actual)}; it must be one of ${values.join(', ')}`, suggestion ? `did you mean '${suggestion}'?` : `use one of ${values.join(', ')}`);
  }
  if (issue.code === 'invalid_union') return one('invalid-value', `"${field}" must be text, not ${describe(actual)}`, typeHint('string'));
  if (issue.code === 'invalid_type') return one('invalid-value', `"${field}" must be ${article(issue.expected)}, not ${describe(actual)}`, typeHint(issue.expected));
  const custom = issue.code === 'custom' ? issue.params?.rule : undefined;
  const rule = typeof custom === 'string' ? custom : 'invalid-value';
  // zod's own wording ("Invalid string: must match pattern …") starts with a capital; ours never does.
  const hint = issueHint(issue);
  const zodWords = `${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
  const own = /^[a-z]/.test(issue.message)
    ? issue.message
    : (bounds(issue) ?? (hint ? `is ${describe(actual)}, not in the expected form; write it as the hint shows` : `is ${describe(actual)}; ${zodWords}`));
  return one(rule, rule === 'invalid-value' ? `"${field}" ${own}` : issue.message, hint);
}

/** `missing-field`, with the allowed values in the hint when the field is an enum. */
function missing(issue: z.core.$ZodIssue, path: Path): Omit<Explained, 'path'> {
  const key = String(path.at(-1));
  const parent = fieldPath(path.slice(0, -1));
  const values = issue.code === 'invalid_value' ? `, one of ${issue.values.map(String).join(', ')}` : '';
  const under = parent ? ` under ${parent}` : '';
  return { rule: 'missing-field', message: `the required field "${fieldPath(path)}" is missing; add it`, hint: `add "${key}: ..."${under}${values}` };
}

function parentExists(root: unknown, path: Path): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  return parent !== null && typeof parent === 'object';
}

/** `must be at least 1`, for a number out of range (zod's own words name no field). */
function bounds(issue: z.core.$ZodIssue): string | undefined {
  if ((issue.code !== 'too_small' && issue.code !== 'too_big') || issue.origin !== 'number') return undefined;
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
  return `must be ${word} ${String(limit)}`;
}

function issueHint(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'too_small' && issue.origin === 'array') return 'add at least one item';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'write some text here';
  if (issue.code === 'too_small' || issue.code === 'too_big') return 'write a whole number in that range';
  if (issue.code === 'custom' && typeof issue.params?.hint === 'string') return issue.params.hint;
  if (issue.code !== 'invalid_format') return undefined;
  if (issue.format === 'email') return 'write a full address, e.g. dana@example.com';
  if (issue.format === 'url') return 'write a full address starting with https://';
  if (issue.format === 'regex') return PATTERN_HINTS.find(([pattern]) => String(pattern) === issue.pattern)?.[1];
  return undefined;
}

/** Hints for the shapes the schemas check with a pattern. */
const PATTERN_HINTS: [RegExp, string][] = [
  [idPattern, 'ids use lowercase letters, digits and "-", as in people.yaml'],
  [datePattern, 'write it as YYYY-MM-DD with leading zeros, e.g. 2026-03-07'],
  [durationPattern, 'a whole number then m (minutes), h (hours), d (days), w (weeks), mo (months) or y (years)'],
  [targetPattern, 'an operator (<, <=, >, >=, =) then a number, in quotes: target: "<= 0.04"'],
];

function typeHint(expected: string): string {
  if (expected === 'array') return 'write a list: [a, b] or one "- item" per line';
  if (expected === 'object') return 'write nested fields, indented under this key';
  if (expected === 'string') return 'write text; quote it if it looks like a number or a date';
  if (expected === 'boolean') return 'write true or false';
  if (expected === 'number') return 'write a number without quotes';
  return `write ${article(expected)}`;
}

function article(expected: string): string {
  if (expected === 'object') return 'a set of fields';
  if (expected === 'array') return 'a list';
  if (expected === 'string') return 'text';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return value;
}

/** The field names an object schema accepts at `path`, for did-you-mean. */
export function keysAt(schema: z.ZodType, path: Path): string[] {
  let node: z.core.$ZodType | undefined = unwrap(schema);
  for (const part of path) {
    if (!node) return [];
    const def = node._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') node = unwrap((def.shape as Record<string, z.core.$ZodType>)[String(part)]);
    else if (def.type === 'array') node = unwrap(def.element as z.core.$ZodType);
    else if (def.type === 'record') node = unwrap(def.valueType as z.core.$ZodType);
    else return [];
  }
  const def = node?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Looks through optional, default, pipe and refinement wrappers to the object or array inside. */
function unwrap(node: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = node;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current._zod.def as unknown as Record<string, unknown>;
    if ('innerType' in def) current = def.innerType as z.core.$ZodType;
    else if (def.type === 'pipe') current = def.in as z.core.$ZodType;
    else return current;
  }
  return current;
}
