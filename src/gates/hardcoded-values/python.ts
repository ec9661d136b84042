/** Python facts through tree-sitter: literals bound to names, fallbacks, comparisons, imports, calls, None guards. */
import { nodePosition, type SyntaxNode, type SyntaxTree } from '../../core/python.js';
import { numericValue } from './names.js';
import type { Candidate, FileFacts, NoneGuard } from './facts.js';

/** Constructors whose `default` (or first positional argument) is a field default: dataclasses, pydantic, attrs. */
const FIELD_CALLS = new Set(['field', 'Field', 'dataclasses.field', 'pydantic.Field', 'attr.ib', 'attrib', 'attr.attrib', 'attr.field', 'attrs.field']);
/** Thresholds are orderings; `==` with a literal is a case split or an assertion, not a threshold. */
const COMPARISONS = new Set(['<', '>', '<=', '>=']);
/** Wrappers that only change a literal's type: `Decimal("0.03")` is still the literal 0.03. */
const NUMERIC_WRAPPERS = new Set(['Decimal', 'decimal.Decimal', 'D', 'float', 'int']);

export function pythonFacts(tree: SyntaxTree): FileFacts {
  const facts: FileFacts = { candidates: [], imports: [], calls: [], noneGuards: [] };
  const add = (c: Omit<Candidate, 'line' | 'column' | 'endLine' | 'endColumn'>, node: SyntaxNode) =>
    facts.candidates.push({ ...c, ...nodePosition(node) });

  const visit = (node: SyntaxNode, target: string | null): void => {
    let childTarget = target;
    switch (node.type) {
      case 'assignment':
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const name = left ? nameOf(left) : null;
        if (name && right) {
          const lit = literal(right);
          if (lit) add({ pattern: 'decision-literal', names: [name], ...lit, use: node.type === 'assignment' ? 'assignment' : 'augmented assignment' }, lit.node);
          const field = fieldDefault(right);
          if (field) add({ pattern: 'decision-literal', names: [name], ...field, use: 'field default' }, field.node);
        }
        // Only the right-hand side is the value bound to the target.
        if (right) visit(right, name);
        if (left) visit(left, null);
        return;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        const lit = value ? literal(value) : null;
        if (name && lit) add({ pattern: 'decision-literal', names: [name.text], ...lit, use: 'keyword default' }, lit.node);
        childTarget = name?.text ?? null;
        break;
      }
      case 'keyword_argument': {
        // `set_leverage(symbol, leverage=10)`, `ExecutorConfig(stop_loss=Decimal("0.03"))`: the literal is bound to the parameter.
        const name = node.childForFieldName('name');
        const lit = literal(node.childForFieldName('value'));
        if (name && lit) add({ pattern: 'decision-literal', names: [name.text], ...lit, use: 'keyword argument' }, lit.node);
        childTarget = name?.text ?? target;
        break;
      }
      case 'boolean_operator': {
        const op = node.childForFieldName('operator')?.text;
        const left = node.childForFieldName('left');
        const lit = literal(node.childForFieldName('right'));
        if (op === 'or' && left && lit) {
          add({ pattern: 'silent-fallback', names: names(nameOf(left), target), ...lit, use: '`or` fallback' }, lit.node);
        }
        break;
      }
      case 'call':
        callFacts(node, target, facts, add);
        break;
      case 'comparison_operator':
        comparisonFacts(node, add);
        break;
      case 'import_statement':
        for (const c of node.namedChildren) {
          if (c?.type === 'dotted_name') facts.imports.push(c.text);
          else if (c?.type === 'aliased_import') facts.imports.push(c.childForFieldName('name')?.text ?? '');
        }
        break;
      case 'import_from_statement': {
        const mod = node.childForFieldName('module_name')?.text ?? '';
        facts.imports.push(mod);
        for (const c of node.childrenForFieldName('name')) {
          const n = c?.type === 'aliased_import' ? c.childForFieldName('name')?.text : c?.text;
          if (n) facts.imports.push(`${mod}.${n}`.replace(/^\.+/, ''));
        }
        break;
      }
      case 'if_statement':
      case 'elif_clause':
        facts.noneGuards.push(...noneGuards(node));
        break;
    }
    for (const child of node.namedChildren) if (child) visit(child, childTarget);
  };
  visit(tree.rootNode, null);
  return facts;
}

type Add = (c: Omit<Candidate, 'line' | 'column' | 'endLine' | 'endColumn'>, node: SyntaxNode) => void;

