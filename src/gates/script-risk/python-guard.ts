/**
 * Python: the exec guard must be called before anything with an effect runs. Module level may
 * hold, before the guard, what only defines names: imports, `from __future__`, docstrings, function
 * and class definitions, and assignments without calls. The guard is either the first statement
 * with an effect at module level, or the first statement of `if __name__ == "__main__":` when
 * nothing before that block has an effect.
 */
import type { SyntaxNode } from '../../core/python.js';
import type { GuardVerdict } from './shell-guard.js';

/** Decorators from the standard library that only wrap or register on the class itself. */
const PURE_DECORATORS = new Set([
  'dataclass',
  'dataclasses.dataclass',
  'staticmethod',
  'classmethod',
  'property',
  'abstractmethod',
  'abc.abstractmethod',
  'overload',
  'typing.overload',
  'final',
  'typing.final',
  'functools.wraps',
  'functools.cache',
  'functools.lru_cache',
  'functools.cached_property',
  'cache',
  'lru_cache',
  'cached_property',
  'unique',
  'enum.unique',
  'runtime_checkable',
  'typing.runtime_checkable',
]);

/** Statements that only bind names, always. */
const DEFINING = new Set([
  'comment',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'pass_statement',
  'global_statement',
  'nonlocal_statement',
  'type_alias_statement',
]);

const EFFECT_NODES = new Set(['call', 'await', 'yield', 'print_statement', 'exec_statement']);

export function checkPythonGuard(module: SyntaxNode, guards: string[]): GuardVerdict {
  for (const stmt of named(module)) {
    if (stmt.type === 'comment') continue;
    if (isGuardStatement(stmt, guards)) return { ok: true, line: stmt.startPosition.row + 1, message: '', matched: '' };
    if (isMainBlock(stmt)) {
      const body = stmt.childForFieldName('consequence');
      const first = body ? named(body).find((n) => n.type !== 'comment') : undefined;
      if (first && isGuardStatement(first, guards)) return { ok: true, line: first.startPosition.row + 1, message: '', matched: '' };
      const at = first ?? stmt;
      return offending(at, `the \`if __name__ == "__main__":\` block starts with \`${snippet(at)}\`, not with the exec guard (${guards.join(' or ')})`);
    }
    const effect = effectIn(stmt);
    if (effect) return offending(effect, `\`${snippet(effect)}\` runs before the exec guard (${guards.join(' or ')})`);
  }
  return { ok: false, line: 1, message: `the script never calls the exec guard (${guards.join(' or ')}) at module level or first in its __main__ block`, matched: 'no guard' };
}

function offending(node: SyntaxNode, message: string): GuardVerdict {
  return { ok: false, line: node.startPosition.row + 1, message, matched: snippet(node) };
}

function snippet(node: SyntaxNode): string {
  const first = node.text.split('\n')[0] ?? '';
  return first.length > 60 ? `${first.slice(0, 57)}...` : first;
}

function named(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((n): n is SyntaxNode => n !== null);
}

function dotted(node: SyntaxNode | null): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const obj = dotted(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return obj && attr ? `${obj}.${attr.text}` : null;
  }
  return null;
}

function isGuardCall(node: SyntaxNode | null, guards: string[]): boolean {
  if (node?.type !== 'call') return false;
  const name = dotted(node.childForFieldName('function'));
  // The guard's own arguments run before it: they must not have effects of their own.
  const args = node.childForFieldName('arguments');
  return !!name && guards.some((g) => name === g || name.endsWith(`.${g}`)) && (!args || firstEffect(args) === null);
}

/** `guard()` or `x = guard()` as a whole statement. */
function isGuardStatement(stmt: SyntaxNode, guards: string[]): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const inner = named(stmt)[0] ?? null;
  if (isGuardCall(inner, guards)) return true;
  return inner?.type === 'assignment' && isGuardCall(inner.childForFieldName('right'), guards);
}

function isMainBlock(stmt: SyntaxNode): boolean {
  if (stmt.type !== 'if_statement') return false;
  const cond = stmt.childForFieldName('condition');
  if (cond?.type !== 'comparison_operator') return false;
  const [a, b] = named(cond);
  const op = cond.children.find((c) => c && !c.isNamed)?.text;
  if (op !== '==' || !a || !b || named(cond).length !== 2) return false;
  const isName = (n: SyntaxNode) => n.type === 'identifier' && n.text === '__name__';
  const isMain = (n: SyntaxNode) => n.type === 'string' && /^(['"])__main__\1$/.test(n.text);
  return (isName(a) && isMain(b)) || (isName(b) && isMain(a));
}

/** The first node with an effect when `stmt` runs at module (or class body) level, or null. */
export function effectIn(stmt: SyntaxNode): SyntaxNode | null {
  if (DEFINING.has(stmt.type)) return null;
  switch (stmt.type) {
    case 'expression_statement':
      return firstEffect(stmt);
    case 'function_definition': {
      // Default values are evaluated when `def` runs; the body is not.
      const params = stmt.childForFieldName('parameters');
      for (const p of params ? named(params) : []) {
        const value = p.childForFieldName('value');
        const effect = value ? firstEffect(value) : null;
        if (effect) return effect;
      }
      return null;
    }
    case 'class_definition': {
      const supers = stmt.childForFieldName('superclasses');
      const body = stmt.childForFieldName('body');
      return (supers && firstEffect(supers)) ?? (body ? blockEffect(body) : null);
    }
    case 'decorated_definition': {
      for (const d of named(stmt).filter((n) => n.type === 'decorator')) {
        const expr = named(d)[0] ?? null;
        // `@dataclass(frozen=True)` calls the decorator factory with literal options: still pure.
        const call = expr?.type === 'call' ? expr : null;
        const args = call?.childForFieldName('arguments') ?? null;
        const name = dotted(call ? call.childForFieldName('function') : expr);
        if (!name || !PURE_DECORATORS.has(name) || (args && firstEffect(args))) return d;
      }
      const def = stmt.childForFieldName('definition');
      return def ? effectIn(def) : null;
    }
    case 'if_statement':
    case 'elif_clause': {
      const cond = stmt.childForFieldName('condition');
      const effect = cond ? firstEffect(cond) : null;
      if (effect) return effect;
      for (const part of named(stmt)) {
        if (cond && part.id === cond.id) continue; // wrappers are new objects per access: compare ids
        const e = part.type === 'block' ? blockEffect(part) : effectIn(part);
        if (e) return e;
      }
      return null;
    }
    case 'else_clause':
    case 'finally_clause':
    case 'try_statement':
    case 'except_clause':
    case 'except_group_clause': {
      for (const part of named(stmt)) {
        const e = part.type === 'block' ? blockEffect(part) : ['else_clause', 'finally_clause', 'except_clause', 'except_group_clause'].includes(part.type) ? effectIn(part) : firstEffect(part);
        if (e) return e;
      }
      return null;
    }
    default:
      // Loops, with, raise, assert, del, match: treated as effects (fail closed).
      return stmt;
  }
}

function blockEffect(block: SyntaxNode): SyntaxNode | null {
  for (const s of named(block)) {
    const e = effectIn(s);
    if (e) return e;
  }
  return null;
}

/** First call (or await/yield) evaluated by an expression; lambda bodies are not evaluated. */
function firstEffect(node: SyntaxNode): SyntaxNode | null {
  if (EFFECT_NODES.has(node.type)) return node;
  if (node.type === 'lambda') {
    const params = node.childForFieldName('parameters');
    return params ? firstEffect(params) : null;
  }
  for (const child of named(node)) {
    const e = firstEffect(child);
    if (e) return e;
  }
  return null;
}
