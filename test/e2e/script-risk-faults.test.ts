/**
 * Gate B fails closed: a manifest that does not parse is a finding at its line (it is data under the
 * policy); a file the gate must read and cannot parse ends the run with exit 3, naming file and line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
const M = 'scripts/ci/script_risk_policy_manifest.json';
const entry = (p: string, category: string, guard: boolean) => ({ path: p, category, requires_exec_guard: guard });
const manifest = (...entries: object[]) => `${JSON.stringify({ version: 1, scripts: entries }, null, 2)}\n`;

describe('manifest problems are findings at the line', () => {
  it('invalid JSON', () => {
    const dir = makeRepo({ 'scripts/a.py': 'x = 1\n', [M]: '{\n  "version": 1,\n  "scripts": [\n    {"path": "scripts/a.py",}\n  ]\n}\n' });
    const { code, report } = checkJson(dir, '--gates', 'script-risk');
    expect(summarize(report)).toEqual([`error manifest-invalid ${M}:4:29`]);
    expect(report.gates[0]!.findings[0]!.message).toContain('not valid JSON');
    expect(code).toBe(1);
  });

  it('valid JSON against the wrong schema (version 2, a path with ..)', () => {
    const dir = makeRepo({ 'scripts/a.py': 'x = 1\n', [M]: JSON.stringify({ version: 2, scripts: [entry('../a.py', 'safe', false)] }, null, 2) });
    const { code, report } = checkJson(dir, '--gates', 'script-risk');
    expect(summarize(report)).toEqual([`error manifest-invalid ${M}:2:14`, `error manifest-invalid ${M}:5:15`]);
    expect(report.gates[0]!.findings.map((f) => f.message).join('\n')).toMatch(/\/version: must be 1[\s\S]*\/scripts\/0\/path: must be a repo-relative/);
    expect(code).toBe(1);
  });

  it('duplicate keys are invalid: readers disagree on which one applies', () => {
    const dir = makeRepo({
      'scripts/a.py': 'x = 1\n',
      [M]: '{"version": 1, "scripts": [\n{"path": "scripts/a.py", "category": "must_lock", "requires_exec_guard": true,\n "requires_exec_guard": false}]}\n',
    });
    const { report } = checkJson(dir, '--gates', 'script-risk');
    expect(summarize(report)).toEqual([`error manifest-invalid ${M}:3:2`]);
  });
});

describe('unparsable files in scope end the run with exit 3', () => {
  it('a YAML config that does not parse', () => {
    const dir = makeRepo({ 'deploy/values.yaml': 'agent:\n  AGENT_MODE: [EXECUTE\n' });
    const r = runCli(['check', dir, '--gates', 'script-risk']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/deploy\/values\.yaml:\d+: invalid YAML/);
  });

  it('a Python script that requires the guard and does not parse', () => {
    const dir = makeRepo({ 'scripts/flatten.py': 'def main(:\n    pass\n', [M]: manifest(entry('scripts/flatten.py', 'must_lock', true)) });
    const { code, report } = checkJson(dir, '--gates', 'script-risk');
    expect(report.gates[0]!.status).toBe('error');
    expect(report.gates[0]!.error).toMatch(/^scripts\/flatten\.py:1:\d+: Python /);
    expect(code).toBe(3);
  });

  it('a shell script that requires the guard and does not lex', () => {
    const dir = makeRepo({ 'scripts/deploy.sh': 'set -e\necho "unterminated\n', [M]: manifest(entry('scripts/deploy.sh', 'ops', true)) });
    const { code, report } = checkJson(dir, '--gates', 'script-risk');
    expect(report.gates[0]!.error).toMatch(/^scripts\/deploy\.sh:2: cannot lex shell script: unterminated double quote/);
    expect(code).toBe(3);
  });

  it('an unparsable Python script that does not require the guard is not read as Python', () => {
    const dir = makeRepo({ 'scripts/flatten.py': 'def main(:\n', [M]: manifest(entry('scripts/flatten.py', 'safe', false)) });
    expect(checkJson(dir, '--gates', 'script-risk').code).toBe(0);
  });

  it('a broken YAML file outside the gate\'s agent-mode scope does not stop it', () => {
    const dir = makeRepo({ 'vendor/x.yaml': 'a: [\n', 'ok.yaml': 'a: 1\n' });
    expect(checkJson(dir, '--gates', 'script-risk').code).toBe(0);
  });
});
