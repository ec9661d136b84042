import type { Severity } from '../../core/finding.js';
import type { ExtraHost } from './catalog.js';

export interface AllowlistEntry {
  host: string;
  /** Globs on the URL path; absent means every path of the host. */
  paths?: string[];
  /** Globs on repo paths; absent means every file. */
  files?: string[];
  reason: string;
  owner: string;
  expires: string;
}

export interface LiveEndpointsPolicy {
  scope: { include: string[]; exclude: string[] };
  /** Inside the scope but outside runtime: docs and tests. Reported as notes, never blocking. */
  non_blocking: string[];
  severity: { market_data: Severity; shared: Severity; non_runtime: Severity };
  ib_ports: boolean;
  extra_hosts: ExtraHost[];
  allowlist: AllowlistEntry[];
}

const globs = (title: string, description: string) => ({
  title,
  description,
  type: 'array',
  items: { type: 'string', minLength: 1 },
});
const severity = { enum: ['error', 'warning', 'note'] };

export const policySchema = {
  title: 'Gate D: live-endpoints',
  description: 'No live broker/exchange endpoint in runtime code or config.',
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: {
      title: 'Files scanned',
      type: 'object',
      additionalProperties: false,
      properties: {
        include: globs('Include globs', 'Repo-relative globs of the files scanned.'),
        exclude: globs('Exclude globs', 'Never scanned (vendored code, lock files, generated bundles).'),
      },
    },
    non_blocking: globs('Outside runtime', 'Docs and tests: findings there are notes, never blocking.'),
    severity: {
      title: 'Severities',
      description: 'Promote (or demote) the non-trading findings.',
      type: 'object',
      additionalProperties: false,
      properties: {
        market_data: { ...severity, title: 'Live public market data' },
        shared: { ...severity, title: 'Hosts that serve both live and sandbox' },
        non_runtime: { ...severity, title: 'Live endpoints in docs, tests and comments' },
      },
    },
    ib_ports: { title: 'Check Interactive Brokers live ports', type: 'boolean' },
    extra_hosts: {
      title: 'Extra hosts',
      description: 'Hosts of venues the built-in catalogs do not know.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'env', 'venue', 'trading'],
        properties: {
          host: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' },
          env: { enum: ['live', 'sandbox'] },
          venue: { type: 'string', minLength: 1 },
          trading: { type: 'boolean', description: 'Whether the host can place orders or reach an account.' },
        },
      },
    },
    allowlist: {
      title: 'Allowed live endpoints',
      description: 'Reviewed uses of a live host. Adding or widening an entry needs a security review.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'reason', 'owner', 'expires'],
        properties: {
          host: { type: 'string', minLength: 1 },
          paths: globs('URL path globs', 'Only these URL paths of the host (e.g. `/api/v3/klines`).'),
          files: globs('File globs', 'Only in these files.'),
          reason: { type: 'string', minLength: 1, pattern: '\\S' },
          owner: { type: 'string', minLength: 1, pattern: '\\S' },
          expires: { type: 'string', format: 'date' },
        },
      },
    },
  },
} as const;
