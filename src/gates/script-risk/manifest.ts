/**
 * The script-risk manifest: strict JSON validated against schemas/script-risk-manifest.schema.json,
 * read with positions so that every finding about an entry points at its line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { packageRoot } from '../../core/policy.js';
import { LineIndex } from '../../core/lines.js';

export const MANIFEST_SCHEMA_FILE = 'schemas/script-risk-manifest.schema.json';

export interface Position {
  line: number;
  column: number;
}

export interface ManifestEntry {
  index: number;
  path: string;
  category: string;
  requires_exec_guard: boolean;
  owner?: string;
  notes?: string;
  /** Where the entry's object starts, and where its fields' values are. */
  at: Position;
  pathAt: Position;
  categoryAt: Position;
  guardAt: Position;
  /** The entry's exact text, kept byte for byte by `manifest sync`. */
  offset: number;
  length: number;
}

export interface ManifestProblem extends Position {
  message: string;
  /** Stable text for the fingerprint: the JSON path, never the line. */
  matched: string;
}

export type ManifestRead =
  | { ok: true; entries: ManifestEntry[]; scripts: JsonNode }
  | { ok: false; problems: ManifestProblem[] };

let validator: ValidateFunction | null = null;

function validate(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(packageRoot(), MANIFEST_SCHEMA_FILE), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv.default({ allErrors: true, strict: true });
    validator = ajv.compile(schema);
  }
  return validator;
}

export function readManifest(text: string): ManifestRead {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  // The manifest is a .json file: comments and trailing commas would break other JSON readers of it.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first || !root) {
    const at = lines.position(first ? first.offset : 0);
    return { ok: false, problems: [{ ...at, message: `not valid JSON: ${first ? printParseErrorCode(first.error) : 'empty file'}`, matched: 'json' }] };
  }

  const dupes = duplicateKeys(root).map((key) => ({
    ...lines.position(key.offset),
    message: `duplicate key ${JSON.stringify(key.value)}: JSON readers disagree on which one applies`,
    matched: `duplicate ${pointerOf(key)}`,
  }));
  const v = validate();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // jsonc-parser is more lenient than JSON.parse in corners (control characters in strings).
    return { ok: false, problems: [{ line: 1, column: 1, message: `not valid JSON: ${(err as Error).message}`, matched: 'json' }] };
  }
  if (!v(data) || dupes.length) {
    return { ok: false, problems: [...dupes, ...schemaProblems(v.errors ?? [], root, lines)] };
  }

  const scripts = findNodeAtLocation(root, ['scripts']) as JsonNode;
  const entries = (scripts.children ?? []).map((node, index): ManifestEntry => {
    const field = (k: string) => findNodeAtLocation(node, [k]) as JsonNode;
    const value = JSON.parse(text.slice(node.offset, node.offset + node.length)) as Omit<ManifestEntry, 'index'>;
    return {
      ...value,
      index,
      at: lines.position(node.offset),
      pathAt: lines.position(field('path').offset),
      categoryAt: lines.position(field('category').offset),
      guardAt: lines.position(field('requires_exec_guard').offset),
      offset: node.offset,
      length: node.length,
    };
  });
  return { ok: true, entries, scripts };
}

function duplicateKeys(node: JsonNode): JsonNode[] {
  const out: JsonNode[] = [];
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (!key) continue;
      if (seen.has(String(key.value))) out.push(key);
      seen.add(String(key.value));
    }
  }
  for (const child of node.children ?? []) out.push(...duplicateKeys(child));
  return out;
}

function pointerOf(node: JsonNode): string {
  const parts: string[] = [];
  let n: JsonNode | undefined = node;
  while (n?.parent) {
    const parent: JsonNode = n.parent;
    if (parent.type === 'property') parts.unshift(String(parent.children?.[0]?.value));
    else if (parent.type === 'array') parts.unshift(String(parent.children?.indexOf(n)));
    n = parent.type === 'property' ? parent.parent : parent;
  }
  return '/' + parts.join('/');
}

function schemaProblems(errors: ErrorObject[], root: JsonNode, lines: LineIndex): ManifestProblem[] {
  const seen = new Set<string>();
  const out: ManifestProblem[] = [];
  for (const err of errors) {
    const keyPath = err.instancePath
      ? err.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s))
      : [];
    let node = findNodeAtLocation(root, keyPath) ?? root;
    let detail = err.message ?? 'is invalid';
    let where = err.instancePath || '/';
    if (err.keyword === 'additionalProperties') {
      const extra = String(err.params.additionalProperty);
      const prop = node.children?.find((p) => p.children?.[0]?.value === extra);
      if (prop?.children?.[0]) node = prop.children[0];
      detail = `unknown key "${extra}"`;
      where = `${err.instancePath}/${extra}`;
    } else if (err.keyword === 'const') {
      detail = `must be ${JSON.stringify(err.params.allowedValue)}`;
    } else if (err.keyword === 'pattern' && where.endsWith('/path')) {
      detail = 'must be a repo-relative POSIX path (no leading ./ or /, no . or .. segments, no backslashes)';
    }
    const key = `${where} ${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...lines.position(node.offset), message: `${where}: ${detail}`, matched: key });
  }
  return out;
}
