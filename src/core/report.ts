import type { Finding, RuleMeta } from './finding.js';
import type { GateStats } from '../gates/types.js';

export const REPORT_VERSION = 1;

export type Status = 'pass' | 'fail' | 'error';

export interface GateReport {
  id: string;
  title: string;
  status: Status;
  /** Set when status is error: what went wrong and where. */
  error?: string;
  stats: GateStats;
  rules: RuleMeta[];
  findings: Finding[];
  summary?: string[];
  /** Structured records for the evidence bundle, keyed by kind (see GateResult.data). */
  data?: Record<string, Record<string, unknown>[]>;
}

export interface InventoryStats {
  files: number;
  skipped: { binary: number; tooLarge: number; outsideRepo: number };
}

export interface Report {
  version: number;
  tool: { name: 'paperguard'; version: string };
  repo: { root: string; commit: string | null };
  policy: { sources: string[]; sha256: string };
  base: { ref: string; commit: string } | null;
  inventory: InventoryStats;
  status: Status;
  gates: GateReport[];
}

/** A finding counts against the run when it is an unsuppressed error. */
export function isBlocking(f: Finding): boolean {
  return f.severity === 'error' && !f.suppressed;
}

export function gateStatus(findings: Finding[]): Status {
  return findings.some(isBlocking) ? 'fail' : 'pass';
}

export function overallStatus(gates: GateReport[]): Status {
  if (gates.some((g) => g.status === 'error')) return 'error';
  if (gates.some((g) => g.status === 'fail')) return 'fail';
  return 'pass';
}

export function allFindings(report: Report): Finding[] {
  return report.gates.flatMap((g) => g.findings);
}

export interface FindingCounts {
  error: number;
  warning: number;
  note: number;
  suppressed: number;
}

export function countFindings(findings: Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) counts.suppressed++;
    else counts[f.severity]++;
  }
  return counts;
}
