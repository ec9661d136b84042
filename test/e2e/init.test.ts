import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, makeRepo, writeFiles } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('paperguard init, then doctor', () => {
  // Committed, except the requirements: init must see dependency files before their first commit.
  const dir = makeRepo({ 'scripts/rebalance.py': 'print("rebalance")\n', 'bot/main.py': 'x = 1\n', '.gitignore': 'build/\n' });
  writeFiles(dir, { 'requirements.txt': 'freqtrade==2025.1\nccxt>=4\nvnpy\n', 'build/requirements.txt': 'pybit\n' });
  const init = runCli(['init', dir]);

  it('detects the frameworks, writes policy, workflow and manifest, exit 0', () => {
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(
      'frameworks: ccxt (ccxt in requirements.txt), freqtrade (freqtrade in requirements.txt), vnpy (vnpy in requirements.txt; no preset yet, review by hand)',
    );
    const policy = parseYaml(readFileSync(path.join(dir, '.github/paperguard.yml'), 'utf8'));
    expect(policy.gates).toEqual(['import-smoke', 'script-risk', 'paper-mode', 'live-endpoints']);
    expect(policy['paper-mode'].presets).toEqual(['ccxt', 'freqtrade']);
    const workflow = parseYaml(readFileSync(path.join(dir, '.github/workflows/paperguard.yml'), 'utf8'));
    expect(Object.values(workflow.jobs).map((j) => (j as { name: string }).name)).toEqual([
      'paperguard / import-smoke',
      'paperguard / script-risk',
      'paperguard / paper-mode',
      'paperguard / live-endpoints',
    ]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'scripts/ci/script_risk_policy_manifest.json'), 'utf8'));
    expect(manifest.scripts).toEqual([{ path: 'scripts/rebalance.py', category: 'unclassified', requires_exec_guard: false }]);
  });

  it('doctor then names what is still missing, exit 1', () => {
    commitAll(dir, 'paperguard init');
    const r = runCli(['doctor', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\[OK\]\s+manifest\s+scripts\/ci\/script_risk_policy_manifest\.json lists every tracked script/m);
    expect(r.stdout).toMatch(/^\[ERR\]\s+guardrail\s+tests\/test_trading_mode_guardrail\.py is missing/m);
    expect(r.stdout).toMatch(/^\[OK\]\s+exec-guard\s+no script in the manifest requires the exec guard/m);
    for (const gate of ['import-smoke', 'script-risk', 'paper-mode', 'live-endpoints']) {
      expect(r.stdout).toContain(`gate ${gate} runs in .github/workflows/paperguard.yml`);
    }
  });

  it('the unclassified script fails the script-risk gate until someone classifies it', () => {
    const r = runCli(['check', dir, '--gates', 'script-risk', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).gates[0].findings.map((f: { rule: string }) => f.rule)).toContain('unknown-category');
  });

  it('a script classified high_risk needs an exec guard implementation, outside tests', () => {
    const file = path.join(dir, 'scripts/ci/script_risk_policy_manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.scripts[0] = { ...manifest.scripts[0], category: 'high_risk', requires_exec_guard: true };
    writeFiles(dir, {
      'scripts/ci/script_risk_policy_manifest.json': JSON.stringify(manifest, null, 2),
      'tests/fixtures/exec_guard.sh': 'require_exec_guard() { :; }\n',
    });
    commitAll(dir, 'classify');
    expect(runCli(['doctor', dir]).stdout).toMatch(/^\[ERR\]\s+exec-guard\s+1 scripts require the exec guard but none is implemented/m);
    writeFiles(dir, { 'scripts/lib/exec_guard.sh': 'require_exec_guard() { [ "$AGENT_MODE" = EXECUTE ] || exit 3; }\n' });
    commitAll(dir, 'guard');
    expect(runCli(['doctor', dir]).stdout).toMatch(/^\[OK\]\s+exec-guard\s+exec guard implemented in scripts\/lib\/exec_guard\.sh/m);
  });


  it('a second init refuses to overwrite, exit 2', () => {
    const again = runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exist; nothing written');
  });
});
