import { ruleFactory } from '../../core/docs.js';

export const GATE_ID = 'script-risk';

const rule = ruleFactory(GATE_ID);

export const RULES = {
  manifestMissing: rule('manifest-missing', {
    title: 'Script-risk manifest missing',
    description: 'The repository tracks scripts but has no committed script-risk manifest classifying them.',
    defaultSeverity: 'error',
    help: 'Run `paperguard manifest sync`, classify every entry, and commit the manifest.',
  }),
  manifestInvalid: rule('manifest-invalid', {
    title: 'Script-risk manifest invalid',
    description: 'The manifest is not valid JSON or does not match schemas/script-risk-manifest.schema.json.',
    defaultSeverity: 'error',
    help: 'Fix the manifest at the line given; its shape is { "version": 1, "scripts": [ { "path", "category", "requires_exec_guard" } ] }.',
  }),
  notInManifest: rule('script-not-in-manifest', {
    title: 'Script not in the manifest',
    description: 'A tracked script (under the script globs, or executable with a shebang) has no manifest entry.',
    defaultSeverity: 'error',
    help: 'Run `paperguard manifest sync`, then give the new entry a real category and commit the manifest.',
  }),
  entryUntracked: rule('manifest-entry-untracked', {
    title: 'Manifest entry for a file that is not tracked',
    description: 'A manifest entry names a path that is not a tracked file of the repository.',
    defaultSeverity: 'error',
    help: 'Remove the entry (`paperguard manifest sync` does), or fix its path.',
  }),
  duplicate: rule('manifest-duplicate', {
    title: 'Duplicate manifest entry',
    description: 'Two manifest entries name the same path; which one applies would be ambiguous.',
    defaultSeverity: 'error',
    help: 'Keep one entry per path.',
  }),
  unknownCategory: rule('unknown-category', {
    title: 'Unknown script category',
    description: 'An entry\'s category is not one the policy defines (this includes `unclassified`, which sync writes on purpose).',
    defaultSeverity: 'error',
    help: 'Use one of the policy\'s script-risk categories; a script nobody has classified is not yet safe to merge.',
  }),
  guardByCategory: rule('exec-guard-required-by-category', {
    title: 'Category requires the exec guard',
    description: 'The entry\'s category implies the exec guard (policy guard_categories) but the entry says requires_exec_guard: false.',
    defaultSeverity: 'error',
    help: 'Set "requires_exec_guard": true and call the guard first in the script, or choose a lower-risk category after review.',
  }),
  guardMissing: rule('exec-guard-missing', {
    title: 'Exec guard not called first',
    description: 'A script that requires the exec guard runs something before calling it, or never calls it.',
    defaultSeverity: 'error',
    help: 'Call the guard before any other effect: in Python first after imports (or first in the __main__ block), in shell right after sourcing the guard library.',
  }),
  agentModeExecute: rule('agent-mode-execute', {
    title: 'Committed AGENT_MODE=EXECUTE',
    description: 'A committed configuration file sets AGENT_MODE to EXECUTE: agents would act for real by default.',
    defaultSeverity: 'error',
    help: 'Remove the setting; choose EXECUTE only at run time, in a reviewed deployment, never in committed config.',
  }),
} as const;
