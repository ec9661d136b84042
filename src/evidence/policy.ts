/** The `evidence` policy section: retention windows per class, test-result globs, and the WORM store. */
import type { PolicySectionOwner } from '../core/policy-schema.js';

export const RETENTION_CLASSES = ['pull_request', 'main', 'release_tag', 'break_glass'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** A window is whole days or whole years, never both (the same shape as S3's DefaultRetention). */
export type RetentionWindow = { days: number } | { years: number };

export type LockMode = 'COMPLIANCE' | 'GOVERNANCE';

export interface StorePolicy {
  bucket: string;
  prefix: string;
  region: string;
  endpoint: string;
  mode: LockMode;
}

export interface EvidencePolicy {
  retention: Record<RetentionClass, RetentionWindow>;
  main_branches: string[];
  collect: string[];
  store: StorePolicy;
}

const windowSchema = {
  type: 'object',
  additionalProperties: false,
  oneOf: [{ required: ['days'] }, { required: ['years'] }],
  properties: {
    days: { type: 'integer', minimum: 1, maximum: 36500 },
    years: { type: 'integer', minimum: 1, maximum: 100 },
  },
};

export const EVIDENCE_POLICY_SCHEMA: Record<string, unknown> = {
  title: 'Evidence bundles',
  description: 'What `paperguard evidence collect` gathers, how long each class of bundle is kept, and the WORM store it is uploaded to.',
  type: 'object',
  additionalProperties: false,
  properties: {
    retention: {
      title: 'Retention windows per class',
      description: 'The class comes from the event and ref: pull_request, main (a push to a main branch), release_tag (a tag), break_glass (an override).',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(RETENTION_CLASSES.map((c) => [c, windowSchema])),
    },
    main_branches: {
      title: 'Branches whose pushes are kept in the main class',
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
    },
    collect: {
      title: 'Files of the work tree to collect',
      description: 'Globs relative to the repository root: test results (JUnit XML), SARIF logs. Each file is checked by its kind.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    store: {
      title: 'WORM store (S3 or S3-compatible with Object Lock)',
      type: 'object',
      additionalProperties: false,
      properties: {
        bucket: { title: 'Bucket (empty: no store configured)', type: 'string' },
        prefix: { title: 'Key prefix', type: 'string', pattern: '^[A-Za-z0-9._/-]*$' },
        region: { title: 'Region', type: 'string', minLength: 1 },
        endpoint: { title: 'Endpoint URL for S3-compatible stores (empty: AWS)', type: 'string' },
        mode: {
          title: 'Object Lock mode',
          description: 'COMPLIANCE: nobody can shorten or remove the retention. GOVERNANCE only when your auditors accept a bypass permission.',
          enum: ['COMPLIANCE', 'GOVERNANCE'],
        },
      },
    },
  },
};

export const EVIDENCE_CAPABILITY: PolicySectionOwner = {
  id: 'evidence',
  title: 'Evidence bundles',
  docs: 'docs/rules/evidence.md',
  policySchema: EVIDENCE_POLICY_SCHEMA,
};
