import type { Gate } from '../gates/types.js';

export const POLICY_SCHEMA_ID = 'https://github.com/paperguard/paperguard/schemas/policy.schema.json';

/** Anything that owns a top-level section of the policy file: every gate, and the command capabilities. */
export interface PolicySectionOwner {
  id: string;
  title: string;
  /** Documentation page, relative to the repository root. */
  docs: string;
  /** JSON Schema of this section (composed into schemas/policy.schema.json). */
  policySchema: Record<string, unknown>;
}

/**
 * The policy schema: core keys plus one section per registered gate and capability, each owning its own
 * fragment. `schemas/policy.schema.json` is written from this by the build, so editors and the engine agree.
 */
export function buildPolicySchema(gates: readonly Gate[], capabilities: readonly PolicySectionOwner[]): Record<string, unknown> {
  const gateIds = gates.map((g) => g.id);
  const sections = Object.fromEntries([...gates, ...capabilities].map((g) => [g.id, g.policySchema]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: POLICY_SCHEMA_ID,
    title: 'paperguard policy',
    description:
      'Policy for paperguard (`.github/paperguard.yml`). It extends the built-in recommended policy: a key set here replaces the default for that key; mappings merge key by key, lists and values replace.',
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { title: 'Policy format version', description: 'Always 1.', const: 1 },
      gates: {
        title: 'Gates to run',
        description: '`paperguard check` runs these gates when `--gates` is not given.',
        type: 'array',
        uniqueItems: true,
        items: { enum: gateIds },
      },
      inventory: {
        title: 'Repository inventory',
        type: 'object',
        additionalProperties: false,
        properties: {
          max_file_size: {
            title: 'Largest file scanned, in bytes',
            description: 'Larger files are skipped and counted in the report stats.',
            type: 'integer',
            minimum: 1,
          },
        },
      },
      exceptions: {
        title: 'Exceptions',
        description: 'Reviewed exceptions to findings. Each needs a reason, an owner and an expiry; an expired one stops applying and is reported.',
        type: 'object',
        additionalProperties: false,
        properties: {
          inline: {
            title: 'Honour inline allows',
            description: 'When false, `paperguard-allow` comments in code are ignored.',
            type: 'boolean',
          },
          entries: {
            title: 'Policy exceptions',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['rule', 'reason', 'owner', 'expires'],
              anyOf: [{ required: ['path'] }, { required: ['fingerprint'] }],
              properties: {
                rule: { title: 'Rule id', description: '`rule` or `gate/rule`.', type: 'string', minLength: 1 },
                path: { title: 'Path glob', description: 'Repo-relative glob of the files it covers.', type: 'string', minLength: 1 },
                fingerprint: { title: 'Finding fingerprint', description: 'Covers exactly one finding, wherever it moves.', type: 'string', pattern: '^[0-9a-f]{32}$' },
                reason: { title: 'Why this is safe', type: 'string', minLength: 1, pattern: '\\S' },
                owner: { title: 'Who answers for it', type: 'string', minLength: 1, pattern: '\\S' },
                expires: { title: 'Expiry date', description: 'ISO date (YYYY-MM-DD); the exception applies through that day (UTC).', type: 'string', format: 'date' },
              },
            },
          },
        },
      },
      security_reviewers: {
        title: 'Security reviewers',
        description:
          'Whose approving pull-request review counts as the security review that allowlist and blacklist changes need. Teams are `org/team-slug`.',
        type: 'object',
        additionalProperties: false,
        properties: {
          users: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 } },
          teams: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$' } },
        },
      },
      ...sections,
    },
  };
}
