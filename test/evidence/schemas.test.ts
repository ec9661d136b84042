/** The published evidence and override schemas: valid draft-07 under strict Ajv, and they reject what they must. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/repo.js';

const load = (name: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;

function strict(name: string) {
  const ajv = new Ajv.default({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  const schema = load(name);
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  return ajv.compile(schema);
}

const record = {
  version: 1,
  incident_id: 'INC-1',
  repository: 'acme/bot',
  pull_request: { number: 7, head_sha: 'a'.repeat(40), author: 'carol' },
  approvers: [
    { login: 'alice', source: 'pull_request_review', approved_at: '2026-01-01T00:00:00Z', commit_id: 'a'.repeat(40) },
    { login: 'bob', source: 'environment', approved_at: null, commit_id: null },
  ],
  checks_bypassed: ['ci'],
  justification: 'j',
  rollback_plan: 'r',
  actor: 'dave',
  created_at: '2026-01-01T00:00:00Z',
  run: { id: '1', attempt: '1', workflow_ref: null },
  follow_up: { label: 'break-glass', due_at: '2026-01-02T00:00:00Z' },
};

describe('schemas', () => {
  it('evidence.schema.json compiles under strict Ajv', () => {
    const v = strict('evidence.schema.json');
    expect(v({})).toBe(false);
  });

  it('override.schema.json accepts a record and refuses one approver, a multi-line incident, an extra key', () => {
    const v = strict('override.schema.json');
    expect(v(record)).toBe(true);
    expect(v({ ...record, approvers: record.approvers.slice(0, 1) })).toBe(false);
    expect(v({ ...record, incident_id: 'INC-1\nINC-2' })).toBe(false);
    expect(v({ ...record, extra: 1 })).toBe(false);
    expect(v({ ...record, justification: '' })).toBe(false);
  });
});
