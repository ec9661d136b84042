/**
 * GitHub Actions workflows as a model with source positions: jobs, steps, `env` at each level,
 * matrices expanded into their combinations, `uses`, `with`, `run`, working directories. Shared by
 * the paper-mode gate, `init`, `doctor` and protection, which all need "what does this job run,
 * with which environment", never a grep over YAML.
 *
 * Expressions: only the `matrix`, `env` and `inputs` contexts are resolved (plus literals and
 * `||`, `&&`, `==`, `!=`, `!`, parentheses). Anything else is unresolvable, and the caller decides
 * what that means; for a safety check it is a finding, never a pass.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { ScanError } from './errors.js';

export interface Position {
  line: number;
  column: number;
}

/** One `NAME: value` of an `env:` or `with:` mapping; the value as the runner sees it (a string). */
export interface KeyValue extends Position {
  name: string;
  value: string;
}

/** An `env:` block: its variables, or an expression the whole block is (`env: ${{ fromJSON(x) }}`). */
export interface EnvBlock {
  vars: Map<string, KeyValue>;
  /** The expression text when the block is one expression: nothing inside can be known statically. */
  opaque: string | null;
}

export type MatrixValue = unknown;
export type MatrixCombo = Record<string, MatrixValue>;

export interface Matrix {
  /** Every combination after `exclude` and `include`; `[{}]` when the job has no matrix. */
  combos: MatrixCombo[];
  /** Set when the matrix (or one of its vectors) is an expression: its combinations are unknown. */
  opaque: string | null;
  position: Position | null;
}

export interface WorkflowStep extends Position {
  /** 0-based index in the job. */
  index: number;
  name: string | null;
  id: string | null;
  run: string | null;
  /** Line of the first line of the script (the line after `run: |` for block scalars). */
  runLine: number | null;
  uses: string | null;
  with: Map<string, KeyValue>;
  env: EnvBlock;
  workingDirectory: string | null;
}

export interface WorkflowJob extends Position {
  id: string;
  name: string | null;
  env: EnvBlock;
  matrix: Matrix;
  steps: WorkflowStep[];
  /** A reusable workflow call (`uses: ./.github/workflows/x.yml` or `owner/repo/...@ref`). */
  uses: string | null;
  with: Map<string, KeyValue>;
  /** `defaults.run.working-directory` of the job (falling back to the workflow's). */
  workingDirectory: string | null;
}

export interface WorkflowInput {
  name: string;
  default: string | null;
}

export interface Workflow {
  path: string;
  env: EnvBlock;
  jobs: WorkflowJob[];
  /** Event names under `on:`. */
  events: string[];
  /** `on.workflow_call.inputs`. */
  callInputs: Map<string, WorkflowInput>;
}

export function isWorkflowPath(rel: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel);
}

