import type { ScopeGlobs } from '../../core/scope.js';

export const PRESET_IDS = [
  'freqtrade',
  'alpaca-py',
  'alpaca-trade-api',
  'alpaca-js',
  'ccxt',
  'python-binance',
  'pybit',
  'ib',
  'oanda',
  'nautilus',
  'octobot',
  'hummingbot',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface PaperModePolicy {
  /** The variable every test job must set, and the one value that is paper. */
  mode_variable: string;
  paper_value: string;
  test_commands: string[];
  test_actions: string[];
  guardrail: string;
  deploy_config: string[];
  live_flags: { truthy: string[]; falsy: string[] };
  /** Code and config read for env defaults and presets. */
  scope: ScopeGlobs;
  /** Inside the scope but not runtime: code findings there are notes. */
  non_blocking: string[];
  presets: PresetId[];
}

const strings = (title: string, description: string) => ({
  title,
  description,
  type: 'array',
  items: { type: 'string', minLength: 1 },
});

export const policySchema = {
  title: 'Gate C: paper-mode',
  description: 'Every CI job that runs tests sets the trading mode to paper; the guardrail test exists and runs; no committed config or code switches to live.',
  type: 'object',
  additionalProperties: false,
  properties: {
    mode_variable: {
      title: 'Trading-mode variable',
      description: 'Environment variable that selects paper or live (default `TRADING_MODE`).',
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    },
    paper_value: {
      title: 'Paper value',
      description: 'The only value of the trading-mode variable that counts as paper (exact, case-sensitive).',
      type: 'string',
      minLength: 1,
    },
    test_commands: strings(
      'Test commands',
      'Commands that run tests, as words (`python -m pytest`, `npm run test`). A `run:` command matches when its words start with these, after `NAME=value` prefixes and wrappers such as `uv run` or `poetry run`.',
    ),
    test_actions: strings('Test actions', 'Actions (`owner/repo` or `owner/repo/path`, without `@ref`) whose steps run tests.'),
    guardrail: {
      title: 'Guardrail test',
      description: 'Repo-relative path of the test that proves the code refuses live trading in CI.',
      type: 'string',
      minLength: 1,
    },
    deploy_config: strings('Deployment config', 'Globs of committed deployment configuration (.env, compose, Kubernetes, Helm values, Cloud Run, Procfile, Dockerfile).'),
    live_flags: {
      title: 'Generic live flags',
      description: 'Variable names (`*` wildcards) that switch a system to live: `truthy` ones when true, `falsy` ones when false.',
      type: 'object',
      additionalProperties: false,
      properties: {
        truthy: strings('Live when true', 'e.g. `LIVE_TRADING`, `ENABLE_LIVE_TRADING`.'),
        falsy: strings('Live when false', 'e.g. `PAPER_TRADING`, `DRY_RUN`, `*_IS_PAPER`, `*_SANDBOX`.'),
      },
    },
    scope: {
      title: 'Code and config read',
      description: 'Files read for environment-variable defaults and framework presets.',
      type: 'object',
      additionalProperties: false,
      properties: {
        include: strings('Include globs', 'Repo-relative globs.'),
        exclude: strings('Exclude globs', 'Never read (vendored code, bundles).'),
      },
    },
    non_blocking: strings('Outside runtime', 'Tests and docs: code findings there are notes, never blocking.'),
    presets: {
      title: 'Framework presets',
      description: 'Framework-specific checks to run; each knows how its framework chooses paper or live.',
      type: 'array',
      uniqueItems: true,
      items: { enum: [...PRESET_IDS] },
    },
  },
} as const;
