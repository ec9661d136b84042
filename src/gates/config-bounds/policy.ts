import type { ConfigFormat } from '../../core/config-files.js';

export const VALUE_TYPES = ['number', 'integer', 'string', 'boolean'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type Scalar = string | number | boolean;

export interface KeyBounds {
  /** Dotted path from the document root; `*` matches within one segment, `**` any number of segments. */
  key: string;
  min?: number;
  max?: number;
  /** Largest allowed change against the value at the base commit (absolute). */
  max_step?: number;
  allowed?: Scalar[];
  type?: ValueType;
}

export interface GovernedFile {
  /** Repo-relative path or glob. */
  path: string;
  format?: Exclude<ConfigFormat, 'dockerfile'>;
  keys?: KeyBounds[];
}

export interface ConfigBoundsPolicy {
  /** Every governed key is frozen: any change is a LOCKED finding. */
  lock: boolean;
  files: GovernedFile[];
  /** Key patterns that never change without a security review (in every governed file). */
  blacklist: string[];
}

const scalar = { type: ['string', 'number', 'boolean'] };

export const policySchema = {
  title: 'config-bounds',
  description: 'Governed configuration keys stay inside declared bounds and step limits; blacklisted keys never change without review; a global lock freezes them.',
  type: 'object',
  additionalProperties: false,
  properties: {
    lock: { title: 'Global lock', description: 'When true, every governed key is frozen: any change against `--base` is a LOCKED finding (needs `--base`).', type: 'boolean' },
    files: {
      title: 'Governed files',
      description: 'Configuration files (JSON, JSON with comments, YAML, TOML, .env, INI) and the bounds of their keys.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { title: 'Path', description: 'Repo-relative path or glob; a glob that matches no file is an error.', type: 'string', minLength: 1 },
          format: { title: 'Format', description: 'Overrides the format guessed from the file name.', enum: ['env', 'yaml', 'json', 'jsonc', 'toml', 'ini'] },
          keys: {
            title: 'Governed keys',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['key'],
              properties: {
                key: { title: 'Key', description: 'Dotted path (`risk.leverage`); `*` matches within a segment, `**` across segments.', type: 'string', minLength: 1 },
                min: { title: 'Minimum', type: 'number' },
                max: { title: 'Maximum', type: 'number' },
                max_step: { title: 'Largest change', description: 'Largest allowed absolute change against the value at `--base`.', type: 'number', exclusiveMinimum: 0 },
                allowed: { title: 'Allowed values', type: 'array', minItems: 1, items: scalar },
                type: { title: 'Type', enum: [...VALUE_TYPES] },
              },
            },
          },
        },
      },
    },
    blacklist: {
      title: 'Blacklisted keys',
      description: 'Key patterns (e.g. `live.api_keys`, `risk.stop_loss`) that never change without an approving security review.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
  },
} as const;