/** Parses one workflow. A file that is not valid YAML, or not a workflow mapping, is a ScanError naming file:line. */
export function parseWorkflow(file: string, text: string): Workflow {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.pos ? lines.linePos(error.pos[0]) : { line: 1, col: 1 };
    throw new ScanError(`${file}:${at.line}:${at.col}: invalid workflow YAML: ${error.message.split('\n')[0]}`, file);
  }
  const pos = (node: unknown): Position => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return { line: 1, column: 1 };
    const p = lines.linePos(range[0]);
    return { line: p.line, column: p.col };
  };
  const root = doc.contents;
  if (!isMap(root)) throw new ScanError(`${file}:1:1: a workflow must be a YAML mapping`, file);

  const fail = (node: unknown, what: string): never => {
    const p = pos(node);
    throw new ScanError(`${file}:${p.line}:${p.column}: ${what}`, file);
  };

  const envBlock = (node: YamlNode | null): EnvBlock => {
    if (node === null || node === undefined) return { vars: new Map(), opaque: null };
    if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${{')) return { vars: new Map(), opaque: node.value };
    if (isScalar(node) && node.value === null) return { vars: new Map(), opaque: null };
    if (!isMap(node)) return fail(node, '`env` must be a mapping');
    return { vars: keyValues(node), opaque: null };
  };
  const keyValues = (map: YAMLMap): Map<string, KeyValue> => {
    const out = new Map<string, KeyValue>();
    for (const pair of map.items) {
      const key = keyOf(pair);
      if (key === null) continue;
      const v = pair.value as YamlNode | null;
      const at = pos(v ?? pair.key);
      out.set(key, { name: key, value: isScalar(v) ? scalarString(v.value) : v ? JSON.stringify(v.toJSON()) : '', ...at });
    }
    return out;
  };
  const workingDir = (node: YamlNode | null): string | null => {
    const defaults = asMap(node);
    const run = defaults ? asMap(get(defaults, 'run')) : null;
    const wd = run ? get(run, 'working-directory') : null;
    return isScalar(wd) && wd.value !== null ? scalarString(wd.value) : null;
  };

  const workflowWd = workingDir(get(root, 'defaults'));
  const jobs: WorkflowJob[] = [];
  const jobsNode = get(root, 'jobs');
  if (jobsNode && !isMap(jobsNode)) fail(jobsNode, '`jobs` must be a mapping');
  for (const pair of (jobsNode as YAMLMap | null)?.items ?? []) {
    const id = keyOf(pair);
    if (id === null) continue;
    const jobNode = pair.value as YamlNode | null;
    if (!isMap(jobNode)) fail(jobNode ?? pair.key, `job ${id} must be a mapping`);
    const job = jobNode as YAMLMap;
    const stepsNode = get(job, 'steps');
    if (stepsNode && !isSeq(stepsNode)) fail(stepsNode, `jobs.${id}.steps must be a list`);
    const steps: WorkflowStep[] = [];
    (isSeq(stepsNode) ? stepsNode.items : []).forEach((item, index) => {
      const s = item as YamlNode;
      if (!isMap(s)) fail(s, `jobs.${id}.steps[${index}] must be a mapping`);
      const step = s as YAMLMap;
      const runNode = get(step, 'run');
      steps.push({
        index,
        ...pos(step),
        name: str(get(step, 'name')),
        id: str(get(step, 'id')),
        run: str(runNode),
        runLine: runNode ? scriptLine(runNode, pos(runNode).line, text) : null,
        uses: str(get(step, 'uses')),
        with: isMap(get(step, 'with')) ? keyValues(get(step, 'with') as YAMLMap) : new Map(),
        env: envBlock(get(step, 'env')),
        workingDirectory: str(get(step, 'working-directory')),
      });
    });
    const strategy = asMap(get(job, 'strategy'));
    const matrixNode = strategy ? get(strategy, 'matrix') : null;
    jobs.push({
      id,
      ...pos(pair.key),
      name: str(get(job, 'name')),
      env: envBlock(get(job, 'env')),
      matrix: matrixNode ? { ...expandMatrix(matrixNode), position: pos(matrixNode) } : { combos: [{}], opaque: null, position: null },
      steps,
      uses: str(get(job, 'uses')),
      with: isMap(get(job, 'with')) ? keyValues(get(job, 'with') as YAMLMap) : new Map(),
      workingDirectory: workingDir(get(job, 'defaults')) ?? workflowWd,
    });
  }

  // `on:` is a scalar, a list of names, or a mapping of names to settings. YAML 1.1 readers turn
  // a bare `on` key into `true`; the `yaml` library (1.2 core schema) keeps the string.
  const onNode = get(root, 'on') ?? get(root, 'true');
  const events: string[] = [];
  const callInputs = new Map<string, WorkflowInput>();
  if (isScalar(onNode) && typeof onNode.value === 'string') {
    events.push(onNode.value);
  } else if (isSeq(onNode)) {
    for (const e of onNode.items) if (isScalar(e)) events.push(String(e.value));
  } else if (isMap(onNode)) {
    for (const p of onNode.items) {
      const name = keyOf(p);
      if (name === null) continue;
      events.push(name);
      if (name !== 'workflow_call') continue;
      const inputs = asMap(asMap(p.value as YamlNode) ? get(p.value as YAMLMap, 'inputs') : null);
      for (const ip of inputs?.items ?? []) {
        const iname = keyOf(ip);
        if (iname === null) continue;
        const spec = asMap(ip.value as YamlNode);
        const def = spec ? get(spec, 'default') : null;
        callInputs.set(iname, { name: iname, default: isScalar(def) && def.value !== null ? scalarString(def.value) : null });
      }
    }
  }
  return { path: file, env: envBlock(get(root, 'env')), jobs, events, callInputs };
}

function keyOf(pair: unknown): string | null {
  if (!isPair(pair)) return null;
  const k = (pair as Pair).key;
  return isScalar(k) ? String(k.value) : null;
}

function get(map: YAMLMap, key: string): YamlNode | null {
  for (const pair of map.items) if (keyOf(pair) === key) return (pair.value as YamlNode | null) ?? null;
  return null;
}

function asMap(node: YamlNode | null | undefined): YAMLMap | null {
  return isMap(node) ? node : null;
}

function str(node: YamlNode | null): string | null {
  return isScalar(node) && node.value !== null && node.value !== undefined ? scalarString(node.value) : null;
}

/** How the runner sees a YAML scalar: booleans and numbers become their text. */
export function scalarString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return String(v);
}

