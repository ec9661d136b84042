/**
 * Break-glass inputs arrive from a workflow_dispatch form: untrusted text. Each is checked for shape
 * and length before anything uses it; free text (justification, rollback plan) stays data: it is
 * stored in the record and the issue, never put in a command line or a workflow command.
 */
import { ConfigError, UsageError } from '../core/errors.js';

export interface BreakGlassInputs {
  incidentId: string;
  pr: number;
  justification: string;
  checksBypassed: string[];
  rollbackPlan: string;
}

export const MAX_TEXT = 4000;
const CHECK_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:/()@+-]{0,99}$/;

export function incidentRegExp(pattern: string): RegExp {
  try {
    // Anchored whatever the policy wrote: a pattern without ^…$ must not accept a prefix plus anything.
    return new RegExp(`^(?:${pattern})$`);
  } catch (err) {
    throw new ConfigError(`break-glass.incident_pattern ${JSON.stringify(pattern)} is not a regular expression: ${(err as Error).message}`);
  }
}

const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

export function validateInputs(raw: { incidentId: string; pr: string; justification: string; checksBypassed: string; rollbackPlan: string }, incidentPattern: string): BreakGlassInputs {
  const incidentId = raw.incidentId.trim();
  if (!incidentRegExp(incidentPattern).test(incidentId) || /[\r\n]/.test(incidentId)) {
    throw new UsageError(`incident_id ${show(incidentId)} does not match the policy pattern ${incidentPattern} (break-glass.incident_pattern)`);
  }
  const prText = raw.pr.trim();
  if (!/^[1-9][0-9]{0,9}$/.test(prText)) throw new UsageError(`pr_number ${show(prText)} is not a pull request number`);
  const justification = text('justification', raw.justification);
  const rollbackPlan = text('rollback_plan', raw.rollbackPlan);
  const checksBypassed = raw.checksBypassed
    .split(/[,\n]/)
    .map((c) => c.trim())
    .filter(Boolean);
  if (checksBypassed.length === 0) throw new UsageError('checks_bypassed is empty: name the required checks this override bypasses (comma-separated)');
  for (const c of checksBypassed) {
    if (!CHECK_NAME.test(c)) throw new UsageError(`checks_bypassed entry ${show(c)} is not a check name (letters, digits, space and ._:/()@+- only, at most 100)`);
  }
  return { incidentId, pr: Number(prText), justification, checksBypassed: [...new Set(checksBypassed)], rollbackPlan };
}

function text(name: string, value: string): string {
  const v = value.trim();
  if (!v) throw new UsageError(`${name} is empty: a break-glass override needs one`);
  if (v.length > MAX_TEXT) throw new UsageError(`${name} is ${v.length} characters; at most ${MAX_TEXT} (link a document for more)`);
  return v;
}
