import type { ScopeGlobs } from '../../core/scope.js';

export interface ScriptRiskPolicy {
  /** Repo-relative path of the manifest. */
  manifest: string;
  categories: string[];
  /** Categories that imply requires_exec_guard: true; they count as valid categories too. */
  guard_categories: string[];
  scripts: {
    /** Where scripts live; a file there is a script when its extension is listed, or it has none and starts with a shebang. */
    include: string[];
    exclude: string[];
    extensions: string[];
    /** Also every file with an executable git mode (100755) and a shebang, wherever it is. */
    executables: boolean;
  };
  /** Test files are never scripts, even when executable. */
  tests: string[];
  python_guards: string[];
  shell_guard: { source: string; function: string };
  agent_mode: { scope: ScopeGlobs };
}

const globs = (title: string, description: string) => ({
  title,
  description,
  type: 'array',
  items: { type: 'string', minLength: 1 },
});

const category = { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', not: { const: 'unclassified' } };

export const policySchema = {
  title: 'Gate B: script-risk',
  description:
    'The script-risk manifest matches the tracked scripts; scripts that require the exec guard call it before anything else; no committed config sets AGENT_MODE=EXECUTE.',
  type: 'object',
  additionalProperties: false,
  properties: {
    manifest: {
      title: 'Manifest path',
      description: 'Repo-relative path of the script-risk manifest (validated against schemas/script-risk-manifest.schema.json).',
      type: 'string',
      minLength: 1,
      pattern: '^(?!/)(?!\\./)(?!.*(^|/)\\.\\.(/|$)).+$',
    },
    categories: {
      title: 'Script categories',
      description: 'Categories a manifest entry may use. `unclassified` can never be one: it is what `manifest sync` writes for a script nobody has reviewed.',
      type: 'array',
      uniqueItems: true,
      minItems: 1,
      items: category,
    },
    guard_categories: {
      title: 'Categories that imply the exec guard',
      description: 'An entry in one of these categories must say requires_exec_guard: true. They are valid categories as well.',
      type: 'array',
      uniqueItems: true,
      items: category,
    },
    scripts: {
      title: 'Tracked scripts',
      type: 'object',
      additionalProperties: false,
      properties: {
        include: globs('Script locations', 'Globs of files that are scripts when their extension is listed or they have none and start with #!.'),
        exclude: globs('Never scripts', 'Globs excluded from both the script locations and the executables.'),
        extensions: {
          title: 'Script extensions',
          description: 'Extensions (without the dot) of code files under the script locations.',
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', pattern: '^[A-Za-z0-9]+$' },
        },
        executables: {
          title: 'Executables anywhere',
          description: 'Also track every file with an executable mode (git 100755) that starts with #!, outside tests.',
          type: 'boolean',
        },
      },
    },
    tests: globs('Tests', 'Test files are never scripts, even when executable.'),
    python_guards: {
      title: 'Python guard calls',
      description: 'Dotted names of the guard function; a call to the name, or to anything ending in `.name`, counts.',
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
    },
    shell_guard: {
      title: 'Shell guard',
      type: 'object',
      additionalProperties: false,
      properties: {
        source: { title: 'Guard library', description: 'Glob on the file name of the library a shell script must source (`source` or `.`).', type: 'string', minLength: 1 },
        function: { title: 'Guard function', description: 'Shell function the script must call right after sourcing the library.', type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_:-]*$' },
      },
    },
    agent_mode: {
      title: 'AGENT_MODE=EXECUTE check',
      type: 'object',
      additionalProperties: false,
      properties: {
        scope: {
          title: 'Configuration files checked',
          description: 'Files read as configuration (.env, YAML, JSON, TOML, INI, Dockerfile); one that does not parse stops the gate (exit 3).',
          type: 'object',
          additionalProperties: false,
          properties: {
            include: globs('Include globs', 'Repo-relative globs of the configuration files checked.'),
            exclude: globs('Exclude globs', 'Never checked (lock files, vendored trees).'),
          },
        },
      },
    },
  },
} as const;
