export interface ImportSmokePolicy {
  scope: { include: string[]; exclude: string[] };
  /** In scope (they must compile), but not runtime: sys.path and relative-import rules skip them. */
  non_runtime: string[];
  /** The interpreter that compiles and imports: a command on PATH or a path. */
  python: string;
  /** Repo-relative directories put first on the import path of Python entrypoints (src layouts). */
  python_path: string[];
  entrypoints: { python: string[]; node: string[] };
  timeout_seconds: number;
}

const globs = (title: string, description: string) => ({
  title,
  description,
  type: 'array',
  items: { type: 'string', minLength: 1 },
});

export const policySchema = {
  title: 'Gate A: import-smoke',
  description: 'Every Python/TS/JS file in scope compiles; declared entrypoints import with the network blocked; no sys.path mutation in runtime code.',
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: {
      title: 'Files checked',
      description: 'Python files (`.py`) and TypeScript/JavaScript files (`.ts .tsx .mts .cts .js .jsx .mjs .cjs`) matching these globs are checked.',
      type: 'object',
      additionalProperties: false,
      properties: {
        include: globs('Include globs', 'Repo-relative globs of the files checked.'),
        exclude: globs('Exclude globs', 'Never checked (vendored code, virtual environments, generated bundles).'),
      },
    },
    non_runtime: globs(
      'Outside runtime',
      'Tests, conftest.py, docs and build scripts: they must still compile, but may change sys.path and use relative imports in scripts.',
    ),
    python: {
      title: 'Python interpreter',
      description: 'Command on PATH or path of the interpreter that compiles the files and imports the entrypoints (use actions/setup-python in CI). Not found is an error, never a skip.',
      type: 'string',
      minLength: 1,
    },
    python_path: globs('Python import path', 'Repo-relative directories put first on sys.path when importing Python entrypoints (e.g. `src` for a src layout).'),
    entrypoints: {
      title: 'Entrypoints',
      description: 'Imported in a subprocess with the network blocked, a timeout, cwd = repository root and a minimal environment.',
      type: 'object',
      additionalProperties: false,
      properties: {
        python: {
          title: 'Python entrypoints',
          description: 'Dotted module names (`mybot.main`, imported like `python -m` would) or repo-relative script paths (`scripts/run.py`, loaded as a script without running its __main__ block).',
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', pattern: '^(?:[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*|[^\\s]+\\.py)$' },
        },
        node: {
          title: 'Node entrypoints',
          description: 'Repo-relative JavaScript files (`dist/server.js`) imported by Node with the network blocked.',
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', pattern: '^[^\\s]+\\.(?:js|mjs|cjs)$' },
        },
      },
    },
    timeout_seconds: {
      title: 'Entrypoint import timeout',
      description: 'Seconds an entrypoint import may take before it counts as hanging.',
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 600,
    },
  },
} as const;
