/**
 * The guardrail test: present, not skipped, and collected by a CI test run.
 */
import type { RawFinding } from '../../core/finding.js';
import { findNodes, nodePosition, type SyntaxNode, type SyntaxTree } from '../../core/python.js';
import type { TestRun } from './ci.js';
import { RULES } from './rules.js';

const SKIP_MARKS = /^(?:pytest\.)?mark\.(skip|skipif|xfail)\b|^(?:unittest\.)?(skip|skipIf|skipUnless|expectedFailure)\b/;

/** Skips and xfails anywhere in the module, and whether it defines a test at all. */
export function guardrailProblems(file: string, tree: SyntaxTree): { findings: RawFinding[]; tests: number } {
  const root = tree.rootNode;
  const findings: RawFinding[] = [];
  const push = (node: SyntaxNode, what: string) =>
    findings.push({
      rule: RULES.guardrailSkipped.id, severity: 'error', path: file, ...nodePosition(node), matched: node.text,
      message: `The guardrail test ${what} (${oneLine(node.text)}): it may never run.`,
      help: RULES.guardrailSkipped.help,
    });

  for (const dec of findNodes(root, (n) => n.type === 'decorator')) {
    const expr = dec.namedChildren[0];
    const callee = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
    const name = callee?.text.replace(/\s+/g, '') ?? '';
    if (SKIP_MARKS.test(name)) push(dec, `is marked ${name}`);
  }
  // Module-level statements run at collection: a skip there skips the whole file.
  for (const stmt of moduleLevel(root)) {
    for (const call of findNodes(stmt, (n) => n.type === 'call')) {
      const fn = call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
      if (/^(?:pytest\.)?(skip|importorskip|xfail)$/.test(fn) && !insideFunction(call, stmt)) push(call, `calls ${fn}() at module level`);
    }
    if (stmt.type === 'expression_statement') {
      const assign = stmt.namedChildren[0];
      if (assign?.type === 'assignment' && assign.childForFieldName('left')?.text === 'pytestmark') {
        const right = assign.childForFieldName('right');
        if (right && /mark\.(skip|skipif|xfail)\b/.test(right.text)) push(assign, 'sets pytestmark to a skip or xfail');
      }
    }
  }
  const tests = findNodes(root, (n) => n.type === 'function_definition' && /^test/.test(n.childForFieldName('name')?.text ?? '')).length;
  return { findings, tests };
}

function moduleLevel(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const walk = (n: SyntaxNode) => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition') continue;
      // `if`/`try` blocks at module level still run at import.
      if (['if_statement', 'try_statement', 'with_statement', 'block', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(c.type)) walk(c);
      else out.push(c);
    }
  };
  walk(root);
  return out;
}

function insideFunction(node: SyntaxNode, stop: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== stop.id; n = n.parent) if (n.type === 'lambda' || n.type === 'function_definition') return true;
  return false;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** True when one of the runs collects `file`. */
export function covers(runs: TestRun[], file: string): TestRun | null {
  const under = (p: string, dir: string) => dir === '' || p === dir || p.startsWith(`${dir}/`);
  return runs.find((r) => r.paths.some((d) => under(file, d)) && !r.ignored.some((d) => under(file, d))) ?? null;
}
