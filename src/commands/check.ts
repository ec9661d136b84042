import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { runGates } from '../core/engine.js';
import { EXIT, UsageError, type ExitCode } from '../core/errors.js';
import { GitRepo } from '../core/git.js';
import { Inventory } from '../core/inventory.js';
import { loadPolicy, locateRepoPolicy } from '../core/policy.js';
import { overallStatus, REPORT_VERSION, type Report } from '../core/report.js';
import { CAPABILITIES } from '../capabilities/registry.js';
import { GATES, gateById } from '../gates/registry.js';
import type { Gate, Logger, ReviewOracle } from '../gates/types.js';
import { TOOL_VERSION } from '../version.js';

export interface CheckOptions {
  /** The directory to check; relative to cwd. */
  path: string;
  cwd: string;
  policy?: string;
  gates?: string[];
  base?: string;
  /** Builds the review oracle once the policy (and its security reviewers) is known. */
  review: (reviewers: { users: string[]; teams: string[] }) => ReviewOracle;
  logger: Logger;
  now?: Date;
  /** Threads gates may use; defaults to the machine's available parallelism. */
  parallelism?: number;
}

export interface CheckOutcome {
  report: Report;
  exitCode: ExitCode;
}

/**
 * inputs → policy → inventory → gates → report → exit code. Usage and configuration problems throw
 * (exit 2) before anything is scanned; a gate that fails to complete makes the report an error (exit 3).
 */
export async function runCheck(opts: CheckOptions): Promise<CheckOutcome> {
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root)) throw new UsageError(`${opts.path}: no such directory`);
  if (!statSync(root).isDirectory()) throw new UsageError(`${opts.path}: not a directory`);

  const git = await GitRepo.open(root);
  const repoPolicy = locateRepoPolicy(root, opts.policy, opts.cwd);
  const loaded = loadPolicy({ root, repoPolicy, gates: GATES, capabilities: CAPABILITIES, cwd: opts.cwd });
  const gates = selectGates(opts.gates ?? loaded.policy.gates);

  let base: CheckOutcome['report']['base'] = null;
  if (opts.base !== undefined) {
    if (!opts.base.trim()) throw new UsageError('--base: empty ref');
    if (!git) throw new UsageError(`--base ${opts.base}: ${opts.path} is not inside a git repository`);
    base = { ref: opts.base, commit: await git.resolveCommit(opts.base) };
  }

  const inventory = await Inventory.build(root, git, { maxFileSize: loaded.policy.inventory.max_file_size });
  const review = opts.review(loaded.policy.security_reviewers);
  const gateReports = await runGates({
    root: inventory.root,
    gates,
    loaded,
    inventory,
    git,
    base,
    review,
    now: opts.now ?? new Date(),
    logger: opts.logger,
    parallelism: opts.parallelism ?? availableParallelism(),
  });

  const report: Report = {
    version: REPORT_VERSION,
    tool: { name: 'paperguard', version: TOOL_VERSION },
    repo: { root: inventory.root, commit: git ? await git.head() : null },
    policy: { sources: loaded.sources, sha256: loaded.sha256 },
    base,
    inventory: inventory.stats(),
    status: overallStatus(gateReports),
    gates: gateReports,
  };
  return { report, exitCode: exitCodeFor(report) };
}

export function exitCodeFor(report: Report): ExitCode {
  if (report.status === 'error') return EXIT.internal;
  if (report.status === 'fail') return EXIT.violations;
  return EXIT.pass;
}

function selectGates(ids: string[]): Gate[] {
  if (ids.length === 0) throw new UsageError('no gates selected: name at least one with --gates or in the policy');
  return [...new Set(ids)].map((id) => {
    const gate = gateById(id);
    if (!gate) throw new UsageError(`unknown gate "${id}"; known gates: ${GATES.map((g) => g.id).join(', ')}`);
    return gate;
  });
}
