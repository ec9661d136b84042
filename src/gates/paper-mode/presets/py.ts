/**
 * Reading Python calls through the tree-sitter tree: which imported thing a call names, its
 * arguments, and which of them are literals. Comments and strings are never calls, so they never match.
 */
import { findNodes, nodePosition, type SyntaxNode } from '../../../core/python.js';
import type { PresetHit } from './types.js';

/** Local name → dotted origin: `import ccxt.async_support as ccxt` gives `ccxt` → `ccxt.async_support`. */
export function pyImports(root: SyntaxNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of findNodes(root, (x) => x.type === 'import_statement' || x.type === 'import_from_statement')) {
    if (n.type === 'import_statement') {
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === 'dotted_name') {
          const full = c.text;
          // `import a.b` binds `a`, through which `a.b.X` is reached.
          out.set(full.split('.')[0] as string, full.split('.')[0] as string);
        } else if (c.type === 'aliased_import') {
          out.set(c.childForFieldName('alias')?.text ?? '', c.childForFieldName('name')?.text ?? '');
        }
      }
    } else {
      const mod = n.childForFieldName('module_name')?.text ?? '';
      if (mod.startsWith('.')) continue;
      for (const c of n.childrenForFieldName('name')) {
        if (!c) continue;
        if (c.type === 'dotted_name') out.set(c.text, `${mod}.${c.text}`);
        else if (c.type === 'aliased_import') out.set(c.childForFieldName('alias')?.text ?? '', `${mod}.${c.childForFieldName('name')?.text ?? ''}`);
      }
    }
  }
  return out;
}

/** The dotted origin of an expression (`tradeapi.REST` → `alpaca_trade_api.REST`), or null when it is not rooted in an import. */
export function qualified(node: SyntaxNode | null, imports: Map<string, string>): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return imports.get(node.text) ?? null;
  if (node.type === 'attribute') {
    const base = qualified(node.childForFieldName('object'), imports);
    const attr = node.childForFieldName('attribute')?.text;
    return base && attr ? `${base}.${attr}` : null;
  }
  return null;
}

export interface PyCall {
  node: SyntaxNode;
  /** Dotted origin of the callee, when rooted in an import. */
  name: string | null;
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
  /** `*args` or `**kwargs`: any argument may be hidden there. */
  splat: boolean;
}

export function pyCalls(root: SyntaxNode, imports: Map<string, string>): PyCall[] {
  return findNodes(root, (n) => n.type === 'call').map((node) => {
    const positional: SyntaxNode[] = [];
    const keywords = new Map<string, SyntaxNode>();
    let splat = false;
    const args = node.childForFieldName('arguments');
    for (const a of args?.type === 'argument_list' ? args.namedChildren : []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) keywords.set(k, v);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') splat = true;
      else positional.push(a);
    }
    return { node, name: qualified(node.childForFieldName('function'), imports), positional, keywords, splat };
  });
}

/** The argument by keyword or position. */
export function arg(call: PyCall, keyword: string, position: number | null): SyntaxNode | null {
  return call.keywords.get(keyword) ?? (position !== null ? (call.positional[position] ?? null) : null);
}

export type PyValue =
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'int'; value: number }
  | { kind: 'str'; value: string }
  /** A dotted name such as `BinanceEnvironment.TESTNET`: an enum member, read by its last part. */
  | { kind: 'name'; value: string }
  | { kind: 'dynamic'; text: string };

/** Names bound exactly once at module level to a literal: `PORT = 7496` then `connect(port=PORT)`. */
export function moduleConstants(root: SyntaxNode): Map<string, SyntaxNode> {
  const counts = new Map<string, number>();
  const values = new Map<string, SyntaxNode>();
  for (const a of findNodes(root, (n) => n.type === 'assignment' || n.type === 'augmented_assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    counts.set(left.text, (counts.get(left.text) ?? 0) + 1);
    const right = a.childForFieldName('right');
    if (a.type === 'assignment' && right && a.parent?.type === 'expression_statement' && a.parent.parent?.type === 'module') values.set(left.text, right);
  }
  return new Map([...values].filter(([k]) => counts.get(k) === 1));
}

export function pyValue(node: SyntaxNode | null, consts?: Map<string, SyntaxNode>, depth = 0): PyValue | null {
  if (!node) return null;
  switch (node.type) {
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    case 'integer':
      return /^\d+$/.test(node.text) ? { kind: 'int', value: Number(node.text) } : { kind: 'dynamic', text: node.text };
    case 'string': {
      if (node.namedChildren.some((c) => c?.type === 'interpolation')) return { kind: 'dynamic', text: node.text };
      const start = node.namedChildren.find((c) => c?.type === 'string_start');
      const end = node.namedChildren.find((c) => c?.type === 'string_end');
      return { kind: 'str', value: start && end ? node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex) : node.text };
    }
    case 'concatenated_string': {
      let s = '';
      for (const c of node.namedChildren) {
        const v = pyValue(c);
        if (v?.kind !== 'str') return { kind: 'dynamic', text: node.text };
        s += v.value;
      }
      return { kind: 'str', value: s };
    }
    case 'parenthesized_expression':
      return pyValue(node.namedChildren[0] ?? null, consts, depth);
    case 'identifier': {
      const bound = consts?.get(node.text);
      if (bound && depth < 3) {
        const v = pyValue(bound, consts, depth + 1);
        if (v && v.kind !== 'dynamic') return v;
      }
      return { kind: 'dynamic', text: node.text };
    }
    case 'attribute':
      return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(node.text) ? { kind: 'name', value: node.text } : { kind: 'dynamic', text: node.text };
    default:
      return { kind: 'dynamic', text: node.text };
  }
}

/** A keyed `{'apiKey': ...}` style dict literal's keys and values. */
export function dictEntries(node: SyntaxNode | null): Map<string, SyntaxNode> | null {
  if (!node) return null;
  if (node.type === 'call' && node.childForFieldName('function')?.text === 'dict') {
    const out = new Map<string, SyntaxNode>();
    for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a?.type !== 'keyword_argument') return null;
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (k && v) out.set(k, v);
    }
    return out;
  }
  if (node.type !== 'dictionary') return null;
  const out = new Map<string, SyntaxNode>();
  for (const p of node.namedChildren) {
    if (p?.type === 'dictionary_splat') return null;
    if (p?.type !== 'pair') continue;
    const k = pyValue(p.childForFieldName('key'));
    const v = p.childForFieldName('value');
    if (k?.kind === 'str' && v) out.set(k.value, v);
  }
  return out;
}

export function hit(kind: PresetHit['kind'], node: SyntaxNode, message: string, matched?: string): PresetHit {
  return { kind, ...nodePosition(node), matched: matched ?? node.text.replace(/\s+/g, ' '), message };
}

/** Source text for messages: one line, bounded. */
export function short(node: SyntaxNode | string): string {
  const t = (typeof node === 'string' ? node : node.text).replace(/\s+/g, ' ').trim();
  return t.length > 70 ? `${t.slice(0, 67)}...` : t;
}
