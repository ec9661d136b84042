/** TS/JS facts through @babel/parser, parsed the ways the file's name allows (see import-smoke). */
import { parse } from '@babel/parser';
import { ScanError } from '../../core/errors.js';
import { attemptsFor } from '../import-smoke/js-parse.js';
import { numericValue } from './names.js';
import type { Candidate, FileFacts } from './facts.js';

type Node = { type: string; loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null; [k: string]: unknown };

/** Thresholds are orderings; `===` with a literal is a case split, not a threshold. */
const COMPARISONS = new Set(['<', '>', '<=', '>=']);
/** Wrappers that only change a literal's type: `new Decimal('0.03')` is still the literal 0.03. */
const NUMERIC_WRAPPERS = new Set(['Decimal', 'Big', 'BigNumber', 'Number', 'parseFloat', 'parseInt']);
const SKIP_KEYS = new Set(['loc', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'typeAnnotation', 'returnType', 'typeParameters']);

export function parseJavaScript(file: string, text: string): Node {
  let first: { line: number; column: number; message: string } | null = null;
  for (const attempt of attemptsFor(file)) {
    try {
      const ast = parse(text, { ...attempt, errorRecovery: false, sourceFilename: file }) as unknown as { program: Node };
      return ast.program;
    } catch (err) {
      const e = err as { loc?: { line: number; column: number }; message?: string; code?: string };
      if (!e.loc || !String(e.code).startsWith('BABEL_PARSER')) throw new ScanError(`cannot parse ${file}: the parser failed: ${e.message ?? String(err)}`, file);
      first ??= { line: e.loc.line, column: e.loc.column + 1, message: (e.message ?? 'syntax error').replace(/\s*\(\d+:\d+\)$/, '') };
    }
  }
  throw new ScanError(`${file}:${first?.line ?? 1}:${first?.column ?? 1}: cannot parse JavaScript/TypeScript: ${first?.message ?? 'syntax error'}`, file);
}

export function javascriptFacts(program: Node): FileFacts {
  const facts: FileFacts = { candidates: [], imports: [], calls: [], noneGuards: [] };
  const add = (c: Omit<Candidate, 'line' | 'column' | 'endLine' | 'endColumn'>, node: Node) => {
    const loc = node.loc!;
    facts.candidates.push({ ...c, line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 });
  };

  const visit = (node: Node, parent: Node | null, target: string | null): void => {
    let childTarget = target;
    switch (node.type) {
      case 'VariableDeclarator': {
        const name = nameOf(node.id as Node);
        const lit = literal(node.init as Node | null);
        if (name && lit) add({ pattern: 'decision-literal', names: [name], ...lit, use: 'declaration' }, lit.node);
        childTarget = name;
        break;
      }
      case 'AssignmentExpression': {
        const name = nameOf(node.left as Node);
        const lit = literal(node.right as Node);
        if (name && lit) add({ pattern: 'decision-literal', names: [name], ...lit, use: 'assignment' }, lit.node);
        childTarget = name;
        break;
      }
      case 'ObjectProperty':
      case 'ClassProperty':
      case 'ClassPrivateProperty':
      case 'ClassAccessorProperty': {
        const name = keyName(node);
        const value = node.value as Node | null;
        // In a destructuring pattern the value is the binding, handled as AssignmentPattern below.
        const lit = value?.type === 'AssignmentPattern' ? null : literal(value);
        if (name && lit) add({ pattern: 'decision-literal', names: [name], ...lit, use: 'property' }, lit.node);
        childTarget = name;
        break;
      }
      case 'AssignmentPattern': {
        const name = nameOf(node.left as Node) ?? (parent?.type === 'ObjectProperty' ? keyName(parent) : null);
        const lit = literal(node.right as Node);
        // `const { leverage = 5 } = cfg` falls back when the source lacks the key; `function f(leverage = 5)` is a default parameter.
        const destructuring = parent?.type === 'ObjectProperty';
        if (name && lit) {
          add(
            destructuring
              ? { pattern: 'silent-fallback', names: [name], ...lit, use: 'destructuring default' }
              : { pattern: 'decision-literal', names: [name], ...lit, use: 'default parameter' },
            lit.node,
          );
        }
        break;
      }
      case 'LogicalExpression': {
        const op = node.operator as string;
        const lit = literal(node.right as Node);
        if ((op === '??' || op === '||') && lit) {
          add({ pattern: 'silent-fallback', names: [nameOf(node.left as Node), target].filter((x): x is string => !!x), ...lit, use: `\`${op}\` fallback` }, lit.node);
        }
        break;
      }
      case 'BinaryExpression': {
        const op = node.operator as string;
        if (COMPARISONS.has(op)) {
          for (const [side, other] of [[node.left, node.right], [node.right, node.left]] as [Node, Node][]) {
            const name = nameOf(side);
            const lit = literal(other);
            if (name && lit) add({ pattern: 'literal-threshold', names: [name], ...lit, use: `\`${op}\` comparison` }, lit.node);
          }
        }
        break;
      }
      case 'ImportDeclaration':
        facts.imports.push(String((node.source as { value?: string }).value ?? ''));
        break;
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = calleeText(node.callee as Node);
        if (callee) facts.calls.push(callee);
        const args = (node.arguments as Node[]) ?? [];
        const first = args[0];
        if ((callee === 'require' || (node.callee as Node).type === 'Import') && first?.type === 'StringLiteral') facts.imports.push(String(first.value));
        break;
      }
      case 'IfStatement':
        facts.noneGuards.push(...noneGuards(node));
        break;
    }
    for (const [key, value] of Object.entries(node)) {
      if (SKIP_KEYS.has(key) || !value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && typeof (v as Node).type === 'string') visit(v as Node, node, childTarget);
      } else if (typeof (value as Node).type === 'string') visit(value as Node, node, childTarget);
    }
  };
  visit(program, null, null);
  return facts;
}

