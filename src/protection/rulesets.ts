/**
 * Rulesets built from the policy, shaped as request bodies of `POST /repos/{owner}/{repo}/rulesets`
 * (and the "Import a ruleset" button): one branch ruleset for the protected branches, one tag ruleset
 * restricting creation, update and deletion of release tags.
 */
import { tagStem } from '../signed-tag/name.js';
import type { ProtectionPolicy } from './policy.js';

export function branchRuleset(p: ProtectionPolicy): Record<string, unknown> {
  return {
    name: 'paperguard: protected branches',
    target: 'branch',
    enforcement: 'active',
    bypass_actors: [],
    conditions: { ref_name: { include: p.branches.map((b) => `refs/heads/${b}`), exclude: [] } },
    rules: [
      { type: 'deletion' },
      { type: 'non_fast_forward' },
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: p.required_approvals,
          dismiss_stale_reviews_on_push: p.dismiss_stale_reviews,
          require_code_owner_review: p.require_code_owner_review,
          require_last_push_approval: true,
          required_review_thread_resolution: false,
        },
      },
      {
        type: 'required_status_checks',
        parameters: {
          strict_required_status_checks_policy: p.strict_status_checks,
          required_status_checks: p.blocking_checks.map((context) => ({ context })),
        },
      },
    ],
  };
}

export function tagRulesetPattern(prefix: string): string {
  return `refs/tags/${tagStem(prefix)}*`;
}

export function tagRuleset(p: ProtectionPolicy, prefix: string): Record<string, unknown> {
  return {
    name: 'paperguard: release tags',
    target: 'tag',
    enforcement: 'active',
    bypass_actors: p.tag_bypass_actors.map((a) => ({ ...a })),
    conditions: { ref_name: { include: [tagRulesetPattern(prefix)], exclude: [] } },
    rules: [{ type: 'creation' }, { type: 'update' }, { type: 'deletion' }],
  };
}
