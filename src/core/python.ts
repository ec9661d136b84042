/**
 * Python syntax trees through tree-sitter compiled to WebAssembly, so the bundle stays portable
 * (no native addon) across Linux, macOS and Windows runners on x64 and arm64. One parser per
 * process, loaded on first use; every gate that reads Python shares it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { ScanError } from './errors.js';
import { packageRoot } from './policy.js';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

/** The .wasm files ship in dist/wasm (copied there by the build from node_modules). */
export const WASM_FILES = {
  runtime: 'web-tree-sitter.wasm',
  python: 'tree-sitter-python.wasm',
} as const;

export function wasmPath(file: string): string {
  const p = path.join(packageRoot(), 'dist', 'wasm', file);
  if (!existsSync(p)) throw new ScanError(`paperguard installation is incomplete: ${p} is missing (run npm run build)`);
  return p;
}

let loading: Promise<Parser> | null = null;

async function load(): Promise<Parser> {
  const runtime = wasmPath(WASM_FILES.runtime);
  await Parser.init({ locateFile: () => runtime });
  const language = await Language.load(readFileSync(wasmPath(WASM_FILES.python)));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function pythonParser(): Promise<Parser> {
  loading ??= load().catch((err: unknown) => {
    loading = null;
    throw new ScanError(`cannot load the Python grammar: ${(err as Error).message}`);
  });
  return loading;
}

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** The first ERROR or MISSING node, as a 1-based position: tree-sitter recovers, we must not pretend. */
export function firstSyntaxProblem(tree: Tree): SyntaxProblem | null {
  if (!tree.rootNode.hasError) return null;
  const stack: Node[] = [tree.rootNode];
  while (stack.length) {
    const node = stack.shift() as Node;
    if (node.isMissing) {
      return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `missing ${node.type}` };
    }
    if (node.isError) {
      return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: 'invalid syntax' };
    }
    for (const child of node.children) if (child?.hasError || child?.isMissing) stack.push(child);
  }
  return { line: 1, column: 1, message: 'invalid syntax' };
}

/**
 * Parses `text` and hands the tree to `use`; the tree's WebAssembly memory is freed afterwards.
 * A file that does not parse is a ScanError naming the file and line: a check over a file we could
 * not read is no check.
 */
export async function withPythonTree<T>(file: string, text: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await pythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new ScanError(`cannot parse ${file}`, file);
  try {
    const problem = firstSyntaxProblem(tree);
    if (problem) throw new ScanError(`${file}:${problem.line}:${problem.column}: Python ${problem.message}`, file);
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** 1-based line and column of a node, as findings report them. */
export function nodePosition(node: Node): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Every descendant of `root` (depth first, source order) for which `keep` is true. */
export function findNodes(root: Node, keep: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (keep(n)) out.push(n);
    for (const child of n.namedChildren) if (child) walk(child);
  };
  walk(root);
  return out;
}
