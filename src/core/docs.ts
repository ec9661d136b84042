/** Where rule documentation is published; SARIF `helpUri` and text reports link here. */
export const REPOSITORY_URL = 'https://github.com/paperguard/paperguard';

export function ruleDocsUrl(gate: string, rule: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${gate}.md#${rule}`;
}
