import { ruleFactory } from '../../core/docs.js';

export const GATE_ID = 'config-bounds';

const rule = ruleFactory(GATE_ID);

/** Finding rules and the safety code each puts in its message and in the decision record. */
export const RULES = {
  bounds: rule('bounds', {
    title: 'Value out of bounds (P0_BOUNDS)',
    description: 'A governed key is below `min`, above `max`, not in `allowed`, of the wrong `type`, or changed by more than `max_step` against the base.',
    defaultSeverity: 'error',
    help: 'Keep the value inside the bounds of the policy (`config-bounds.files[].keys[]`), or change the bounds there in a reviewed PR.',
  }),
  blacklist: rule('blacklist', {
    title: 'Blacklisted key changed without review (P0_BLACKLIST)',
    description: 'A key on the blacklist changed against the base, and the pull request has no approving review by a security reviewer.',
    defaultSeverity: 'error',
    help: 'Ask a security reviewer (policy `security_reviewers`) to approve the pull request, or revert the change.',
  }),
  locked: rule('locked', {
    title: 'Configuration locked (LOCKED)',
    description: 'The policy sets `config-bounds.lock: true` and a governed key changed against the base.',
    defaultSeverity: 'error',
    help: 'Revert the change; lift the lock (`config-bounds.lock: false`) in a reviewed PR first if the change is intended.',
  }),
  keyRemoved: rule('key-removed', {
    title: 'Governed key removed (KEY_REMOVED)',
    description: 'A governed key is missing from its file, was removed since the base, or a key pattern matches no key.',
    defaultSeverity: 'error',
    help: 'Restore the key with a literal value, or remove it from the policy in a reviewed PR.',
  }),
  notLiteral: rule('not-literal', {
    title: 'Governed key not a literal (NOT_LITERAL)',
    description: 'A governed key holds no literal value: null, a mapping or list, or an interpolation (`${VAR}`, `{{ }}`, `$(cmd)`) that cannot be checked.',
    defaultSeverity: 'error',
    help: 'Write the literal value in the file, so that its bounds can be checked before it is deployed.',
  }),
} as const;

export const CODES = {
  bounds: 'P0_BOUNDS',
  blacklist: 'P0_BLACKLIST',
  locked: 'LOCKED',
  keyRemoved: 'KEY_REMOVED',
  notLiteral: 'NOT_LITERAL',
} as const;
export type RuleKey = keyof typeof RULES;
