/**
 * Every Gate B rule against its good and bad fixture, through the built CLI in a real git repository.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, repoFromFixture } from '../helpers/repo.js';
import { reportValidator } from '../reporters/validators.js';

afterAll(cleanupTempDirs);
const validReport = reportValidator();
const M = 'scripts/ci/script_risk_policy_manifest.json';

function run(fixture: string) {
  const { code, report } = checkJson(repoFromFixture(`script-risk/${fixture}`), '--gates', 'script-risk');
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  expect(report.gates.map((g) => g.id)).toEqual(['script-risk']);
  expect(report.gates[0]?.error).toBeUndefined();
  const messages = report.gates[0]!.findings.map((f) => f.message);
  return { code, findings: summarize(report), messages };
}

const GOOD = [
  'manifest-missing',
  'manifest-invalid',
  'script-not-in-manifest',
  'manifest-entry-untracked',
  'manifest-duplicate',
  'unknown-category',
  'exec-guard-required-by-category',
  'exec-guard-missing',
  'agent-mode-execute',
];

describe('good fixtures pass, exit 0', () => {
  it.each(GOOD)('%s/good', (rule) => {
    const { code, findings } = run(`${rule}/good`);
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('bad fixtures fail at the right place, exit 1', () => {
  it('manifest-missing: the missing file, and each script that needs an entry', () => {
    const { code, findings } = run('manifest-missing/bad');
    expect(findings).toEqual([`error manifest-missing ${M}:1:1`, 'error script-not-in-manifest scripts/version.py:1:1']);
    expect(code).toBe(1);
  });

  it('manifest-invalid: each schema error at its line, entry checks skipped', () => {
    const { code, findings, messages } = run('manifest-invalid/bad');
    expect(findings).toEqual([`error manifest-invalid ${M}:7:30`, `error manifest-invalid ${M}:8:7`]);
    expect(messages[0]).toContain('/scripts/0/requires_exec_guard: must be boolean');
    expect(messages[1]).toContain('unknown key "reviewer"');
    expect(code).toBe(1);
  });

  it('script-not-in-manifest: scripts by location, extension-less with a shebang, executables; not tests, not plain code', () => {
    const { code, findings, messages } = run('script-not-in-manifest/bad');
    expect(findings).toEqual([
      'error script-not-in-manifest bin/rebalance:1:1',
      'error script-not-in-manifest scripts/backfill.sh:1:1',
      'error script-not-in-manifest tools/flatten:1:1',
    ]);
    expect(messages[2]).toContain('is executable with a shebang');
    expect(code).toBe(1);
  });

  it('manifest-entry-untracked: at the entry path', () => {
    const { code, findings } = run('manifest-entry-untracked/bad');
    expect(findings).toEqual([`error manifest-entry-untracked ${M}:10:15`]);
    expect(code).toBe(1);
  });

  it('manifest-duplicate: the second entry, naming the first', () => {
    const { code, findings, messages } = run('manifest-duplicate/bad');
    expect(findings).toEqual([`error manifest-duplicate ${M}:10:15`]);
    expect(messages[0]).toContain('first at line 5');
    expect(code).toBe(1);
  });

  it('unknown-category: unclassified fails, and so does a category the policy does not define', () => {
    const { code, findings, messages } = run('unknown-category/bad');
    expect(findings).toEqual([`error unknown-category ${M}:6:19`, `error unknown-category ${M}:11:19`]);
    expect(messages[0]).toContain('scripts/report.py is unclassified');
    expect(messages[1]).toContain('"harmless"');
    expect(code).toBe(1);
  });

  it('exec-guard-required-by-category: at the requires_exec_guard value', () => {
    const { code, findings } = run('exec-guard-required-by-category/bad');
    expect(findings).toEqual([`error exec-guard-required-by-category ${M}:7:30`]);
    expect(code).toBe(1);
  });

  it('exec-guard-missing: Python and shell at the first offending line; other languages cannot be shown guarded', () => {
    const { code, findings, messages } = run('exec-guard-missing/bad');
    expect(findings).toEqual([
      'error exec-guard-missing scripts/cancel_all.py:7:1',
      'error exec-guard-missing scripts/deploy.sh:3:1',
      'error exec-guard-missing scripts/liquidate.js:1:1',
    ]);
    expect(messages[0]).toContain('`load_dotenv()` runs before the exec guard');
    expect(messages[1]).toContain('`git fetch --tags` runs before the exec guard');
    expect(messages[2]).toContain('only in Python and shell');
    expect(code).toBe(1);
  });

  it('agent-mode-execute: .env, compose list, Kubernetes env, workflow env, Dockerfile, TOML and JSON keys', () => {
    const { code, findings } = run('agent-mode-execute/bad');
    expect(findings).toEqual([
      'error agent-mode-execute .env:3:12',
      'error agent-mode-execute .github/workflows/run.yml:6:19',
      'error agent-mode-execute Dockerfile:2:16',
      'error agent-mode-execute config/agent.toml:2:14',
      'error agent-mode-execute config/settings.json:2:28',
      'error agent-mode-execute deploy/k8s.yaml:10:22',
      'error agent-mode-execute docker-compose.yml:6:20',
    ]);
    expect(code).toBe(1);
  });
});

describe('formats', () => {
  it('SARIF carries the rule with its doc link; the format never changes the exit code', () => {
    const dir = repoFromFixture('script-risk/unknown-category/bad');
    const r = runCli(['check', dir, '--gates', 'script-risk', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
    const rule = sarif.runs[0]!.tool.driver.rules.find((x) => x.id.endsWith('unknown-category'));
    expect(rule?.helpUri).toMatch(/docs\/rules\/script-risk\.md#unknown-category$/);
  });
});
