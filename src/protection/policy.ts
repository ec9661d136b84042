import type { PolicySectionOwner } from '../core/policy-schema.js';

export interface BypassActor {
  actor_id: number | null;
  actor_type: string;
  bypass_mode: string;
}

export interface ProtectionPolicy {
  branches: string[];
  blocking_checks: string[];
  advisory_checks: string[];
  required_approvals: number;
  require_code_owner_review: boolean;
  dismiss_stale_reviews: boolean;
  strict_status_checks: boolean;
  tag_bypass_actors: BypassActor[];
}

const strings = { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } };

export const PROTECTION_CAPABILITY: PolicySectionOwner = {
  id: 'protection',
  title: 'Branch and tag protection',
  docs: 'docs/rules/protection.md',
  policySchema: {
    title: 'protection: rulesets exported from the policy and verified against the live settings',
    type: 'object',
    additionalProperties: false,
    properties: {
      branches: { ...strings, title: 'Protected branches (names or fnmatch patterns, without refs/heads/)' },
      blocking_checks: { ...strings, title: 'Required status checks: the exact job (check run) names' },
      advisory_checks: { ...strings, title: 'Checks that run but do not block; reported, never required' },
      required_approvals: { type: 'integer', minimum: 0, maximum: 10 },
      require_code_owner_review: { type: 'boolean' },
      dismiss_stale_reviews: { type: 'boolean' },
      strict_status_checks: { title: 'Branches must be up to date before merging', type: 'boolean' },
      tag_bypass_actors: {
        title: 'Who may create release tags (the tag ruleset restricts creation for everyone else)',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['actor_type', 'bypass_mode'],
          properties: {
            actor_id: { type: ['integer', 'null'] },
            actor_type: { enum: ['Integration', 'OrganizationAdmin', 'RepositoryRole', 'Team', 'DeployKey'] },
            bypass_mode: { enum: ['always', 'pull_request'] },
          },
        },
      },
    },
  },
};
