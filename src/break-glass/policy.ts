/** The `break-glass` policy section: incident IDs, who may approve an override, and its follow-up. */
import type { PolicySectionOwner } from '../core/policy-schema.js';

export interface BreakGlassPolicy {
  incident_pattern: string;
  approvers: { users: string[]; teams: string[] };
  follow_up: { label: string; due_hours: number };
}

export const BREAK_GLASS_CAPABILITY: PolicySectionOwner = {
  id: 'break-glass',
  title: 'Audited break-glass override',
  docs: 'docs/rules/break-glass.md',
  policySchema: {
    title: 'Break-glass overrides',
    description: 'An emergency merge past failing gates: an incident ID, two approvers from this list, a 7-year evidence bundle and a follow-up issue.',
    type: 'object',
    additionalProperties: false,
    properties: {
      incident_pattern: { title: 'Incident ID pattern (a regular expression, anchored)', type: 'string', minLength: 1 },
      approvers: {
        title: 'Who may approve an override',
        description: 'Users by login, teams as `org/team-slug`. Two distinct approvers are needed; neither may be the PR author or the dispatching actor.',
        type: 'object',
        additionalProperties: false,
        properties: {
          users: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
          teams: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$' } },
        },
      },
      follow_up: {
        title: 'Follow-up issue',
        type: 'object',
        additionalProperties: false,
        properties: {
          label: { title: 'Label of follow-up issues (audit reads them by it)', type: 'string', minLength: 1 },
          due_hours: { title: 'Hours until the follow-up is due', type: 'integer', minimum: 1, maximum: 720 },
        },
      },
    },
  },
};
