import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError, UsageError } from './errors.js';
import type { PolicyException } from './exceptions.js';
import { buildPolicySchema, type PolicySectionOwner } from './policy-schema.js';
import type { Gate } from '../gates/types.js';

export const REPO_POLICY_FILES = ['.github/paperguard.yml', '.github/paperguard.yaml'];

/** The effective policy after merging; gate and capability sections are validated by their own schema fragment. */
export interface Policy {
  version: 1;
  gates: string[];
  inventory: { max_file_size: number };
  exceptions: { inline: boolean; entries: PolicyException[] };
  security_reviewers: { users: string[]; teams: string[] };
  sections: Record<string, unknown>;
}

export interface LoadedPolicy {
  policy: Policy;
  /** Display names of the merged sources, built-in first. */
  sources: string[];
  sha256: string;
  /** The repository's own policy file relative to the root (null when none, or outside the root). */
  repoFile: string | null;
  /** Where a key of the effective policy was written: the last source that sets it. */
  locate(keyPath: (string | number)[]): { path: string; line: number };
  /** The policy as it would be with the repository file replaced by `text` (e.g. the file at the base commit). */
  withRepoText(text: string | null): Record<string, unknown>;
}

/** A parsed policy file that can still answer "which line is this key on". */
export interface PolicySource {
  name: string;
  /** Relative to the scanned root when inside it, for findings about the policy. */
  relPath: string | null;
  doc: Document;
  lines: LineCounter;
  data: Record<string, unknown>;
}

/** The directory holding `policies/` and `schemas/`: two levels up from src/core, one up from dist. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(path.join(dir, 'policies', 'recommended.yml'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('paperguard installation is incomplete: policies/recommended.yml not found beside the bundle');
}

export function builtinPolicyPath(): string {
  return path.join(packageRoot(), 'policies', 'recommended.yml');
}

/** The registries a policy is validated against: the gates and the command capabilities. */
export interface SectionRegistry {
  gates: readonly Gate[];
  capabilities: readonly PolicySectionOwner[];
}

const validators = new WeakMap<readonly Gate[], WeakMap<readonly PolicySectionOwner[], ValidateFunction>>();

function validatorFor({ gates, capabilities }: SectionRegistry): ValidateFunction {
  let byCapabilities = validators.get(gates);
  if (!byCapabilities) validators.set(gates, (byCapabilities = new WeakMap()));
  let v = byCapabilities.get(capabilities);
  if (!v) {
    const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats.default(ajv, ['date']);
    v = ajv.compile(buildPolicySchema(gates, capabilities));
    byCapabilities.set(capabilities, v);
  }
  return v;
}

export function parsePolicySource(name: string, text: string, relPath: string | null): PolicySource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.pos ? lines.linePos(first.pos[0]).line : undefined;
    throw new ConfigError(`invalid YAML: ${first.message.split('\n')[0]}`, name, line);
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw new ConfigError('a policy must be a YAML mapping', name, 1);
  }
  return { name, relPath, doc, lines, data: data as Record<string, unknown> };
}

