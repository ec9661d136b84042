import { ruleFactory } from '../../core/docs.js';

export const GATE_ID = 'import-smoke';

const rule = ruleFactory(GATE_ID);

export const RULES = {
  pythonSyntax: rule('python-syntax-error', {
    title: 'Python file does not compile',
    description: "A tracked Python file in scope does not compile with the runner's Python interpreter.",
    defaultSeverity: 'error',
    help: 'Fix the syntax at the reported line and column, or exclude the file from import-smoke.scope if it is not meant for this Python version.',
  }),
  sysPath: rule('sys-path-mutation', {
    title: 'sys.path mutation in runtime code',
    description: 'Runtime code changes sys.path (insert, append, extend, remove, assignment, site.addsitedir).',
    defaultSeverity: 'error',
    help: 'Make the code an installable package (pyproject.toml) or run it with `python -m package.module`; imports must not depend on where the process started.',
  }),
  relativeInScript: rule('relative-import-in-script', {
    title: 'Relative import in a script',
    description: 'A file that runs as a script (a declared script entrypoint, or a __main__ block outside a package) uses a relative import.',
    defaultSeverity: 'error',
    help: 'Use an absolute import, or put the module in a package and run it with `python -m package.module`.',
  }),
  entrypointImport: rule('entrypoint-import-failed', {
    title: 'Python entrypoint does not import',
    description: 'A declared Python entrypoint raised, reached for the network, or hung when imported with the network blocked.',
    defaultSeverity: 'error',
    help: 'Importing an entrypoint must not fail, connect or block: move I/O and connections into functions called at start-up, and make sure its dependencies are installed in CI.',
  }),
  jsParse: rule('js-parse-error', {
    title: 'TypeScript/JavaScript file does not parse',
    description: 'A tracked TypeScript or JavaScript file in scope does not parse.',
    defaultSeverity: 'error',
    help: 'Fix the syntax at the reported line and column, or exclude the file from import-smoke.scope if it is not source (a template, a fixture of invalid code).',
  }),
  nodeEntrypointImport: rule('node-entrypoint-import-failed', {
    title: 'Node entrypoint does not import',
    description: 'A declared Node entrypoint threw, reached for the network, or hung when imported with the network blocked.',
    defaultSeverity: 'error',
    help: 'Importing an entrypoint must not fail, connect or block: open connections in a start function, and build the entrypoint (if it is generated) before the check.',
  }),
} as const;
