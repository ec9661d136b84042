/**
 * Every hardcoded-values rule against its good and bad fixture, through the built CLI in a real git
 * repository; then each fail-closed path.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo, repoFromFixture } from '../helpers/repo.js';
import { reportValidator } from '../reporters/validators.js';

afterAll(cleanupTempDirs);
const validReport = reportValidator();

function run(fixture: string) {
  const { code, report } = checkJson(repoFromFixture(`hardcoded-values/${fixture}`), '--gates', 'hardcoded-values');
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  expect(report.gates[0]?.status, report.gates[0]?.error).not.toBe('error');
  return { code, findings: summarize(report), report };
}

const CASES: Record<string, { findings: string[]; summary: string[] }> = {
  'hardcoded-decision-literal': {
    findings: [
      'error hardcoded-decision-literal bot/strategy.py:12:12',
      'error hardcoded-decision-literal bot/strategy.py:13:23',
      'error hardcoded-decision-literal bot/strategy.py:14:21',
      'error hardcoded-decision-literal bot/strategy.py:19:23',
      'error hardcoded-decision-literal bot/strategy.py:20:42',
      'error hardcoded-decision-literal bot/strategy.py:24:34',
      'error hardcoded-decision-literal bot/strategy.py:25:33',
      'error hardcoded-decision-literal bot/strategy.py:30:38',
      'error hardcoded-decision-literal bot/strategy.py:33:36',
      'error hardcoded-decision-literal bot/strategy.py:33:64',
      'error hardcoded-decision-literal bot/strategy.py:35:22',
      'error hardcoded-decision-literal bot/strategy.py:39:12',
      'error hardcoded-decision-literal bot/strategy.py:40:25',
      'error hardcoded-decision-literal bot/strategy.py:41:49',
      'error hardcoded-decision-literal services/risk.ts:5:18',
      'error hardcoded-decision-literal services/risk.ts:6:21',
      'error hardcoded-decision-literal services/risk.ts:7:36',
      'error hardcoded-decision-literal services/risk.ts:7:76',
      'error hardcoded-decision-literal services/risk.ts:9:49',
      'error hardcoded-decision-literal services/risk.ts:14:18',
      'error hardcoded-decision-literal services/risk.ts:15:22',
      'error hardcoded-decision-literal services/risk.ts:18:37',
    ],
    summary: ['FAIL hardcoded-decision-literal (2 files, 22 findings)', 'PASS silent-fallback-literal (2 files, 0 findings)', 'PASS literal-threshold (2 files, 0 findings)', 'PASSED: 2  FAILED: 1'],
  },
  'silent-fallback-literal': {
    findings: [
      'error silent-fallback-literal bot/sizing.py:5:35',
      'error silent-fallback-literal bot/sizing.py:6:46',
      'error silent-fallback-literal bot/sizing.py:7:41',
      'error silent-fallback-literal bot/sizing.py:8:44',
      'error silent-fallback-literal bot/sizing.py:9:46',
      'error silent-fallback-literal services/sizing.ts:2:39',
      'error silent-fallback-literal services/sizing.ts:3:51',
      'error silent-fallback-literal services/sizing.ts:4:27',
    ],
    summary: ['PASS hardcoded-decision-literal (2 files, 0 findings)', 'FAIL silent-fallback-literal (2 files, 8 findings)', 'PASS literal-threshold (2 files, 0 findings)', 'PASSED: 2  FAILED: 1'],
  },
  'literal-threshold': {
    findings: [
      'error literal-threshold bot/kill.py:2:27',
      'error literal-threshold bot/kill.py:4:8',
      'error literal-threshold bot/kill.py:4:33',
      'error literal-threshold services/kill.ts:2:22',
      'error literal-threshold services/kill.ts:4:10',
    ],
    summary: ['PASS hardcoded-decision-literal (2 files, 0 findings)', 'PASS silent-fallback-literal (2 files, 0 findings)', 'FAIL literal-threshold (2 files, 5 findings)', 'PASSED: 2  FAILED: 1'],
  },
  'required-structure-missing': {
    findings: [
      'error required-structure-missing microservices/orders/service.py:1:1',
      'error required-structure-missing microservices/quotes/service.ts:1:1',
      'error required-structure-missing microservices/quotes/service.ts:1:1',
      'error required-structure-missing microservices/quotes/service.ts:1:1',
    ],
    summary: ['FAIL services-use-policy-store (2 files, 4 findings)', 'PASSED: 0  FAILED: 1'],
  },
};

describe.each(Object.entries(CASES))('%s', (rule, expected) => {
  it('bad: exactly the planted findings, each on its literal, and the binary proof says FAIL', () => {
    const { code, findings, report } = run(`${rule}/bad`);
    expect(findings).toEqual(expected.findings);
    expect(report.gates[0]?.summary).toEqual(expected.summary);
    expect(code).toBe(1);
  });
  it('good: nothing, every rule PASS, exit 0', () => {
    const { code, findings, report } = run(`${rule}/good`);
    expect(findings).toEqual([]);
    expect(report.gates[0]?.summary?.at(-1)).toMatch(/^PASSED: \d+ {2}FAILED: 0$/);
    expect(code).toBe(0);
  });
});

describe('messages and output', () => {
  it('a finding names the literal, the decision and how it is used', () => {
    const f = run('silent-fallback-literal/bad').report.gates[0]!.findings.find((x) => x.path === 'bot/sizing.py' && x.line === 6)!;
    expect(f.message).toBe('100 is a literal fallback for the decision "position_size" (.get default).');
    expect(f.endColumn).toBe(49);
  });
  it('required-structure findings say what is missing', () => {
    const msgs = run('required-structure-missing/bad').report.gates[0]!.findings.map((f) => f.message);
    expect(msgs).toContain('[services-use-policy-store] microservices/orders/service.py lacks a branch that returns or raises when policy is None (null in TS/JS).');
    expect(msgs).toContain('[services-use-policy-store] microservices/quotes/service.ts lacks an import of policy_store.');
    expect(msgs).toContain('[services-use-policy-store] microservices/quotes/service.ts lacks a call to load_policy.');
  });
  it('the text report prints the binary proof', () => {
    const r = runCli(['check', repoFromFixture('hardcoded-values/literal-threshold/bad'), '--gates', 'hardcoded-values']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  FAIL literal-threshold (2 files, 5 findings)\n');
    expect(r.stdout).toContain('  PASSED: 2  FAILED: 1\n');
  });
  it('the GitHub job summary prints the binary proof', () => {
    const r = runCli(['check', repoFromFixture('hardcoded-values/literal-threshold/bad'), '--gates', 'hardcoded-values', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL literal-threshold (2 files, 5 findings)');
    expect(r.stdout).toContain('PASSED: 2  FAILED: 1');
  });
});

const POLICY_ONE_RULE = (scope: string) =>
  `hardcoded-values:\n  rules:\n    - id: lev\n      description: no literal leverage\n      pattern: decision-literal\n      scope:\n        include: ["${scope}"]\n      names: [leverage]\n`;

describe('exceptions', () => {
  it('an inline allow with a reason suppresses a finding and keeps it in the report; the proof counts what blocks', () => {
    const dir = makeRepo({
      'bot/a.py': 'def buy(size, leverage=1):  # paperguard-allow: hardcoded-decision-literal 1x is the neutral API default\n    return size\n\nleverage = 3\n',
    });
    const { code, report } = checkJson(dir, '--gates', 'hardcoded-values');
    expect(summarize(report, { suppressed: true })).toEqual(['error hardcoded-decision-literal bot/a.py:1:24', 'error hardcoded-decision-literal bot/a.py:4:12']);
    expect(report.gates[0]!.findings[0]!.suppressed?.kind).toBe('inline');
    expect(summarize(report)).toEqual(['error hardcoded-decision-literal bot/a.py:4:12']);
    expect(report.gates[0]!.summary).toEqual([
      'FAIL hardcoded-decision-literal (1 file, 1 finding, 1 suppressed)',
      'PASS silent-fallback-literal (1 file, 0 findings)',
      'PASS literal-threshold (1 file, 0 findings)',
      'PASSED: 2  FAILED: 1',
    ]);
    expect(code).toBe(1);
  });
  it('a rule whose every finding is suppressed by a policy exception is PASS in the proof, and the gate passes', () => {
    const dir = makeRepo({
      'bot/a.py': 'leverage = 3\n',
      '.github/paperguard.yml':
        'exceptions:\n  entries:\n    - rule: hardcoded-values/hardcoded-decision-literal\n      path: bot/a.py\n      reason: fixed 3x for the demo account\n      owner: "@risk"\n      expires: 2999-01-01\n',
    });
    const { code, report } = checkJson(dir, '--gates', 'hardcoded-values');
    expect(report.gates[0]!.summary![0]).toBe('PASS hardcoded-decision-literal (1 file, 0 findings, 1 suppressed)');
    expect(report.gates[0]!.summary!.at(-1)).toBe('PASSED: 3  FAILED: 0');
    expect(code).toBe(0);
  });
});

describe('fail closed', () => {
  it('a Python file in scope that does not parse: exit 3 naming file and line', () => {
    const dir = makeRepo({ 'bot/a.py': 'leverage = policy.leverage\ndef broken(:\n    pass\n' });
    const r = runCli(['check', dir, '--gates', 'hardcoded-values']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/ERROR: bot\/a\.py:2:\d+: Python /);
  });
  it('a TS file in scope that does not parse: exit 3 naming file and line', () => {
    const dir = makeRepo({ 'bot/a.ts': 'const leverage = policy.leverage;\nconst x = ;\n' });
    const r = runCli(['check', dir, '--gates', 'hardcoded-values']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('ERROR: bot/a.ts:2:11: cannot parse JavaScript/TypeScript');
  });
  it('a rule whose scope matches no file: exit 3 naming the rule and where it is written', () => {
    const dir = makeRepo({ 'bot/a.py': 'x = 1\n', '.github/paperguard.yml': POLICY_ONE_RULE('strategies/**/*.py') });
    const r = runCli(['check', dir, '--gates', 'hardcoded-values']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('hardcoded-values rule "lev" (.github/paperguard.yml:');
    expect(r.stdout).toContain('its scope matches no Python/TS/JS file (include: strategies/**/*.py)');
  });
  it('a file in scope over inventory.max_file_size: exit 3 naming it, never a proof that skipped it', () => {
    const big = `# padding\n${'#'.repeat(300)}\nleverage = 20\n`;
    const policy = `inventory:\n  max_file_size: 200\n${POLICY_ONE_RULE('bot/**/*.py')}`;
    const dir = makeRepo({ 'bot/a.py': 'x = 1\n', 'bot/big.py': big, '.github/paperguard.yml': policy });
    const r = runCli(['check', dir, '--gates', 'hardcoded-values']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`hardcoded-values rule "lev": bot/big.py (${Buffer.byteLength(big)} bytes) is in scope but over inventory.max_file_size`);
    expect(r.stdout).not.toContain('PASSED');
  });
  it('the default rules on a repository without trading paths: exit 3, not a pass', () => {
    const dir = makeRepo({ 'main.py': 'leverage = 5\n' });
    const r = runCli(['check', dir, '--gates', 'hardcoded-values']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('rule "hardcoded-decision-literal"');
  });
  it('a policy with no rules for this gate: exit 2 naming the key', () => {
    const dir = makeRepo({ 'bot/a.py': 'x = 1\n', '.github/paperguard.yml': 'hardcoded-values:\n  rules: []\n' });
    const r = runCli(['check', dir, '--gates', 'hardcoded-values']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.github/paperguard.yml:2');
    expect(r.stderr).toContain('rules');
  });
  it('a required-structure rule without `require`, or a literal rule without names: exit 2', () => {
    const noRequire = 'hardcoded-values:\n  rules:\n    - id: s\n      description: d\n      pattern: required-structure\n      scope:\n        include: ["bot/**"]\n';
    const dir = makeRepo({ 'bot/a.py': 'x = 1\n', '.github/paperguard.yml': noRequire });
    expect(runCli(['check', dir, '--gates', 'hardcoded-values']).code).toBe(2);
    const noNames = POLICY_ONE_RULE('bot/**').replace('      names: [leverage]\n', '');
    const dir2 = makeRepo({ 'bot/a.py': 'x = 1\n', '.github/paperguard.yml': noNames });
    expect(runCli(['check', dir2, '--gates', 'hardcoded-values']).code).toBe(2);
  });
  it('a repository scope with a matching file passes a clean file', () => {
    const dir = makeRepo({ 'main.py': 'leverage = policy["leverage"]\n', '.github/paperguard.yml': POLICY_ONE_RULE('*.py') });
    const { code, report } = checkJson(dir, '--gates', 'hardcoded-values');
    expect(code).toBe(0);
    expect(report.gates[0]?.summary).toEqual(['PASS lev (1 file, 0 findings)', 'PASSED: 1  FAILED: 0']);
  });
});
