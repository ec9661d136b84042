import { applyExceptions, coreRuleMeta } from './exceptions.js';
import type { Finding, RawFinding, RuleMeta } from './finding.js';
import { fingerprintAll } from './fingerprint.js';
import type { GitRepo } from './git.js';
import type { Inventory } from './inventory.js';
import type { LoadedPolicy } from './policy.js';
import { gateStatus, type GateReport } from './report.js';
import { describeError, ScanError } from './errors.js';
import type { Gate, Logger, ReviewOracle } from '../gates/types.js';

export interface EngineInput {
  root: string;
  gates: readonly Gate[];
  loaded: LoadedPolicy;
  inventory: Inventory;
  git: GitRepo | null;
  base: { ref: string; commit: string } | null;
  review: ReviewOracle;
  now: Date;
  logger: Logger;
  parallelism: number;
}

/** Runs each gate in turn and turns its raw findings into the report's findings, exceptions applied. */
export async function runGates(input: EngineInput): Promise<GateReport[]> {
  const reports: GateReport[] = [];
  for (const gate of input.gates) reports.push(await runOne(gate, input));
  return reports;
}

async function runOne(gate: Gate, input: EngineInput): Promise<GateReport> {
  const { loaded } = input;
  const shell = { id: gate.id, title: gate.title, rules: gate.rules };
  let baseSection: Promise<unknown | null> | null = null;
  try {
    const result = await gate.run({
      root: input.root,
      inventory: input.inventory,
      policy: loaded.policy.sections[gate.id],
      git: input.git,
      base: input.base,
      review: input.review,
      now: input.now,
      policySha256: loaded.sha256,
      logger: input.logger,
      parallelism: input.parallelism,
      policyLocation: (keyPath) => loaded.locate(keyPath),
      baseSection: () => (baseSection ??= readBaseSection(gate.id, input)),
    });
    // Zero files or zero rules proves nothing: that is an error, never a pass.
    if (result.stats.filesScanned === 0) {
      throw new ScanError(`gate ${gate.id} saw zero files in scope: check its scope globs and the path given`);
    }
    if (result.stats.rulesRun === 0) throw new ScanError(`gate ${gate.id} ran zero rules`);

    const ruleIds = new Set(gate.rules.map((r) => r.id));
    const fingerprinted = fingerprintAll(gate.id, sortRaw(result.findings));
    const { findings, extra } = applyExceptions(fingerprinted, {
      gate: gate.id,
      ruleIds,
      entries: loaded.policy.exceptions.entries,
      inline: loaded.policy.exceptions.inline,
      now: input.now,
      textOf: (p) => (input.inventory.has(p) ? input.inventory.text(p) : null),
    });
    const all = sortFindings([...findings, ...fingerprintAll(gate.id, sortRaw(extra))]);
    return {
      ...shell,
      rules: withCoreRules(gate, all),
      status: gateStatus(all),
      stats: result.stats,
      findings: all,
      ...(result.summarize ? { summary: result.summarize(all) } : result.summary ? { summary: result.summary } : {}),
      ...(result.data ? { data: result.data } : {}),
    };
  } catch (err) {
    input.logger.debug(err instanceof Error && err.stack ? err.stack : String(err));
    return {
      ...shell,
      status: 'error',
      error: describeError(err),
      stats: { filesScanned: 0, rulesRun: 0 },
      findings: [],
    };
  }
}

async function readBaseSection(gateId: string, input: EngineInput): Promise<unknown | null> {
  if (!input.base || !input.git) return null;
  const file = input.loaded.repoFile;
  const text = file ? await input.git.showFile(input.base.commit, file) : null;
  const data = input.loaded.withRepoText(text);
  return data[gateId] ?? {};
}

/** Core rules (exceptions) appear in a gate's rule list only when that gate reports one. */
function withCoreRules(gate: Gate, findings: Finding[]): RuleMeta[] {
  const known = new Set(gate.rules.map((r) => r.id));
  const extra = [...new Set(findings.map((f) => f.rule).filter((r) => !known.has(r)))];
  return [...gate.rules, ...extra.map((r) => coreRuleMeta(gate.id, r))];
}

const byPosition = <T extends { path: string; line: number; column: number; rule: string }>(a: T, b: T) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

function sortRaw(raws: RawFinding[]): RawFinding[] {
  return [...raws].sort(byPosition);
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(byPosition);
}
