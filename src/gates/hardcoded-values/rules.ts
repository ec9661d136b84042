import { ruleFactory } from '../../core/docs.js';

export const GATE_ID = 'hardcoded-values';

const rule = ruleFactory(GATE_ID);

/** Finding rule ids, one per pattern; the policy rule that found it is named in the message. */
export const RULES = {
  'decision-literal': rule('hardcoded-decision-literal', {
    title: 'Hardcoded trading decision',
    description: 'A numeric (or numeric-string) literal is assigned to a decision name: assignment, field default, keyword default, const/let, object property.',
    defaultSeverity: 'error',
    help: 'Read the value from the policy source, and skip the trade when the source has no value (fail closed).',
  }),
  'silent-fallback': rule('silent-fallback-literal', {
    title: 'Silent fallback to a literal',
    description: 'A decision value falls back to a literal when its source is missing: `x or 5`, `d.get("k", 5)`, `getattr(o, "k", 5)`, `os.getenv("K", "5")`, `?? 5`, `|| 5`.',
    defaultSeverity: 'error',
    help: 'Drop the default: when the policy source has no value, skip the trade (return or raise) instead of trading on a number in code.',
  }),
  'literal-threshold': rule('literal-threshold', {
    title: 'Literal threshold on a decision value',
    description: 'A decision name is compared with a numeric literal (`if kill_score > 0.6`).',
    defaultSeverity: 'error',
    help: 'Compare against a threshold read from the policy source.',
  }),
  'required-structure': rule('required-structure-missing', {
    title: 'Required fail-closed structure missing',
    description: 'A file in scope lacks a required import, call, or a branch that returns when a policy value is None.',
    defaultSeverity: 'error',
    help: 'Add the missing import, call or `if VALUE is None: return` guard, so the service takes its decisions from the policy source and fails closed.',
  }),
} as const;