function noneGuards(node: Node): FileFacts['noneGuards'] {
  const body = node.consequent as Node;
  const stmts = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  const failsClosed = stmts.some((s) => s.type === 'ReturnStatement' || s.type === 'ThrowStatement');
  const out: FileFacts['noneGuards'] = [];
  const scan = (n: Node) => {
    if (n.type === 'BinaryExpression' && ['==', '==='].includes(n.operator as string)) {
      for (const [a, b] of [[n.left, n.right], [n.right, n.left]] as [Node, Node][]) {
        const nullish = b.type === 'NullLiteral' || (b.type === 'Identifier' && b.name === 'undefined');
        const name = nameOf(a);
        if (nullish && name) out.push({ name, failsClosed });
      }
    } else if (n.type === 'LogicalExpression' && n.operator === '||') {
      scan(n.left as Node);
      scan(n.right as Node);
    }
  };
  scan(node.test as Node);
  return out;
}

function unwrap(node: Node | null | undefined): Node | null {
  let n = node ?? null;
  while (n && ['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression'].includes(n.type)) n = n.expression as Node;
  return n;
}

/** `x`, `o.x`, `o["x"]`, `process.env.X` → the last name. */
function nameOf(node: Node | null | undefined): string | null {
  const n = unwrap(node);
  if (!n) return null;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const p = n.property as Node;
    if (!n.computed && p.type === 'Identifier') return p.name as string;
    if (p.type === 'StringLiteral') return p.value as string;
  }
  return null;
}

function keyName(node: Node): string | null {
  const key = node.key as Node;
  if (node.computed && key.type !== 'StringLiteral') return null;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'StringLiteral') return key.value as string;
  if (key.type === 'PrivateName') return ((key.id as Node).name as string) ?? null;
  return null;
}

function calleeText(node: Node): string | null {
  const n = unwrap(node);
  if (!n) return null;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const obj = calleeText(n.object as Node);
    const prop = nameOf(n);
    return prop ? (obj ? `${obj}.${prop}` : prop) : null;
  }
  return null;
}

interface Literal {
  node: Node;
  value: number;
  literal: string;
}

function literal(node: Node | null | undefined): Literal | null {
  const n = unwrap(node);
  if (!n) return null;
  const raw = (n.extra as { raw?: string } | undefined)?.raw;
  switch (n.type) {
    case 'NumericLiteral':
      return { node: n, value: n.value as number, literal: raw ?? String(n.value) };
    case 'UnaryExpression': {
      const arg = n.argument as Node;
      if ((n.operator !== '-' && n.operator !== '+') || arg.type !== 'NumericLiteral') return null;
      const v = arg.value as number;
      return { node: n, value: n.operator === '-' ? -v : v, literal: `${n.operator as string}${(arg.extra as { raw?: string } | undefined)?.raw ?? v}` };
    }
    case 'StringLiteral': {
      const v = numericValue(n.value as string);
      return v === null ? null : { node: n, value: v, literal: raw ?? JSON.stringify(n.value) };
    }
    case 'NewExpression':
    case 'CallExpression': {
      const callee = n.callee as Node;
      const args = n.arguments as Node[];
      return callee.type === 'Identifier' && NUMERIC_WRAPPERS.has(callee.name as string) && args.length >= 1 && args.length <= 2 ? literal(args[0]) : null;
    }
    case 'TemplateLiteral': {
      if ((n.expressions as Node[]).length) return null;
      const cooked = ((n.quasis as Node[])[0]?.value as { cooked?: string } | undefined)?.cooked ?? '';
      const v = numericValue(cooked);
      return v === null ? null : { node: n, value: v, literal: `\`${cooked}\`` };
    }
    default:
      return null;
  }
}
