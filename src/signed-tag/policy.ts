import type { PolicySectionOwner } from '../core/policy-schema.js';
import type { TrustedSignersPolicy } from './trusted-signers.js';
import { CAPABILITY_ID } from './rules.js';

export interface SignedTagPolicy {
  prefix: string;
  trusted_signers: TrustedSignersPolicy;
  allow_x509: boolean;
  required_checks: string[];
  changelog: { file: string; required_subsections: string[] };
  branches: { release: string[]; rc: string[] };
}

const strings = { type: 'array', items: { type: 'string', minLength: 1 } };

export const SIGNED_TAG_CAPABILITY: PolicySectionOwner = {
  id: CAPABILITY_ID,
  title: 'Signed release tags',
  docs: 'docs/rules/signed-tag.md',
  policySchema: {
    title: 'signed-tag: release tag verification (`paperguard tag verify`, actions/signed-tag)',
    type: 'object',
    additionalProperties: false,
    properties: {
      prefix: {
        title: 'Tag prefix',
        description: 'Release tags are PREFIX/vX.Y.Z (or vX.Y.Z when empty).',
        type: 'string',
        pattern: '^([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?$',
      },
      trusted_signers: {
        title: 'Trusted signers (files in the repository)',
        type: 'object',
        additionalProperties: false,
        properties: {
          openpgp: { ...strings, title: 'OpenPGP public key files or directories (*.asc, *.gpg, *.pub, *.key)' },
          ssh_allowed_signers: { title: 'SSH allowed_signers file', type: 'string', minLength: 1 },
          ssh_revoked: { title: 'SSH revocation list (one public key or SHA256: fingerprint a line)', type: 'string', minLength: 1 },
        },
      },
      allow_x509: {
        title: 'Accept X.509/gitsign signatures',
        description: 'They are not verified by paperguard; when true the report says so instead of failing.',
        type: 'boolean',
      },
      required_checks: { ...strings, title: 'Checks that must be green on the tagged commit (check run names or status contexts)' },
      changelog: {
        type: 'object',
        additionalProperties: false,
        properties: {
          file: { type: 'string', minLength: 1 },
          required_subsections: { ...strings, title: 'Subsection headings required under the version' },
        },
      },
      branches: {
        type: 'object',
        additionalProperties: false,
        properties: {
          release: { ...strings, title: 'Branches a final release must be reachable from (globs)' },
          rc: { ...strings, title: 'Branches a release candidate must be reachable from (globs)' },
        },
      },
    },
  },
};
