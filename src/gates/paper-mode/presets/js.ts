/**
 * JavaScript and TypeScript through @babel/parser: imports, `new X({...})` and call arguments,
 * literal values. A file that does not parse is a ScanError naming file:line.
 */
import { parse } from '@babel/parser';
import { ScanError } from '../../../core/errors.js';
import type { PresetHit } from './types.js';

// Babel's node types are not a dependency of ours; the fields we read are few and checked at run time.
export type JsNode = { type: string; start?: number | null; end?: number | null; loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null; [k: string]: unknown };

export interface JsFile {
  path: string;
  text: string;
  program: JsNode;
  /** Local name → `module` or `module.export` (`Alpaca` → `@alpacahq/alpaca-trade-api`). */
  imports: Map<string, string>;
}

export function isJsPath(p: string): boolean {
  return /\.(?:[cm]?[jt]sx?)$/.test(p) && !/\.d\.[cm]?ts$/.test(p);
}

export function parseJs(file: string, text: string): JsFile {
  const ts = /\.[cm]?tsx?$/.test(file);
  const jsx = /x$/.test(file) || /\.[cm]?js$/.test(file);
  let ast: JsNode;
  try {
    ast = parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: false,
      plugins: [...(ts ? (['typescript'] as const) : []), ...(jsx ? (['jsx'] as const) : [])],
    }) as unknown as JsNode;
  } catch (err) {
    const e = err as { loc?: { line: number; column: number }; message: string };
    const line = e.loc?.line ?? 1;
    const column = (e.loc?.column ?? 0) + 1;
    throw new ScanError(`${file}:${line}:${column}: cannot parse JavaScript/TypeScript: ${e.message.replace(/\s*\(\d+:\d+\)$/, '')}`, file);
  }
  const program = (ast as { program?: JsNode }).program ?? ast;
  return { path: file, text, program, imports: jsImports(program) };
}

export function walk(node: unknown, visit: (n: JsNode) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as JsNode).type !== 'string') return;
  visit(node as JsNode);
  for (const [k, v] of Object.entries(node)) {
    if (k === 'loc' || k === 'leadingComments' || k === 'trailingComments' || k === 'innerComments' || k === 'extra') continue;
    if (v && typeof v === 'object') walk(v, visit);
  }
}

function jsImports(program: JsNode): Map<string, string> {
  const out = new Map<string, string>();
  walk(program, (n) => {
    if (n.type === 'ImportDeclaration') {
      const from = String((n.source as JsNode).value);
      for (const s of n.specifiers as JsNode[]) {
        const local = String((s.local as JsNode).name);
        if (s.type === 'ImportSpecifier') out.set(local, `${from}.${String(((s.imported as JsNode).name ?? (s.imported as JsNode).value))}`);
        else out.set(local, from);
      }
    } else if (n.type === 'VariableDeclarator') {
      const init = unwrapAwait(n.init as JsNode | null);
      const mod = requiredModule(init);
      if (!mod) return;
      const id = n.id as JsNode;
      if (id.type === 'Identifier') out.set(String(id.name), mod);
      else if (id.type === 'ObjectPattern') {
        for (const p of id.properties as JsNode[]) {
          if (p.type !== 'ObjectProperty') continue;
          const key = (p.key as JsNode).name ?? (p.key as JsNode).value;
          const val = p.value as JsNode;
          if (val.type === 'Identifier') out.set(String(val.name), `${mod}.${String(key)}`);
        }
      }
    }
  });
  return out;
}

function unwrapAwait(n: JsNode | null): JsNode | null {
  return n && n.type === 'AwaitExpression' ? (n.argument as JsNode) : n;
}

/** `require('m')`, `require('m').default`, `import('m')`. */
function requiredModule(n: JsNode | null): string | null {
  if (!n) return null;
  if (n.type === 'MemberExpression' && ((n.property as JsNode).name === 'default')) return requiredModule(n.object as JsNode);
  if (n.type === 'CallExpression' && ((n.callee as JsNode).name === 'require' || (n.callee as JsNode).type === 'Import')) {
    const a = (n.arguments as JsNode[])[0];
    if (a?.type === 'StringLiteral') return String(a.value);
  }
  return null;
}

/** Dotted origin of a callee: `ccxt.pro.binance` → `ccxt.pro.binance` when `ccxt` is imported from 'ccxt'. */
export function jsQualified(n: JsNode | null, imports: Map<string, string>): string | null {
  if (!n) return null;
  if (n.type === 'Identifier') return imports.get(String(n.name)) ?? null;
  if (n.type === 'MemberExpression' && !n.computed) {
    const base = jsQualified(n.object as JsNode, imports);
    const prop = (n.property as JsNode).name;
    return base && prop ? `${base}.${String(prop)}` : null;
  }
  return null;
}

export type JsValue = { kind: 'bool'; value: boolean } | { kind: 'str'; value: string } | { kind: 'num'; value: number } | { kind: 'null' } | { kind: 'dynamic'; text: string };

export function jsValue(n: JsNode | null | undefined, text: string): JsValue | null {
  if (!n) return null;
  switch (n.type) {
    case 'BooleanLiteral':
      return { kind: 'bool', value: Boolean(n.value) };
    case 'StringLiteral':
      return { kind: 'str', value: String(n.value) };
    case 'NumericLiteral':
      return { kind: 'num', value: Number(n.value) };
    case 'NullLiteral':
      return { kind: 'null' };
    case 'TemplateLiteral':
      if ((n.expressions as unknown[]).length === 0) return { kind: 'str', value: String(((n.quasis as JsNode[])[0]?.value as { cooked?: string })?.cooked ?? '') };
      return { kind: 'dynamic', text: src(n, text) };
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return jsValue(n.expression as JsNode, text);
    default:
      return { kind: 'dynamic', text: src(n, text) };
  }
}

export function src(n: JsNode, text: string): string {
  return text.slice(n.start ?? 0, n.end ?? 0);
}

/** Properties of an object literal by name; null when it is not a literal or spreads another object. */
export function objectProps(n: JsNode | null | undefined): Map<string, JsNode> | null {
  if (!n || n.type !== 'ObjectExpression') return null;
  const out = new Map<string, JsNode>();
  for (const p of n.properties as JsNode[]) {
    if (p.type === 'SpreadElement') return null;
    if (p.type !== 'ObjectProperty' || p.computed) continue;
    const k = (p.key as JsNode).name ?? (p.key as JsNode).value;
    out.set(String(k), p.value as JsNode);
  }
  return out;
}

export function jsHit(kind: PresetHit['kind'], n: JsNode, text: string, message: string): PresetHit {
  const loc = n.loc;
  return {
    kind,
    line: loc?.start.line ?? 1,
    column: (loc?.start.column ?? 0) + 1,
    ...(loc ? { endLine: loc.end.line, endColumn: loc.end.column + 1 } : {}),
    matched: src(n, text).replace(/\s+/g, ' '),
    message,
  };
}
