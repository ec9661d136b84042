import { describe, expect, it } from 'vitest';
import { withPythonTree } from '../../../src/core/python.js';
import { utf16Column } from '../../../src/gates/import-smoke/index.js';
import { attemptsFor, jsParseError } from '../../../src/gates/import-smoke/js-parse.js';
import { hasMainBlock, relativeImports, sysPathMutations } from '../../../src/gates/import-smoke/python-static.js';

const mutations = (src: string) => withPythonTree('t.py', src, (t) => sysPathMutations(t.rootNode).map((m) => `${m.line}:${m.column} ${m.how}`));
const relatives = (src: string) => withPythonTree('t.py', src, (t) => relativeImports(t.rootNode).map((m) => `${m.line}:${m.column} ${m.text}`));
const mainBlock = (src: string) => withPythonTree('t.py', src, (t) => hasMainBlock(t.rootNode));

describe('sys.path mutation detector', () => {
  it.each([
    ['import sys\nsys.path.insert(0, "x")\n', '2:1 sys.path.insert()'],
    ['import sys\nsys.path.append("x")\n', '2:1 sys.path.append()'],
    ['import sys\nsys.path.extend(["x"])\n', '2:1 sys.path.extend()'],
    ['import sys\nsys.path.remove("x")\n', '2:1 sys.path.remove()'],
    ['import sys\nsys.path = ["x"]\n', '2:1 assignment to sys.path'],
    ['import sys\nsys.path[:0] = ["x"]\n', '2:1 assignment to sys.path'],
    ['import sys\nsys.path[0] = "x"\n', '2:1 assignment to sys.path'],
    ['import sys\na, sys.path = 1, []\n', '2:1 assignment to sys.path'],
    ['import sys\nsys.path += ["x"]\n', '2:1 augmented assignment to sys.path'],
    ['import sys\ndel sys.path[0]\n', '2:1 del on sys.path'],
    ['import site\nsite.addsitedir("x")\n', '2:1 site.addsitedir()'],
    ['from site import addsitedir as add\nadd("x")\n', '2:1 site.addsitedir()'],
    ['import sys as s\ns.path.insert(0, "x")\n', '2:1 sys.path.insert()'],
    ['from sys import path\npath.append("x")\n', '2:1 sys.path.append()'],
    ['from sys import path as p\np.insert(0, "x")\n', '2:1 sys.path.insert()'],
    ['import sys\ndef f():\n    if True:\n        sys.path.insert(0, "x")\n', '4:9 sys.path.insert()'],
  ])('bad: %j', async (src, expected) => {
    expect(await mutations(src)).toEqual([expected]);
  });

  it('reports a nested mutation once, as the statement a person fixes', async () => {
    expect(await mutations('import sys\nsys.path.append(sys.path.pop(0))\n')).toEqual(['2:1 sys.path.append()']);
  });

  it.each([
    ['a comment', 'import sys\n# sys.path.insert(0, "x")\n'],
    ['a string', 'import sys\nHELP = "sys.path.append(\'x\')"\n'],
    ['a docstring', 'def f():\n    """Call sys.path.insert(0, here) yourself."""\n'],
    ['an f-string', 'import sys\nmsg = f"sys.path += {1}"\n'],
    ['reading sys.path', 'import sys\nfirst = sys.path[0]\nn = len(sys.path)\n'],
    ['a copy of sys.path', 'import sys\np = list(sys.path)\np.append("x")\n'],
    ['another module\'s path', 'import os\nos.path.join("a", "b")\npath = []\npath.append(1)\n'],
    ['another object\'s path attribute', 'class C: pass\nc = C()\nc.path = []\nc.path.append("x")\n'],
  ])('good: %s never matches', async (_what, src) => {
    expect(await mutations(src)).toEqual([]);
  });
});

describe('relative imports and __main__ blocks', () => {
  it('finds relative imports, with their positions, and nothing else', async () => {
    const src = 'from . import a\nfrom ..pkg.mod import b as c\nfrom os import path\nimport json\n# from . import x\ns = "from . import y"\n';
    expect(await relatives(src)).toEqual(['1:1 from . import a', '2:1 from ..pkg.mod import b as c']);
  });

  it.each([
    ['if __name__ == "__main__":\n    pass\n', true],
    ["if '__main__' == __name__:\n    pass\n", true],
    ['if __name__ != "__main__":\n    pass\n', false],
    ['def f():\n    if __name__ == "__main__":\n        pass\n', false],
    ['# if __name__ == "__main__":\nx = "__main__"\n', false],
  ])('main block in %j: %s', async (src, expected) => {
    expect(await mainBlock(src)).toBe(expected);
  });
});

describe('TypeScript/JavaScript parsing', () => {
  it.each([
    ['a.ts', '@Injectable()\nclass S { constructor(@Inject("x") private y: string) {} }\n'],
    ['a.ts', 'export @dec class A {}\n'],
    ['a.tsx', 'export const f = <T,>(x: T) => <div>{String(x)}</div>;\n'],
    ['a.js', 'export const f = () => <div/>;\n'],
    ['a.cjs', 'if (x) return;\nmodule.exports = 1;\n'],
    ['a.js', 'with (obj) { y = 1; }\n'],
    ['a.mjs', 'export const a = await Promise.resolve(1);\n'],
    ['a.d.ts', 'declare module "m" { export function f(): void; }\n'],
    ['a.cts', 'import fs = require("fs");\nexport = fs;\n'],
  ])('%s parses: %j', (file, src) => {
    expect(jsParseError(file, src)).toBeNull();
  });

  it('reports line and 1-based column of the first attempt', () => {
    expect(jsParseError('a.ts', 'const ok = 1;\nconst x = ;\n')).toEqual({ line: 2, column: 11, message: 'Unexpected token' });
  });

  it('a module-only extension is never retried as a script', () => {
    expect(attemptsFor('a.mjs').every((a) => a.sourceType === 'module')).toBe(true);
    expect(jsParseError('a.mjs', 'with (o) {}\n')?.message).toMatch(/strict mode/);
  });

  it('TypeScript syntax is an error in plain JavaScript', () => {
    expect(jsParseError('a.js', 'let x: number = 1;\n')).not.toBeNull();
  });
});

describe('columns', () => {
  it('converts Python code-point columns to UTF-16 columns', () => {
    expect(utf16Column('x = "😀" +', 9)).toBe(10);
    expect(utf16Column('abc', 2)).toBe(2);
  });
});
