/**
 * Structured reading of committed configuration, with positions: .env, YAML, JSON, JSON with
 * comments, TOML, INI and Dockerfile ENV/ARG. Gates ask "which keys hold which values, where",
 * never grep: a comment or a sentence in a doc that mentions a key is not a setting.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parse as parseIni } from 'ini';
import { parse as parseToml } from 'smol-toml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { ScanError } from './errors.js';
import { LineIndex } from './lines.js';

export type ConfigFormat = 'env' | 'yaml' | 'json' | 'jsonc' | 'toml' | 'ini' | 'dockerfile';

/** One scalar leaf of a configuration file. */
export interface ConfigEntry {
  /** Keys from the document root; array indexes are numbers. */
  path: (string | number)[];
  value: string | number | boolean | null;
  /** 1-based position of the value (of the key when the value has no position of its own). */
  line: number;
  column: number;
  /** YAML files may hold several documents (Kubernetes manifests). */
  document?: number;
}

const EXT_FORMAT: Record<string, ConfigFormat> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'jsonc',
  json5: 'jsonc',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  env: 'env',
};

/** The format of a repo-relative path, or null when it is not a configuration file we read. */
export function configFormat(rel: string): ConfigFormat | null {
  const base = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile') return 'dockerfile';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? (EXT_FORMAT[base.slice(dot + 1)] ?? null) : null;
}

/** Every scalar leaf with its position. A file that does not parse is a ScanError naming file and line. */
export function readConfig(file: string, text: string, format: ConfigFormat): ConfigEntry[] {
  switch (format) {
    case 'yaml':
      return readYaml(file, text);
    case 'json':
    case 'jsonc':
      return readJson(file, text, format === 'jsonc');
    case 'toml':
      return readToml(file, text);
    case 'ini':
      return readIni(file, text);
    case 'env':
      return readEnv(text).map((a) => ({ path: [a.name], value: a.value, line: a.line, column: a.column }));
    case 'dockerfile':
      return readDockerfile(text).map((a) => ({ path: [a.instruction, a.name], value: a.value, line: a.line, column: a.column }));
  }
}

// --- YAML -----------------------------------------------------------------------------------------

function readYaml(file: string, text: string): ConfigEntry[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const out: ConfigEntry[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const line = error.pos ? lines.linePos(error.pos[0]).line : 1;
      throw new ScanError(`${file}:${line}: invalid YAML: ${error.message.split('\n')[0]}`, file);
    }
    const pos = (offset: number | undefined) => (offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset));
    const walk = (node: YamlNode | null | undefined, p: (string | number)[], keyOffset?: number) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          walk(pair.value as YamlNode | null, [...p, key], isScalar(pair.key) ? pair.key.range?.[0] : undefined);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item as YamlNode, [...p, i]));
      } else {
        const value = isScalar(node) ? node.value : null;
        const at = pos(isScalar(node) ? node.range?.[0] : keyOffset);
        out.push({ path: p, value: scalar(value), line: at.line, column: at.col, document: index });
      }
    };
    walk(doc.contents as YamlNode | null, []);
  });
  return out;
}

function scalar(v: unknown): ConfigEntry['value'] {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

// --- JSON and JSON with comments ------------------------------------------------------------------

function readJson(file: string, text: string, comments: boolean): ConfigEntry[] {
  let errors: ParseError[] = [];
  let root = parseTree(text, errors, { allowTrailingComma: comments, disallowComments: !comments });
  if (!comments && errors.length) {
    // Many .json files are JSON with comments by their reader's contract (freqtrade configs, VS Code
    // and devcontainer settings). If the file reads as that, its structure is known exactly; only a file
    // that does not read even so is broken.
    const lenient: ParseError[] = [];
    const again = parseTree(text, lenient, { allowTrailingComma: true, disallowComments: false });
    if (lenient.length === 0 && again) {
      errors = lenient;
      root = again;
    }
  }
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.position(offset);
  const first = errors[0];
  if (first || !root) {
    const where = first ? at(first.offset) : { line: 1, column: 1 };
    throw new ScanError(`${file}:${where.line}:${where.column}: invalid JSON: ${first ? printParseErrorCode(first.error) : 'empty'}`, file);
  }
  const out: ConfigEntry[] = [];
  const walk = (node: JsonNode, p: (string | number)[]) => {
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) walk(v, [...p, String(k.value)]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => walk(child, [...p, i]));
    } else {
      out.push({ path: p, value: scalar(node.value), ...at(node.offset) });
    }
  };
  walk(root, []);
  return out;
}

// --- TOML and INI: the libraries give values, a line scan gives positions -------------------------

