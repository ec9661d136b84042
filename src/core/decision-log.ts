/**
 * Decision records of governed configuration changes, written as JSON Lines for the evidence bundle.
 * Every record is validated against schemas/decision.schema.json before a byte is written: an
 * audit log with a malformed line is no audit log.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ScanError, UsageError } from './errors.js';
import { packageRoot } from './policy.js';
import type { Report } from './report.js';

export const DECISION_SCHEMA_FILE = 'schemas/decision.schema.json';
/** The name `evidence collect` looks for in the job's paperguard directory. */
export const DECISION_LOG_NAME = 'decisions.jsonl';

type Scalar = string | number | boolean | null;

export interface DecisionRecord {
  version: 1;
  timestamp: string;
  gate: 'config-bounds';
  file: string;
  key: string;
  old: Scalar;
  new: Scalar;
  change: 'added' | 'changed' | 'removed';
  decision: 'ACCEPTED' | 'REJECTED_BY_POLICY';
  safety_flags: string[];
  reasons: string[];
  policy_sha256: string;
  base: { ref: string; commit: string };
}

let validator: ValidateFunction | null = null;

export function decisionValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(packageRoot(), DECISION_SCHEMA_FILE), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv.default({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats.default(ajv, ['date-time']);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Every decision record of a report, in gate order. */
export function decisionRecords(report: Report): Record<string, unknown>[] {
  return report.gates.flatMap((g) => g.data?.decisions ?? []);
}

/** The JSON Lines text of `records`; a record that does not match the schema is a ScanError naming it. */
export function renderDecisionLog(records: Record<string, unknown>[]): string {
  const validate = decisionValidator();
  records.forEach((r, i) => {
    if (!(validate(r) as boolean)) {
      const e = validate.errors?.[0];
      throw new ScanError(`decision record ${i + 1} (${String(r.file)} ${String(r.key)}) does not match ${DECISION_SCHEMA_FILE}: ${e?.instancePath || '/'} ${e?.message ?? 'invalid'}`);
    }
  });
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}

export function writeDecisionLog(file: string, records: Record<string, unknown>[]): void {
  const text = renderDecisionLog(records);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`--decision-log ${file}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