function callFacts(node: SyntaxNode, target: string | null, facts: FileFacts, add: Add): void {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn) return;
  facts.calls.push(fn.text.replace(/\s+/g, ''));
  if (!args || args.type !== 'argument_list') return;
  const positional = args.namedChildren.filter((a): a is SyntaxNode => !!a && a.type !== 'keyword_argument' && a.type !== 'comment');
  const keyword = (k: string) => args.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === k)?.childForFieldName('value') ?? null;
  const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.type === 'identifier' ? fn.text : null;
  const text = fn.text.replace(/\s+/g, '');
  let key: SyntaxNode | undefined;
  let fallback: SyntaxNode | null | undefined;
  let use = '';
  if (text === 'getattr' && positional.length === 3) {
    [, key, fallback] = positional;
    use = 'getattr default';
  } else if (/(^|\.)getenv$/.test(text) || /environ\.get$/.test(text)) {
    key = positional[0];
    fallback = positional[1] ?? keyword('default');
    use = `${text} default`;
  } else if (fn.type === 'attribute' && (method === 'get' || method === 'pop' || method === 'setdefault')) {
    key = positional[0];
    fallback = positional[1] ?? keyword('default');
    use = `.${method} default`;
  }
  const lit = literal(fallback ?? null);
  if (lit) add({ pattern: 'silent-fallback', names: names(key ? stringValue(key) : null, target), ...lit, use }, lit.node);
}

function comparisonFacts(node: SyntaxNode, add: Add): void {
  // `a < b <= c`: children alternate operand, operator, operand.
  const parts = node.children.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const op = parts[i]!.text;
    if (!COMPARISONS.has(op)) continue;
    const a = parts[i - 1]!;
    const b = parts[i + 1]!;
    for (const [side, other] of [[a, b], [b, a]] as const) {
      const lit = literal(other);
      const name = nameOf(side);
      if (lit && name) add({ pattern: 'literal-threshold', names: [name], ...lit, use: `\`${op}\` comparison` }, lit.node);
    }
  }
}

function noneGuards(node: SyntaxNode): NoneGuard[] {
  const cond = node.childForFieldName('condition');
  const body = node.childForFieldName('consequence');
  if (!cond || !body) return [];
  const failsClosed = body.namedChildren.some((s) => s?.type === 'return_statement' || s?.type === 'raise_statement');
  const out: NoneGuard[] = [];
  const scan = (n: SyntaxNode) => {
    if (n.type === 'comparison_operator') {
      const parts = n.children.filter((c): c is SyntaxNode => !!c);
      if (parts.length === 3 && parts[1]!.text === 'is' && parts[2]!.type === 'none') {
        const name = nameOf(parts[0]!);
        if (name) out.push({ name, failsClosed });
      }
      return;
    }
    // `a is None or b is None` guards both; `and` guards neither alone, `not` inverts.
    if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'or') for (const c of n.namedChildren) if (c) scan(c);
    if (n.type === 'parenthesized_expression') for (const c of n.namedChildren) if (c) scan(c);
  };
  scan(cond);
  return out;
}

/** The name a target or operand denotes: `x`, `self.x` → x, `d["x"]` → x, `cfg.get("x")` → x. */
function nameOf(node: SyntaxNode): string | null {
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text ?? null;
    case 'subscript': {
      const index = node.childForFieldName('subscript');
      return index ? stringValue(index) : null;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && first) return stringValue(first);
      return null;
    }
    case 'parenthesized_expression':
      return node.namedChildren[0] ? nameOf(node.namedChildren[0]) : null;
    default:
      return null;
  }
}

function names(...xs: (string | null | undefined)[]): string[] {
  return xs.filter((x): x is string => !!x);
}

/** A plain string's content (no f-string interpolation, no concatenation), else null. */
function stringValue(node: SyntaxNode): string | null {
  if (node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

interface Literal {
  node: SyntaxNode;
  value: number;
  literal: string;
}

/** A numeric literal or numeric string, looking through parentheses and a unary sign. */
function literal(node: SyntaxNode | null | undefined): Literal | null {
  if (!node) return null;
  switch (node.type) {
    case 'integer':
    case 'float': {
      const value = numericValue(node.text.replace(/[jJlL]$/, ''));
      return value === null ? null : { node, value, literal: node.text };
    }
    case 'unary_operator': {
      const arg = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.text;
      if (!arg || (op !== '-' && op !== '+') || (arg.type !== 'integer' && arg.type !== 'float')) return null;
      const value = numericValue(`${op}${arg.text}`);
      return value === null ? null : { node, value, literal: node.text };
    }
    case 'string': {
      const s = stringValue(node);
      const value = s === null ? null : numericValue(s);
      return value === null ? null : { node, value, literal: node.text };
    }
    case 'parenthesized_expression':
      return literal(node.namedChildren[0]);
    case 'call': {
      const fn = node.childForFieldName('function')?.text.replace(/\s+/g, '');
      const args = node.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment') ?? [];
      return fn && NUMERIC_WRAPPERS.has(fn) && args.length === 1 ? literal(args[0]) : null;
    }
    default:
      return null;
  }
}

/** `Field(5)`, `field(default=5)`, `attr.ib(default=5)`: the literal default, if any. */
function fieldDefault(node: SyntaxNode): Literal | null {
  if (node.type !== 'call') return null;
  const fn = node.childForFieldName('function')?.text.replace(/\s+/g, '');
  if (!fn || !FIELD_CALLS.has(fn)) return null;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  const kw = args.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'default');
  if (kw) return literal(kw.childForFieldName('value'));
  // pydantic's Field takes the default first; dataclasses.field and attrs take keywords only.
  const first = args[0];
  return fn.endsWith('Field') && first && first.type !== 'keyword_argument' ? literal(first) : null;
}
