import type { ScopeGlobs } from '../../core/scope.js';

export const PATTERNS = ['decision-literal', 'silent-fallback', 'literal-threshold', 'required-structure'] as const;
export type PatternKind = (typeof PATTERNS)[number];

/** One proof obligation: over the files in `scope`, the pattern never matches (or, for structure, always holds). */
export interface ValueRule {
  id: string;
  description: string;
  pattern: PatternKind;
  scope: ScopeGlobs;
  /** Decision names (`*` and `?` wildcards, case-insensitive) for the literal patterns. */
  names?: string[];
  /** Literal values that are never decisions for this rule (e.g. 0 as an initial accumulator). */
  ignore_values?: number[];
  /** For `required-structure`: what every file in scope must contain. */
  require?: { imports?: string[]; calls?: string[]; none_guards?: string[] };
}

export interface HardcodedValuesPolicy {
  rules: ValueRule[];
}

const globs = (title: string, description: string) => ({ title, description, type: 'array', items: { type: 'string', minLength: 1 } });

export const policySchema = {
  title: 'hardcoded-values',
  description:
    'Fail-closed proof: trading decisions (leverage, size, thresholds) come from a policy source, never from a literal in code or a silent fallback; required fail-closed structures exist.',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      title: 'Proof rules',
      description: 'Each rule is proven over the files its scope matches; a rule whose scope matches no file is an error.',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description', 'pattern', 'scope'],
        properties: {
          id: { title: 'Rule id', description: 'Stable, lowercase-kebab; shown in the proof and in messages.', type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          description: { title: 'Description', type: 'string', minLength: 1 },
          pattern: { title: 'Pattern', description: 'What the rule looks for.', enum: [...PATTERNS] },
          scope: {
            title: 'Files in scope',
            type: 'object',
            additionalProperties: false,
            required: ['include'],
            properties: {
              include: { ...globs('Include globs', 'Repo-relative globs of trading code (strategies, bots, services, connectors).'), minItems: 1 },
              exclude: globs('Exclude globs', 'Never read (tests, vendored code).'),
            },
          },
          names: { ...globs('Decision names', 'Names (`*`, `?` wildcards, case-insensitive) whose values are trading decisions.'), minItems: 1 },
          ignore_values: { title: 'Ignored literals', description: 'Numbers that are never decisions for this rule.', type: 'array', items: { type: 'number' } },
          require: {
            title: 'Required structure',
            description: 'For `required-structure`: every file in scope imports each module, calls each function and returns (or raises) when each name is None.',
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              imports: globs('Imports', 'Module names (`policy_store`, `app.policy`); a submodule import counts.'),
              calls: globs('Calls', 'Function or method names (`load_policy`, `store.get_policy`); the last dotted part must match.'),
              none_guards: globs('None guards', 'Names that must be guarded: `if NAME is None: return` (or raise).'),
            },
          },
        },
        if: { properties: { pattern: { const: 'required-structure' } } },
        then: { required: ['require'] },
        else: { required: ['names'] },
      },
    },
  },
} as const;
