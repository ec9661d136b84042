/** Where rule documentation is published; SARIF `helpUri` and text reports link here. */
import type { RuleMeta } from './finding.js';

export const REPOSITORY_URL = 'https://github.com/paperguard/paperguard';

export function ruleDocsUrl(gate: string, rule: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${gate}.md#${rule}`;
}

/** The rule constructor of one gate: every rule gets its documentation URL the same way. */
export function ruleFactory(gate: string): (id: string, meta: Omit<RuleMeta, 'id' | 'helpUri'>) => RuleMeta {
  return (id, meta) => ({ id, helpUri: ruleDocsUrl(gate, id), ...meta });
}
