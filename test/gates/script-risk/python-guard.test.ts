import { describe, expect, it } from 'vitest';
import { withPythonTree } from '../../../src/core/python.js';
import { checkPythonGuard } from '../../../src/gates/script-risk/python-guard.js';

const GUARDS = ['require_exec_guard', 'exec_guard.require'];
const verdict = (src: string) => withPythonTree('s.py', src, (tree) => checkPythonGuard(tree.rootNode, GUARDS));
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('Python exec guard position', () => {
  it.each([
    ['first after docstring, __future__ and imports', lines('"""Doc."""', 'from __future__ import annotations', 'import os', 'from lib.exec_guard import require_exec_guard', '', 'require_exec_guard()', 'os.remove("x")')],
    ['module attribute form', lines('import exec_guard', 'exec_guard.require("deploy")', 'run()')],
    ['package-qualified name', lines('import ops.exec_guard', 'ops.exec_guard.require()')],
    ['assigned result', lines('from g import require_exec_guard', 'token = require_exec_guard()')],
    [
      'first in the __main__ block after definitions and literal constants',
      lines(
        'import sys',
        'from dataclasses import dataclass',
        'LIMIT = 10',
        'NAMES = ("a", "b")',
        'KEY = {"x": -1, "y": LIMIT * 2}',
        'try:',
        '    import fast',
        'except ImportError:',
        '    fast = None',
        'if TYPE_CHECKING:',
        '    from x import Y',
        '@dataclass(frozen=True)',
        'class Cfg:',
        '    n: int = 1',
        'def main(argv=None, f=lambda: print("later")):',
        '    sys.exit(run(argv))',
        'if __name__ == "__main__":',
        '    # the guard goes first',
        '    require_exec_guard()',
        '    main()',
      ),
    ],
    ["reversed comparison, single quotes", lines('def main(): pass', "if '__main__' == __name__:", '    require_exec_guard()', '    main()')],
  ])('good: %s', async (_name, src) => {
    expect((await verdict(src)).ok).toBe(true);
  });

  it.each([
    ['a call before the guard', lines('import os', 'os.makedirs("out")', 'require_exec_guard()'), 2, 'os.makedirs("out")'],
    ['load_dotenv in an assignment', lines('import os', 'ENV = load_dotenv()', 'require_exec_guard()'), 2, 'load_dotenv()'],
    ['no guard at all', lines('import os', 'def f(): pass'), 1, 'never calls'],
    ['guard only inside a function', lines('def main():', '    require_exec_guard()', 'main()'), 3, 'main()'],
    ['guard not first in the __main__ block', lines('def main(): pass', 'if __name__ == "__main__":', '    print("starting")', '    require_exec_guard()'), 3, 'print("starting")'],
    ['effect at module level before the __main__ block', lines('import logging', 'logging.basicConfig()', 'if __name__ == "__main__":', '    require_exec_guard()'), 2, 'logging.basicConfig()'],
    ['a decorator that registers', lines('@app.route("/")', 'def index(): pass', 'require_exec_guard()'), 1, '@app.route'],
    ['a call in a default argument', lines('def f(x=connect()): pass', 'require_exec_guard()'), 1, 'connect()'],
    ['a call in a class body', lines('class C:', '    client = Client()', 'require_exec_guard()'), 2, 'Client()'],
    ['a loop', lines('for i in range(3):', '    pass', 'require_exec_guard()'), 1, 'for i'],
    ['an f-string that calls', lines('X = f"{os.getcwd()}"', 'require_exec_guard()'), 1, 'os.getcwd()'],
    ['a guard whose argument has an effect', lines('require_exec_guard(setup())'), 1, 'require_exec_guard(setup())'],
    ['a look-alike name', lines('my_require_exec_guard()'), 1, 'my_require_exec_guard()'],
  ])('bad: %s', async (_name, src, line, text) => {
    const v = await verdict(src);
    expect(v.ok).toBe(false);
    expect(v.line).toBe(line);
    expect(v.message).toContain(text);
  });
});