/** A `run: |` block starts on the line after the indicator; a plain or quoted scalar on its own line. */
function scriptLine(node: YamlNode, line: number, text: string): number {
  const first = text.split(/\r?\n/)[line - 1] ?? '';
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && /[|>][-+0-9]*\s*(#.*)?$/.test(first) ? line + 1 : line;
}

// --- matrix -------------------------------------------------------------------------------------

const hasExpression = (v: unknown): boolean =>
  typeof v === 'string' ? v.includes('${{') : Array.isArray(v) ? v.some(hasExpression) : v !== null && typeof v === 'object' ? Object.values(v).some(hasExpression) : false;

/** GitHub's expansion: the product of the vectors, minus `exclude`, then `include` extends or adds. */
function expandMatrix(node: YamlNode): { combos: MatrixCombo[]; opaque: string | null } {
  const data: unknown = node.toJSON();
  if (typeof data === 'string') return { combos: [], opaque: data };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { combos: [], opaque: JSON.stringify(data) };
  const m = data as Record<string, unknown>;
  const vectors = Object.entries(m).filter(([k]) => k !== 'include' && k !== 'exclude');
  for (const [k, v] of vectors) {
    if (!Array.isArray(v) || hasExpression(v)) return { combos: [], opaque: `${k}: ${JSON.stringify(v)}` };
  }
  for (const k of ['include', 'exclude'] as const) {
    if (m[k] !== undefined && (!Array.isArray(m[k]) || hasExpression(m[k]))) return { combos: [], opaque: `${k}: ${JSON.stringify(m[k])}` };
  }
  let combos: MatrixCombo[] = vectors.length ? [{}] : [];
  for (const [k, values] of vectors) {
    combos = combos.flatMap((c) => (values as unknown[]).map((v) => ({ ...c, [k]: v })));
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const excludes = (m.exclude as Record<string, unknown>[] | undefined) ?? [];
  combos = combos.filter((c) => !excludes.some((e) => Object.entries(e).every(([k, v]) => same(c[k], v))));
  const original = new Set(vectors.map(([k]) => k));
  const base = combos.length;
  for (const inc of (m.include as Record<string, unknown>[] | undefined) ?? []) {
    let extended = false;
    for (let i = 0; i < base; i++) {
      const c = combos[i] as MatrixCombo;
      if (Object.entries(inc).every(([k, v]) => !original.has(k) || same(c[k], v))) {
        Object.assign(c, inc);
        extended = true;
      }
    }
    if (!extended) combos.push({ ...inc });
  }
  return { combos: combos.length ? combos : [{}], opaque: null };
}

/** A short label of a combination for messages: `python=3.12, mode=live`. */
export function comboLabel(c: MatrixCombo): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

// --- expressions --------------------------------------------------------------------------------

export type Resolved = { ok: true; value: string } | { ok: false; reason: string };

export interface ExpressionContext {
  /** The job's matrix combination; null when unknown (an opaque matrix). */
  matrix: MatrixCombo | null;
  /** The `env` context as far as it is known here; null where GitHub offers no env context (`jobs.<id>.with`). */
  env: Map<string, Resolved> | null;
  /** Inputs of a reusable workflow as its caller passes them; null when not known. */
  inputs: Map<string, Resolved> | null;
}

type Value = { ok: true; v: unknown } | { ok: false; reason: string };

/** Substitutes every `${{ }}` in `text`; any that cannot be resolved makes the whole value unresolvable. */
export function resolveTemplate(text: string, ctx: ExpressionContext): Resolved {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${{', i);
    if (start === -1) {
      out += text.slice(i);
      break;
    }
    const end = findClose(text, start + 3);
    if (end === -1) return { ok: false, reason: `unterminated expression in "${text}"` };
    out += text.slice(i, start);
    const expr = text.slice(start + 3, end).trim();
    const r = evaluate(expr, ctx);
    if (!r.ok) return r;
    out += toText(r.v);
    i = end + 2;
  }
  return { ok: true, value: out };
}

/** Substitutes the expressions we can resolve and leaves `placeholder` for the rest (for scripts, where one unknown word must not hide the others). */
export function substituteExpressions(text: string, ctx: ExpressionContext, placeholder: string): string {
  return text.replace(/\$\{\{([^}]*(?:\}(?!\})[^}]*)*)\}\}/g, (_m, expr: string) => {
    const r = evaluate(expr.trim(), ctx);
    return r.ok ? toText(r.v) : placeholder;
  });
}