/** Validates one source on its own, so the error names that file and line. */
export function validateSource(src: PolicySource, registry: SectionRegistry): void {
  const validate = validatorFor(registry);
  if (validate(src.data)) return;
  const errors = validate.errors ?? [];
  const err = mostSpecific(errors);
  const keyPath = jsonPointerToPath(err.instancePath);
  let jsonPath = pathToJsonPath(keyPath);
  let detail = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperties') {
    const key = String(err.params.additionalProperty);
    keyPath.push(key);
    jsonPath = pathToJsonPath(keyPath);
    detail = `unknown key "${key}"`;
  } else if (err.keyword === 'enum') {
    detail = `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (err.keyword === 'anyOf' && /exceptions\.entries/.test(jsonPath)) {
    detail = 'needs a path or a fingerprint (an exception must say what it covers)';
  }
  throw new ConfigError(`${jsonPath}: ${detail}`, src.name, lineOf(src, keyPath));
}

/** Prefer the error deepest in the document: it is the one a person can act on. */
function mostSpecific(all: ErrorObject[]): ErrorObject {
  // The branches of an anyOf each fail on their own; the anyOf error itself says what is needed.
  const branchless = all.filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
  const errors = branchless.length ? branchless : all;
  const ranked = [...errors].sort((a, b) => {
    const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
    return depth(b) - depth(a) || Number(a.keyword === 'anyOf') - Number(b.keyword === 'anyOf');
  });
  return ranked[0] as ErrorObject;
}

function jsonPointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function pathToJsonPath(p: (string | number)[]): string {
  return '$' + p.map((k) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join('');
}

/** The 1-based line of the node (or map key) at `keyPath`, falling back to its nearest ancestor. */
export function lineOf(src: PolicySource, keyPath: (string | number)[]): number {
  for (let n = keyPath.length; n >= 0; n--) {
    const parentPath = keyPath.slice(0, Math.max(0, n - 1));
    const parent = parentPath.length ? src.doc.getIn(parentPath, true) : src.doc.contents;
    const last = keyPath[n - 1];
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && it.key.value === last);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return src.lines.linePos(range[0]).line;
    }
    const node = src.doc.getIn(keyPath.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return src.lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** Mappings merge key by key; a list or value set by the repository replaces the default. */
export function mergePolicy(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergePolicy(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with object keys sorted at every level: the same data always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function readSource(file: string, display: string, root: string): PolicySource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read policy: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, display);
  }
  const rel = path.relative(root, file);
  const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
  return parsePolicySource(display, text, inside ? rel.split(path.sep).join('/') : null);
}

/** Finds the repository policy: the explicit file, else `.github/paperguard.yml` under the root, else none. */
export function locateRepoPolicy(root: string, explicit: string | undefined, cwd: string): string | null {
  if (explicit) {
    const abs = path.resolve(cwd, explicit);
    if (!existsSync(abs)) throw new UsageError(`--policy ${explicit}: no such file`);
    return abs;
  }
  for (const rel of REPO_POLICY_FILES) {
    const abs = path.join(root, rel);
    if (existsSync(abs)) return abs;
  }
  return null;
}

/** Loads the built-in policy, extends it with the repository's, validates both, and returns the effective policy. */
/** `cwd` only shapes how the repository policy is named in messages (relative to where the user stands). */
export function loadPolicy(opts: SectionRegistry & { root: string; repoPolicy: string | null; cwd?: string }): LoadedPolicy {
  const builtin = readSource(builtinPolicyPath(), 'paperguard:policies/recommended.yml', opts.root);
  builtin.relPath = null; // the built-in file belongs to paperguard, never to the scanned repository
  validateSource(builtin, opts);
  const sources = [builtin];
  if (opts.repoPolicy) {
    const rel = path.relative(opts.cwd ?? opts.root, opts.repoPolicy) || opts.repoPolicy;
    const repo = readSource(opts.repoPolicy, rel.startsWith('..') ? opts.repoPolicy : rel, opts.root);
    validateSource(repo, opts);
    sources.push(repo);
  }
  const merged = sources.reduce<Record<string, unknown>>((acc, s) => mergePolicy(acc, s.data), {});
  const repoSource = sources[1];
  const policy = toPolicy(merged, sources, opts);
  return {
    policy,
    sources: sources.map((s) => s.name),
    sha256: createHash('sha256').update(canonicalJson(merged)).digest('hex'),
    repoFile: repoSource?.relPath ?? null,
    locate(keyPath) {
      const src = [...sources].reverse().find((s) => hasPath(s.data, keyPath)) ?? sources[sources.length - 1]!;
      return { path: src.relPath ?? src.name, line: lineOf(src, keyPath) };
    },
    withRepoText(text) {
      if (text === null) return builtin.data;
      // Not validated: an older policy may predate today's schema, and only its data is compared.
      return mergePolicy(builtin.data, parsePolicySource('base policy', text, null).data);
    },
  };
}

function hasPath(data: unknown, keyPath: (string | number)[]): boolean {
  let cur: unknown = data;
  for (const k of keyPath) {
    if (typeof cur !== 'object' || cur === null || !(k in cur)) return false;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return true;
}

function toPolicy(merged: Record<string, unknown>, sources: PolicySource[], { gates, capabilities }: SectionRegistry): Policy {
  const inventory = merged.inventory as Policy['inventory'];
  const exc = (merged.exceptions ?? {}) as { inline?: boolean; entries?: Omit<PolicyException, 'source'>[] };
  // Entries come whole from one source (lists replace), so the last source that sets them owns their lines.
  const owner = [...sources].reverse().find((s) => Array.isArray((s.data.exceptions as { entries?: unknown } | undefined)?.entries));
  const entries = (exc.entries ?? []).map((e, i) => ({
    ...e,
    source: {
      path: owner?.relPath ?? owner?.name ?? 'policy',
      line: owner ? lineOf(owner, ['exceptions', 'entries', i]) : 1,
    },
  }));
  return {
    version: 1,
    gates: (merged.gates as string[] | undefined) ?? gates.map((g) => g.id),
    inventory,
    exceptions: { inline: exc.inline ?? true, entries },
    security_reviewers: { users: [], teams: [], ...(merged.security_reviewers as object | undefined) },
    sections: Object.fromEntries([...gates, ...capabilities].map((g) => [g.id, merged[g.id] ?? {}])),
  };
}
