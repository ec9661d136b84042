/** The one result model every gate returns and every reporter renders. */

export type Severity = 'error' | 'warning' | 'note';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export interface Suppression {
  /** Where the suppression came from: a policy exception, an inline comment, or a gate allowlist. */
  kind: 'policy' | 'inline' | 'allowlist';
  reason: string;
  owner?: string;
  expires?: string;
}

export interface Finding {
  gate: string;
  rule: string;
  severity: Severity;
  /** Repo-relative POSIX path. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and SARIF's default column kind. */
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  help: string;
  fingerprint: string;
  suppressed?: Suppression;
}

/** What a gate produces before the engine fingerprints it. */
export interface RawFinding {
  rule: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  help: string;
  /** The text the finding is about; normalized into the fingerprint. */
  matched: string;
  /** Set by a gate that applies its own allowlist. */
  suppressed?: Suppression;
}

/** Metadata for one rule: feeds SARIF `rules[]`, the docs and the text report. */
export interface RuleMeta {
  id: string;
  title: string;
  description: string;
  defaultSeverity: Severity;
  help: string;
  /** Absolute URL of the rule's documentation (SARIF `helpUri`). */
  helpUri: string;
}