function findClose(text: string, from: number): number {
  let quote = false;
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === "'") quote = !quote;
    else if (!quote && text[i] === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const truthy = (v: unknown) => !(v === null || v === undefined || v === false || v === '' || v === 0 || Number.isNaN(v));

type Token = { t: 'str' | 'num' | 'id' | 'op'; v: string };

function lex(expr: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= expr.length) return null;
        if (expr[j] === "'") {
          if (expr[j + 1] === "'") { s += "'"; j += 2; continue; }
          break;
        }
        s += expr[j++];
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(expr.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(expr.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const two = expr.slice(i, i + 2);
      if (['||', '&&', '==', '!='].includes(two)) { out.push({ t: 'op', v: two }); i += 2; }
      else if ('!().[]'.includes(c)) { out.push({ t: 'op', v: c }); i++; }
      else return null;
    }
  }
  return out;
}

/** Evaluates one expression over the matrix, env and inputs contexts; the rest is unresolvable. */
export function evaluate(expr: string, ctx: ExpressionContext): Value {
  const tokens = lex(expr);
  if (!tokens) return { ok: false, reason: `\${{ ${expr} }} is not an expression we can read` };
  let p = 0;
  const peek = () => tokens[p];
  const unresolved = (why: string): Value => ({ ok: false, reason: `\${{ ${expr} }}: ${why}` });

  const primary = (): Value => {
    const t = tokens[p++];
    if (!t) return unresolved('incomplete expression');
    if (t.t === 'str') return { ok: true, v: t.v };
    if (t.t === 'num') return { ok: true, v: Number(t.v) };
    if (t.t === 'op' && t.v === '(') {
      const v = or();
      if (peek()?.v !== ')') return unresolved('unbalanced parentheses');
      p++;
      return v;
    }
    if (t.t === 'op' && t.v === '!') {
      const v = primary();
      return v.ok ? { ok: true, v: !truthy(v.v) } : v;
    }
    if (t.t !== 'id') return unresolved(`unexpected "${t.v}"`);
    if (peek()?.v === '(') return unresolved(`function ${t.v}() is not evaluated statically`);
    if (t.v === 'true' || t.v === 'false') return { ok: true, v: t.v === 'true' };
    if (t.v === 'null') return { ok: true, v: null };
    let value: Value;
    let name = '';
    if (t.v === 'matrix') value = ctx.matrix ? { ok: true, v: ctx.matrix } : unresolved('the matrix is not known statically');
    else if (t.v === 'env') value = ctx.env ? { ok: true, v: ctx.env } : unresolved('the env context is not available here');
    else if (t.v === 'inputs') value = ctx.inputs ? { ok: true, v: ctx.inputs } : unresolved('the inputs are not known statically');
    else return unresolved(`the ${t.v} context is only known at run time`);
    name = t.v;
    for (;;) {
      const n = peek();
      let key: string | number | null = null;
      if (n?.v === '.' && tokens[p + 1]?.t === 'id') { key = (tokens[p + 1] as Token).v; p += 2; }
      else if (n?.v === '[' && (tokens[p + 1]?.t === 'str' || tokens[p + 1]?.t === 'num') && tokens[p + 2]?.v === ']') {
        const k = tokens[p + 1] as Token;
        key = k.t === 'num' ? Number(k.v) : k.v;
        p += 3;
      } else if (n?.v === '.' || n?.v === '[') return unresolved('property access we cannot follow');
      else break;
      name += `.${key}`;
      if (!value.ok) continue;
      value = member(value.v, key, name);
    }
    return value;
  };

  const member = (obj: unknown, key: string | number, name: string): Value => {
    if (obj instanceof Map) {
      // Context keys are case-insensitive in GitHub expressions.
      const hit = [...(obj as Map<string, Resolved>).entries()].find(([k]) => k.toLowerCase() === String(key).toLowerCase());
      if (!hit) return { ok: true, v: null };
      const r = hit[1];
      return r.ok ? { ok: true, v: r.value } : { ok: false, reason: `${name}: ${r.reason}` };
    }
    if (obj !== null && typeof obj === 'object') {
      const entry = Object.entries(obj as Record<string, unknown>).find(([k]) => k.toLowerCase() === String(key).toLowerCase());
      return { ok: true, v: entry ? entry[1] : null };
    }
    return { ok: true, v: null };
  };

  const comparison = (): Value => {
    let left = primary();
    while (peek()?.v === '==' || peek()?.v === '!=') {
      const op = (tokens[p++] as Token).v;
      const right = primary();
      if (!left.ok) return left;
      if (!right.ok) return right;
      const eq = looseEqual(left.v, right.v);
      left = { ok: true, v: op === '==' ? eq : !eq };
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek()?.v === '&&') {
      p++;
      const right = comparison();
      if (!left.ok) return left;
      if (!truthy(left.v)) continue;
      left = right;
    }
    return left;
  };
  const or = (): Value => {
    let left = and();
    while (peek()?.v === '||') {
      p++;
      const right = and();
      if (!left.ok) return left;
      if (truthy(left.v)) continue;
      left = right;
    }
    return left;
  };
  const result = or();
  if (!result.ok) return result;
  if (p < tokens.length) return unresolved(`unexpected "${(tokens[p] as Token).v}"`);
  return result;
}

