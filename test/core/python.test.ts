import { describe, expect, it } from 'vitest';
import { ScanError } from '../../src/core/errors.js';
import { findNodes, nodePosition, withPythonTree } from '../../src/core/python.js';

describe('Python syntax trees (tree-sitter, WebAssembly)', () => {
  it('parses real Python and finds nodes with 1-based positions', async () => {
    const text = 'import sys\n\ndef main():\n    sys.path.insert(0, "x")  # not "sys.path.append" in a comment\n';
    const calls = await withPythonTree('a.py', text, (tree) =>
      findNodes(tree.rootNode, (n) => n.type === 'call').map((n) => ({ text: n.text, ...nodePosition(n) })),
    );
    expect(calls).toEqual([{ text: 'sys.path.insert(0, "x")', line: 4, column: 5, endLine: 4, endColumn: 28 }]);
  });

  it('fails closed on a syntax error, naming file, line and column', async () => {
    const err = await withPythonTree('pkg/bad.py', 'def f(:\n    pass\n', () => 'parsed').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as ScanError).message).toMatch(/^pkg\/bad\.py:1:\d+: Python /);
    expect((err as ScanError).path).toBe('pkg/bad.py');
  });

  it('reports a missing token (unclosed bracket) as a syntax problem', async () => {
    await expect(withPythonTree('m.py', 'x = [1, 2\n', () => 1)).rejects.toThrow(/^m\.py:\d+:\d+: Python /);
  });
});
