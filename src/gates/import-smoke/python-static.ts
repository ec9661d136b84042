/**
 * What the Python syntax tree says about imports: sys.path mutations, relative imports and the
 * `if __name__ == "__main__":` block. Only code nodes are looked at, so comments and strings never match.
 */
import { findNodes, nodePosition, type SyntaxNode, type SyntaxTree } from '../../core/python.js';

export interface StaticHit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The source text of the node, for the message and the fingerprint. */
  text: string;
}

export interface PythonFacts {
  sysPathMutations: (StaticHit & { how: string })[];
  relativeImports: StaticHit[];
  hasMainBlock: boolean;
}

/** List methods that change the list in place. */
const MUTATING_METHODS = new Set(['insert', 'append', 'extend', 'remove', 'pop', 'clear', '__setitem__', '__delitem__', '__iadd__']);

/** Names bound to the `sys` and `site` modules, to `sys.path` and to `site.addsitedir` by the file's imports. */
interface Bindings {
  sys: Set<string>;
  site: Set<string>;
  path: Set<string>;
  addsitedir: Set<string>;
}

function bindings(root: SyntaxNode): Bindings {
  // `sys` and `site` count even unimported: a fail-closed default, since an unbound name would only raise.
  const b: Bindings = { sys: new Set(['sys']), site: new Set(['site']), path: new Set(), addsitedir: new Set() };
  for (const stmt of findNodes(root, (n) => n.type === 'import_statement')) {
    for (const name of stmt.childrenForFieldName('name')) {
      if (name?.type !== 'aliased_import') continue;
      const module = name.childForFieldName('name')?.text;
      const alias = name.childForFieldName('alias')?.text;
      if (!alias) continue;
      if (module === 'sys') b.sys.add(alias);
      if (module === 'site') b.site.add(alias);
    }
  }
  for (const stmt of findNodes(root, (n) => n.type === 'import_from_statement')) {
    const module = stmt.childForFieldName('module_name');
    if (module?.type !== 'dotted_name' || (module.text !== 'sys' && module.text !== 'site')) continue;
    for (const name of stmt.childrenForFieldName('name')) {
      if (!name) continue;
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
      const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
      if (!local) continue;
      if (module.text === 'sys' && imported === 'path') b.path.add(local);
      if (module.text === 'site' && imported === 'addsitedir') b.addsitedir.add(local);
    }
  }
  return b;
}

/** `sys.path` (or an alias of either part), without parentheses. */
function isSysPath(n: SyntaxNode | null, b: Bindings): boolean {
  if (!n) return false;
  if (n.type === 'parenthesized_expression') return isSysPath(n.namedChildren[0] ?? null, b);
  if (n.type === 'identifier') return b.path.has(n.text);
  if (n.type !== 'attribute') return false;
  const object = n.childForFieldName('object');
  return n.childForFieldName('attribute')?.text === 'path' && object?.type === 'identifier' && b.sys.has(object.text);
}

/** An assignment or deletion target that changes sys.path: the name itself, a slice or item of it, or either inside a target list. */
function targetsSysPath(n: SyntaxNode | null, b: Bindings): boolean {
  if (!n) return false;
  if (isSysPath(n, b)) return true;
  if (n.type === 'subscript') return isSysPath(n.childForFieldName('value'), b);
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'parenthesized_expression'].includes(n.type)) {
    return n.namedChildren.some((c) => targetsSysPath(c, b));
  }
  return false;
}

function hit(n: SyntaxNode): StaticHit {
  return { ...nodePosition(n), text: n.text.length > 200 ? `${n.text.slice(0, 200)}…` : n.text };
}

export function sysPathMutations(root: SyntaxNode): PythonFacts['sysPathMutations'] {
  const b = bindings(root);
  const out: PythonFacts['sysPathMutations'] = [];
  // `sys.path.append(sys.path.pop(0))` is one thing to fix: a hit inside a reported node is not reported again.
  let coveredUntil = -1;
  const push = (n: SyntaxNode, how: string) => {
    if (n.startIndex < coveredUntil) return;
    coveredUntil = n.endIndex;
    out.push({ ...hit(n), how });
  };
  for (const n of findNodes(root, (x) => ['call', 'assignment', 'augmented_assignment', 'delete_statement'].includes(x.type))) {
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const object = fn.childForFieldName('object');
        if (MUTATING_METHODS.has(method) && isSysPath(object, b)) push(n, `sys.path.${method}()`);
        else if (method === 'addsitedir' && object?.type === 'identifier' && b.site.has(object.text)) push(n, 'site.addsitedir()');
      } else if (fn?.type === 'identifier' && b.addsitedir.has(fn.text)) {
        push(n, 'site.addsitedir()');
      }
    } else if (n.type === 'assignment') {
      // `a = b = c` nests: each assignment node has its own left side.
      if (targetsSysPath(n.childForFieldName('left'), b)) push(n, 'assignment to sys.path');
    } else if (n.type === 'augmented_assignment') {
      if (targetsSysPath(n.childForFieldName('left'), b)) push(n, 'augmented assignment to sys.path');
    } else if (n.namedChildren.some((c) => targetsSysPath(c, b))) {
      push(n, 'del on sys.path');
    }
  }
  return out;
}

export function relativeImports(root: SyntaxNode): StaticHit[] {
  return findNodes(root, (n) => n.type === 'import_from_statement' && n.childForFieldName('module_name')?.type === 'relative_import').map(hit);
}

/** A top-level `if __name__ == "__main__":` (either operand order, either quote style). */
export function hasMainBlock(root: SyntaxNode): boolean {
  return root.namedChildren.some((stmt) => {
    if (stmt?.type !== 'if_statement') return false;
    const cond = stmt.childForFieldName('condition');
    if (cond?.type !== 'comparison_operator' || cond.namedChildren.length !== 2) return false;
    if (!cond.children.some((c) => c?.type === '==')) return false;
    const operands = cond.namedChildren.map((c) => (c?.type === 'string' ? stringValue(c) : c?.type === 'identifier' ? `id:${c.text}` : null));
    return operands.includes('id:__name__') && operands.includes('__main__');
  });
}

function stringValue(n: SyntaxNode): string | null {
  const parts = n.namedChildren.filter((c) => c?.type === 'string_content');
  if (n.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  return parts.map((c) => c?.text ?? '').join('');
}

export function pythonFacts(tree: SyntaxTree): PythonFacts {
  const root = tree.rootNode;
  return { sysPathMutations: sysPathMutations(root), relativeImports: relativeImports(root), hasMainBlock: hasMainBlock(root) };
}