/** GitHub compares strings case-insensitively and coerces mixed types to numbers. */
function looseEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const num = (v: unknown) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : typeof v === 'number' ? v : NaN);
  return num(a) === num(b);
}

// --- run scripts ----------------------------------------------------------------------------------

/** One simple command of a `run:` script: its words, the `NAME=value` prefixes, and its line. */
export interface ShellCommand {
  words: string[];
  assignments: Map<string, string>;
  /** 1-based line within the script. */
  line: number;
  /** `export NAME=value` (and `NAME=value` alone): they hold for the rest of the script. */
  exports: Map<string, string>;
  /** `NAME=value` appended to $GITHUB_ENV by this command: it holds for the job's later steps. */
  githubEnv: Map<string, string>;
}

/**
 * Splits a bash script into simple commands (`&&`, `||`, `;`, `|`, newlines; `\` continuations),
 * with shell quoting removed. Good enough to see command names and their literal arguments;
 * anything we cannot read (heredocs' bodies, substitutions) stays text and matches nothing.
 */
export function shellCommands(script: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  const physical = script.split(/\r?\n/);
  let heredoc: string | null = null;
  for (let i = 0; i < physical.length; i++) {
    const startLine = i + 1;
    let logical = physical[i] as string;
    if (heredoc !== null) {
      if (logical.trim() === heredoc) heredoc = null;
      continue;
    }
    while (/\\$/.test(logical) && i + 1 < physical.length) logical = `${logical.slice(0, -1)} ${physical[++i]}`;
    const hd = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(logical);
    for (const segment of splitSegments(logical)) {
      const words = shellWords(segment.text);
      if (words.length === 0) continue;
      const assignments = new Map<string, string>();
      let k = 0;
      while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k] as string)) {
        const w = words[k++] as string;
        assignments.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
      }
      const rest = words.slice(k);
      const exports = new Map<string, string>();
      if (rest.length === 0) for (const [n, v] of assignments) exports.set(n, v);
      if (rest[0] === 'export') {
        for (const w of rest.slice(1)) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w);
          if (m) exports.set(m[1] as string, m[2] as string);
        }
      }
      out.push({ words: rest, assignments, line: startLine, exports, githubEnv: new Map() });
    }
    // `echo "NAME=value" >> $GITHUB_ENV` (also printf, quoted target, ${GITHUB_ENV}).
    const ge = /\b(?:echo|printf)\s+(?:-e\s+)?(["']?)([A-Za-z_][A-Za-z0-9_]*)=(.*?)\1\s*>>\s*["']?\$\{?GITHUB_ENV\}?["']?/.exec(logical);
    if (ge && out.length) {
      let value = ge[3] as string;
      if (!ge[1]) value = shellWords(value).join(' ');
      (out[out.length - 1] as ShellCommand).githubEnv.set(ge[2] as string, value.replace(/\\n$/, ''));
    }
    if (hd) heredoc = hd[1] as string;
  }
  return out;
}

