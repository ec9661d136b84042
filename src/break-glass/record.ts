/** The override record (schemas/override.schema.json) and the commit trailers for the merge commit. */
import { ScanError } from '../core/errors.js';
import { schemaErrors, validator } from '../evidence/schemas.js';
import type { Approver } from './approvers.js';
import type { BreakGlassInputs } from './inputs.js';

export const OVERRIDE_SCHEMA = 'override.schema.json';
export const OVERRIDE_PATH = 'override/override.json';

export interface OverrideRecord {
  version: 1;
  incident_id: string;
  repository: string;
  pull_request: { number: number; head_sha: string; author: string | null };
  approvers: Approver[];
  checks_bypassed: string[];
  justification: string;
  rollback_plan: string;
  actor: string;
  created_at: string;
  run: { id: string | null; attempt: string | null; workflow_ref: string | null };
  follow_up: { label: string; due_at: string };
}

export function buildRecord(r: Omit<OverrideRecord, 'version'>): OverrideRecord {
  const record: OverrideRecord = { version: 1, ...r };
  const validate = validator(OVERRIDE_SCHEMA);
  if (!validate(record)) throw new ScanError(`override record does not match schemas/${OVERRIDE_SCHEMA}: ${schemaErrors(validate).join('; ')}`);
  return record;
}

export function trailers(record: Pick<OverrideRecord, 'incident_id' | 'approvers'>): string[] {
  return [`Break-Glass: ${record.incident_id}`, ...record.approvers.map((a) => `Approved-By: ${a.login}`)];
}

export type { BreakGlassInputs };
