/**
 * examples/risk-service shows both gates failing: its exact findings, the binary proof, and (after a
 * change on top of it) the decision records of config-bounds.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { githubSarifProblems } from '../reporters/github-sarif-rules.js';
import { sarifValidator } from '../reporters/validators.js';
import { cleanupTempDirs, commitAll, git, PROJECT_ROOT, tempDir, writeFiles } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

function exampleRepo(): { dir: string; base: string } {
  const dir = tempDir();
  cpSync(path.join(PROJECT_ROOT, 'examples', 'risk-service'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  return { dir, base: commitAll(dir, 'example') };
}

describe('examples/risk-service', () => {
  it('both gates fail with exactly the planted findings (exit 1)', () => {
    const { code, report } = checkJson(exampleRepo().dir);
    expect(report.gates.map((g) => [g.id, g.status])).toEqual([
      ['hardcoded-values', 'fail'],
      ['config-bounds', 'fail'],
    ]);
    expect(summarize(report)).toEqual([
      'error required-structure-missing services/orders/service.ts:1:1',
      'error hardcoded-decision-literal services/orders/service.ts:4:60',
      'error silent-fallback-literal services/sizing/service.py:9:39',
      'error literal-threshold services/sizing/service.py:10:28',
      'error bounds config/risk.yaml:2:13',
      'error bounds config/risk.yaml:4:20',
    ]);
    expect(report.gates[0]!.summary).toEqual([
      'FAIL hardcoded-decision-literal (2 files, 1 finding)',
      'FAIL silent-fallback-literal (2 files, 1 finding)',
      'FAIL literal-threshold (2 files, 1 finding)',
      'FAIL services-use-policy-store (2 files, 1 finding)',
      'PASSED: 0  FAILED: 4',
    ]);
    expect(code).toBe(1);
  });

  it('SARIF: valid 2.1.0, accepted by GitHub, every result linked to its rule documentation', () => {
    const r = runCli(['check', exampleRepo().dir, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string }[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(githubSarifProblems(log)).toEqual([]);
    const rules = new Map(log.runs.flatMap((run) => run.tool.driver.rules).map((rule) => [rule.id, rule.helpUri]));
    const results = log.runs.flatMap((run) => run.results);
    expect(results).toHaveLength(6);
    for (const res of results) expect(rules.get(res.ruleId)).toMatch(/docs\/rules\/(hardcoded-values|config-bounds)\.md#/);
  });

  it('as checked in this repository (the README command), the same result', () => {
    const r = runCli(['check', path.join(PROJECT_ROOT, 'examples', 'risk-service')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PASSED: 0  FAILED: 4');
    expect(r.stdout).toContain('P0_BOUNDS: risk.leverage = 8 is above the maximum 5.');
  });

  it('a change on top records one decision per governed change, blacklisted ones rejected without review', () => {
    const { dir, base } = exampleRepo();
    writeFiles(dir, {
      'config/risk.yaml': 'risk:\n  leverage: 4\n  max_loss_per_trade: 0.015\n  recovery_sizing: false\n  stop_loss_distance: 0.03\nlive:\n  api_keys: vault://risk-service/keys\n',
    });
    commitAll(dir, 'tune risk');
    const { code, report } = checkJson(dir, '--gates', 'config-bounds', '--base', base);
    const decisions = report.gates[0]!.data!.decisions!;
    expect(decisions.map((d) => [d.key, d.old, d.new, d.decision])).toEqual([
      ['risk.leverage', 8, 4, 'REJECTED_BY_POLICY'],
      ['risk.max_loss_per_trade', 0.01, 0.015, 'ACCEPTED'],
      ['risk.recovery_sizing', true, false, 'ACCEPTED'],
      ['risk.stop_loss_distance', 0.02, 0.03, 'REJECTED_BY_POLICY'],
    ]);
    expect(summarize(report)).toEqual(['error bounds config/risk.yaml:2:13', 'error blacklist config/risk.yaml:5:23']);
    expect(code).toBe(1);
  });
});
