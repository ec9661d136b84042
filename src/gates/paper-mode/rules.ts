import { ruleFactory } from '../../core/docs.js';

export const GATE_ID = 'paper-mode';

export const rule = ruleFactory(GATE_ID);

export const RULES = {
  testJobNotPaper: rule('test-job-not-paper', {
    title: 'Test job not in paper mode',
    description: 'A CI step runs tests while the trading-mode variable is not the literal paper value (unset, or another value), for some matrix combination.',
    defaultSeverity: 'error',
    help: 'Set `TRADING_MODE: paper` in the workflow or job `env:` (or on the step), for every matrix combination.',
  }),
  unresolved: rule('trading-mode-unresolved', {
    title: 'Trading mode not known statically',
    description: 'The trading mode of a test step comes from an expression (a secret, a variable, a function) that cannot be resolved from the repository.',
    defaultSeverity: 'error',
    help: 'Write the literal paper value (`TRADING_MODE: paper`); an expression might be live at run time.',
  }),
  guardrailMissing: rule('guardrail-test-missing', {
    title: 'Guardrail test missing',
    description: 'The guardrail test named by the policy does not exist, or defines no test.',
    defaultSeverity: 'error',
    help: 'Add the guardrail test (policy `paper-mode.guardrail`): it must fail when the code would trade live in CI.',
  }),
  guardrailSkipped: rule('guardrail-test-skipped', {
    title: 'Guardrail test skipped',
    description: 'The guardrail test is skipped or expected to fail (pytest skip/skipif/xfail/importorskip, `pytestmark`, unittest skip).',
    defaultSeverity: 'error',
    help: 'Remove the skip or xfail: a guardrail that does not run guards nothing.',
  }),
  guardrailNotRun: rule('guardrail-test-not-run', {
    title: 'Guardrail test not run by CI',
    description: 'No workflow step that runs tests covers the guardrail test\'s path.',
    defaultSeverity: 'error',
    help: 'Run pytest in a test job without path arguments, or with a path that contains the guardrail test.',
  }),
  deployConfigLive: rule('deploy-config-live', {
    title: 'Deployment config switches to live',
    description: 'Committed deployment configuration sets the trading mode to something other than paper, or switches a generic live flag on.',
    defaultSeverity: 'error',
    help: 'Commit paper settings only; choose live in the deployment system (a protected environment, a secret store) after review.',
  }),
  unsafeEnvDefault: rule('unsafe-env-default', {
    title: 'Unsafe environment default',
    description: 'Code reads the trading mode or a live flag from the environment with a default that means live.',
    defaultSeverity: 'error',
    help: 'Make the default the safe value (`"paper"`, live flags false, paper/dry-run/testnet flags true), so a missing variable means paper.',
  }),
  presetNonLiteral: rule('preset-non-literal', {
    title: 'Framework mode not a literal',
    description: 'A framework\'s paper/live switch gets a value computed at run time; it cannot be shown to be paper.',
    defaultSeverity: 'warning',
    help: 'Pass a literal paper value, or review where the value comes from and record an exception with the reason.',
  }),
} as const;