function readToml(file: string, text: string): ConfigEntry[] {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (err) {
    const e = err as { line?: number; column?: number; message: string };
    throw new ScanError(`${file}:${e.line ?? 1}:${e.column ?? 1}: invalid TOML: ${e.message.split('\n')[0]}`, file);
  }
  return leaves(data, keyLines(text, /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/, /^\s*("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=/));
}

function readIni(file: string, text: string): ConfigEntry[] {
  let data: unknown;
  try {
    data = parseIni(text);
  } catch (err) {
    throw new ScanError(`${file}: invalid INI: ${(err as Error).message}`, file);
  }
  return leaves(data, keyLines(text, /^\s*\[\s*([^\]]+?)\s*\]\s*$/, /^\s*([^=:;#\s][^=:]*?)\s*[=:]/));
}

type Locator = (p: (string | number)[]) => { line: number; column: number };

/** Maps `section.key` (dotted) to the line that sets it; unknown paths fall back to their section. */
function keyLines(text: string, section: RegExp, key: RegExp): Locator {
  const found = new Map<string, { line: number; column: number }>();
  let current = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = section.exec(raw);
    if (s) {
      current = unquoteKey(s[1] ?? '');
      if (!found.has(current)) found.set(current, { line: i + 1, column: raw.indexOf('[') + 1 });
      return;
    }
    const k = key.exec(raw);
    if (k) {
      const name = unquoteKey((k[1] ?? '').trim());
      const eq = raw.search(/[=:]/);
      const valueCol = eq + 1 + (raw.slice(eq + 1).length - raw.slice(eq + 1).trimStart().length) + 1;
      const full = current ? `${current}.${name}` : name;
      if (!found.has(full)) found.set(full, { line: i + 1, column: valueCol });
    }
  });
  return (p) => {
    for (let n = p.length; n > 0; n--) {
      const hit = found.get(p.slice(0, n).filter((x) => typeof x === 'string').join('.'));
      if (hit) return hit;
    }
    return { line: 1, column: 1 };
  };
}

function unquoteKey(k: string): string {
  return k
    .split('.')
    .map((part) => part.trim().replace(/^["']|["']$/g, ''))
    .join('.');
}

function leaves(data: unknown, locate: Locator): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    else out.push({ path: p, value: v instanceof Date ? v.toISOString() : scalar(v), ...locate(p) });
  };
  walk(data, []);
  return out;
}

// --- .env and Dockerfile ----------------------------------------------------------------------------

export interface EnvAssignment {
  name: string;
  value: string;
  line: number;
  /** Column of the value. */
  column: number;
}

/** `KEY=value`, `export KEY=value`, quoted values; comments and blank lines are nothing. */
export function readEnv(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/.exec(raw);
    if (!m) return;
    const rest = raw.slice(m[0].length);
    out.push({ name: m[2] as string, value: envValue(rest), line: i + 1, column: m[0].length + 1 });
  });
  return out;
}

function envValue(rest: string): string {
  const q = rest[0];
  if (q === '"' || q === "'") {
    const end = rest.indexOf(q, 1);
    return end === -1 ? rest.slice(1) : rest.slice(1, end);
  }
  return rest.replace(/\s+#.*$/, '').trim();
}

/** Dockerfile `ENV K=V K2=V2`, `ENV K V`, `ARG K=V`, with line continuations. */
export function readDockerfile(text: string): (EnvAssignment & { instruction: 'ENV' | 'ARG' })[] {
  const out: (EnvAssignment & { instruction: 'ENV' | 'ARG' })[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(ENV|ARG)\s+/i.exec(lines[i] as string);
    if (!m) continue;
    const instruction = (m[1] as string).toUpperCase() as 'ENV' | 'ARG';
    const startLine = i;
    let body = (lines[i] as string).slice(m[0].length);
    while (body.endsWith('\\') && i + 1 < lines.length) body = `${body.slice(0, -1)} ${lines[++i]}`;
    const pairs = [...body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
    const first = pairs[0];
    if (first) {
      for (const p of pairs) out.push({ instruction, name: p[1] as string, value: envValue(p[2] ?? ''), line: startLine + 1, column: m[0].length + (p.index ?? 0) + (p[1] as string).length + 2 });
    } else {
      const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(body.trim());
      if (legacy) out.push({ instruction, name: legacy[1] as string, value: envValue(legacy[2] ?? ''), line: startLine + 1, column: (lines[startLine] as string).indexOf(legacy[2] ?? '') + 1 });
    }
  }
  return out;
}

/**
 * Environment variables a committed file sets, whatever its format: .env lines, Dockerfile ENV/ARG,
 * and in YAML/JSON the keys of any `env`/`environment` mapping (workflows, compose, Helm values),
 * `- KEY=value` items of an `environment` list (compose) and `{name, value}` items of an `env` list
 * (Kubernetes). Values are strings as a process would see them.
 */
export function envAssignments(file: string, text: string, format: ConfigFormat): EnvAssignment[] {
  if (format === 'env') return readEnv(text);
  if (format === 'dockerfile') return readDockerfile(text);
  if (format !== 'yaml' && format !== 'json' && format !== 'jsonc') return [];
  const entries = readConfig(file, text, format);
  const out: EnvAssignment[] = [];
  const isEnvKey = (k: string | number | undefined) => typeof k === 'string' && /^(env|environment|envs|variables|env_vars)$/i.test(k);
  // Kubernetes `{name, value}` items: either key may come first, so pair them after the walk.
  const kube = new Map<string, { name?: string; value?: EnvAssignment }>();
  for (const e of entries) {
    const p = e.path;
    const last = p[p.length - 1];
    const parent = p[p.length - 2];
    const grand = p[p.length - 3];
    const value = e.value === null ? '' : String(e.value);
    if (typeof last === 'string' && isEnvKey(parent)) {
      out.push({ name: last, value, line: e.line, column: e.column });
    } else if (typeof last === 'number' && isEnvKey(parent)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(value);
      if (m) out.push({ name: m[1] as string, value: m[2] as string, line: e.line, column: e.column + (m[1] as string).length + 1 });
    } else if (typeof parent === 'number' && isEnvKey(grand) && (last === 'name' || last === 'value')) {
      const key = `${e.document ?? 0}:${p.slice(0, -1).join('.')}`;
      const item = kube.get(key) ?? {};
      if (last === 'name') item.name = value;
      else item.value = { name: '', value, line: e.line, column: e.column };
      kube.set(key, item);
    }
  }
  for (const { name, value } of kube.values()) if (name && value) out.push({ ...value, name });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