function splitSegments(line: string): { text: string }[] {
  const out: { text: string }[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') { cur += c + (line[i + 1] ?? ''); i++; continue; }
      cur += c;
      continue;
    }
    if (c === '#' && (cur === '' || /\s$/.test(cur))) break;
    if (c === "'" || c === '"') { quote = c; cur += c; continue; }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '{' && /^\s*$/.test(cur) || c === '}' && /\s$/.test(cur)) {
      if (c === '&' && line[i + 1] === '>') { cur += c; continue; }
      if (cur.trim()) out.push({ text: cur });
      cur = '';
      if ((c === '|' || c === '&') && line[i + 1] === c) i++;
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push({ text: cur });
  // Shell keywords that introduce a command rather than being one.
  return out.map((s) => ({ text: s.text.replace(/^\s*(?:then|do|else|if|while|until|!|time)\s+/, '') }));
}

/** Words of one simple command, quotes removed; redirections dropped. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') { quote = c; has = true; continue; }
    if (c === '\\' && i + 1 < text.length) { cur += text[++i]; has = true; continue; }
    if (/\s/.test(c)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (has || cur) words.push(cur);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (/^[0-9]*(>>?|<)&?$/.test(w)) { i++; continue; }
    if (/^[0-9]*(>>?|<|&>)./.test(w)) continue;
    out.push(w);
  }
  return out;
}
