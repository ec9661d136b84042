import type { Inventory } from '../core/inventory.js';
import type { Finding, RawFinding, RuleMeta } from '../core/finding.js';
import type { GitRepo } from '../core/git.js';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** Answers "was this change security-reviewed?"; built by the command layer (GitHub API in the action). */
export interface ReviewOracle {
  /** A human-readable account of where the answer came from, for messages. */
  readonly source: string;
  /** Throws ScanError when the answer cannot be had: an unanswerable question is never a yes. */
  securityReviewApproved(): Promise<boolean>;
}

export interface GateContext<Section = unknown> {
  /** Absolute path of the scanned root. */
  root: string;
  inventory: Inventory;
  /** This gate's policy section, validated and with defaults applied. */
  policy: Section;
  /** The git repository, if the root is inside one. */
  git: GitRepo | null;
  /** A resolved commit, when the run compares against a base. */
  base: { ref: string; commit: string } | null;
  review: ReviewOracle;
  /** Where a policy key was written (file relative to root, 1-based line), for findings about the policy itself. */
  policyLocation(keyPath: (string | number)[]): { path: string; line: number };
  /** This gate's policy section as it was at the base commit; null without a base. Throws ScanError if unreadable. */
  baseSection(): Promise<unknown | null>;
  /** sha256 of the effective policy, for records that must say which policy decided. */
  policySha256: string;
  now: Date;
  logger: Logger;
  /** Threads a gate may use for large trees (1 = none besides the main thread). */
  parallelism: number;
}

export interface GateStats {
  filesScanned: number;
  rulesRun: number;
  [key: string]: number;
}

export interface GateResult {
  findings: RawFinding[];
  stats: GateStats;
  /** Extra lines a gate wants shown under its heading (e.g. a proof summary). */
  summary?: string[];
  /**
   * Summary lines computed from the final findings, exceptions applied (a proof must count what
   * still blocks, not what an exception suppressed); takes precedence over `summary`.
   */
  summarize?(findings: Finding[]): string[];
  /** Structured records kept in the JSON report for the evidence bundle, keyed by kind. */
  data?: Record<string, Record<string, unknown>[]>;
}

export interface Gate<Section = unknown> {
  id: string;
  title: string;
  /** Documentation page, relative to the repository root. */
  docs: string;
  rules: RuleMeta[];
  /** JSON Schema of this gate's policy section (composed into schemas/policy.schema.json). */
  policySchema: Record<string, unknown>;
  /** Needs repository-specific policy (scopes, governed files) before it can run: `init` does not enable it. */
  optIn?: boolean;
  run(ctx: GateContext<Section>): Promise<GateResult>;
}
