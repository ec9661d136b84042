/**
 * Every config-bounds rule against its fixture: `base/` is committed first, then `good/` or `bad/` on
 * top, and the built CLI runs with --base on the first commit. Then decision records, the review
 * mechanism in the built action, and each fail-closed path.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, FIXTURES, git, makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { reportValidator } from '../reporters/validators.js';
import { decisionValidator } from '../../src/core/decision-log.js';
import { FakeGitHub } from '../github/fake-github.js';
import { REVIEWS, review, TOKEN } from '../github/fixtures.js';
import { runPullRequestAction } from '../helpers/action-run.js';

afterAll(cleanupTempDirs);
const validReport = reportValidator();
const validDecision = decisionValidator();

/** A repository at `<rule>/base`, then `<rule>/<variant>` committed on top; returns it and the base commit. */
function fixtureRepo(rule: string, variant: 'good' | 'bad'): { dir: string; base: string } {
  const dir = tempDir();
  cpSync(path.join(FIXTURES, 'config-bounds', rule, 'base'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  const base = commitAll(dir, 'base');
  cpSync(path.join(FIXTURES, 'config-bounds', rule, variant), dir, { recursive: true });
  commitAll(dir, variant);
  return { dir, base };
}

function run(rule: string, variant: 'good' | 'bad', ...extra: string[]) {
  const { dir, base } = fixtureRepo(rule, variant);
  const { code, report } = checkJson(dir, '--gates', 'config-bounds', '--base', base, ...extra);
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  expect(report.gates[0]?.status, report.gates[0]?.error).not.toBe('error');
  const decisions = (report.gates[0]?.data?.decisions ?? []) as Record<string, unknown>[];
  for (const d of decisions) expect(validDecision(d), JSON.stringify(validDecision.errors)).toBe(true);
  return { code, findings: summarize(report), report, decisions, dir, base };
}

const CASES: Record<string, { findings: string[]; decisions: [string, string, string[]][]; good: number }> = {
  bounds: {
    findings: [
      'error bounds config/bot.jsonc:4:23',
      'error bounds config/bot.jsonc:5:22',
      'error bounds config/broker.ini:2:18',
      'error bounds config/limits.toml:2:22',
      'error bounds config/risk.env:1:15',
      'error bounds config/risk.yaml:2:13',
      'error bounds config/risk.yaml:2:13',
      'error bounds config/risk.yaml:3:20',
      'error bounds config/risk.yaml:4:9',
    ],
    decisions: [
      ['risk.leverage', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['risk.recovery_sizing', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['risk.mode', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['limits.btc.max_loss_per_trade', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['sizing.max_total_risk', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['sizing.max_positions', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['STOP_LOSS_PCT', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
      ['orders.max_order_size', 'REJECTED_BY_POLICY', ['P0_BOUNDS']],
    ],
    good: 7,
  },
  blacklist: {
    findings: ['error blacklist config/live.yaml:2:13', 'error blacklist config/live.yaml:6:14'],
    decisions: [
      ['live.api_keys', 'REJECTED_BY_POLICY', ['BLACKLISTED', 'P0_BLACKLIST']],
      ['risk.stop_loss', 'REJECTED_BY_POLICY', ['BLACKLISTED', 'P0_BLACKLIST']],
    ],
    good: 0,
  },
  locked: {
    findings: ['error locked config/risk.yaml:3:23'],
    decisions: [['risk.max_loss_per_trade', 'REJECTED_BY_POLICY', ['LOCKED']]],
    good: 0,
  },
  'key-removed': {
    findings: ['error key-removed config/risk.yaml:1:1', 'error key-removed config/risk.yaml:1:1'],
    decisions: [
      ['risk.max_total_risk', 'REJECTED_BY_POLICY', ['KEY_REMOVED']],
      ['venues.binance.max_order_size', 'REJECTED_BY_POLICY', ['KEY_REMOVED']],
    ],
    good: 0,
  },
  'not-literal': {
    findings: ['error not-literal config/risk.yaml:2:13', 'error not-literal config/risk.yaml:3:13', 'error not-literal config/risk.yaml:5:10'],
    decisions: [
      ['risk.leverage', 'REJECTED_BY_POLICY', ['NOT_LITERAL']],
      ['risk.stop_loss', 'REJECTED_BY_POLICY', ['NOT_LITERAL']],
      ['risk.take_profit', 'REJECTED_BY_POLICY', ['NOT_LITERAL']],
    ],
    good: 2,
  },
};

describe.each(Object.entries(CASES))('%s', (rule, expected) => {
  it('bad: exactly the planted findings at the new value, one REJECTED record per governed change', () => {
    const { code, findings, decisions } = run(rule, 'bad');
    expect(findings).toEqual(expected.findings);
    expect(decisions.map((d) => [d.key, d.decision, d.safety_flags])).toEqual(expected.decisions);
    expect(code).toBe(1);
  });
  it('good: nothing, every governed change ACCEPTED, exit 0', () => {
    const { code, findings, decisions } = run(rule, 'good');
    expect(findings).toEqual([]);
    expect(decisions.length).toBe(expected.good);
    expect(decisions.every((d) => d.decision === 'ACCEPTED')).toBe(true);
    expect(code).toBe(0);
  });
});

describe('messages, records and the decision log', () => {
  it('a governed file deleted in the change: its keys are removed, for a glob and for a literal path', () => {
    const policy = POLICY('  files:\n    - path: "config/*.yaml"\n      keys: [{ key: "risk.*", max: 5 }]\n    - path: extra.env\n      keys: [{ key: LEVERAGE, max: 5 }]\n');
    const dir = makeRepo({ 'config/a.yaml': 'risk:\n  leverage: 2\n', 'config/b.yaml': 'risk:\n  max_positions: 3\n', 'extra.env': 'LEVERAGE=2\n', '.github/paperguard.yml': policy });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'rm', '-q', 'config/b.yaml', 'extra.env');
    commitAll(dir, 'drop the governed files');
    const { code, report } = checkJson(dir, '--gates', 'config-bounds', '--base', base);
    expect(summarize(report)).toEqual(['error key-removed config/b.yaml:1:1', 'error key-removed extra.env:1:1']);
    expect(report.gates[0]!.data!.decisions!.map((d) => [d.file, d.key, d.change])).toEqual([
      ['config/b.yaml', 'risk.max_positions', 'removed'],
      ['extra.env', 'LEVERAGE', 'removed'],
    ]);
    expect(code).toBe(1);
  });
  it('messages carry the safety code and the violated bound', () => {
    const msgs = run('bounds', 'bad').report.gates[0]!.findings.map((f) => f.message);
    expect(msgs).toContain('P0_BOUNDS: risk.leverage = 10 is above the maximum 5.');
    expect(msgs).toContain('P0_BOUNDS: risk.leverage = 10 changed by 8 from 2, more than the largest step 1.');
    expect(msgs).toContain('P0_BOUNDS: STOP_LOSS_PCT = "0.001" is below the minimum 0.005.');
  });
  it('a record has old, new, reasons, the policy sha256 and the base', () => {
    const { report, decisions, base } = run('bounds', 'bad');
    const lev = decisions.find((d) => d.key === 'risk.leverage')!;
    expect(lev).toMatchObject({ version: 1, gate: 'config-bounds', file: 'config/risk.yaml', old: 2, new: 10, change: 'changed', policy_sha256: report.policy.sha256, base: { ref: base, commit: base } });
    expect(lev.reasons).toHaveLength(2);
    const ok = run('bounds', 'good').decisions.find((d) => d.key === 'risk.leverage')!;
    expect(ok).toMatchObject({ old: 2, new: 3, decision: 'ACCEPTED', safety_flags: [], reasons: ['bounds: min 1, max 5, max_step 1, type number'] });
  });
  it('--decision-log writes one valid JSON line per record', () => {
    const { dir, base } = fixtureRepo('bounds', 'bad');
    const log = path.join(tempDir(), 'out', 'decisions.jsonl');
    const r = runCli(['check', dir, '--gates', 'config-bounds', '--base', base, '--decision-log', log]);
    expect(r.code).toBe(1);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(8);
    for (const l of lines) expect(validDecision(l)).toBe(true);
  });
  it('without --base only current values are checked, and there are no change records', () => {
    const { dir } = fixtureRepo('bounds', 'bad');
    const { code, report } = checkJson(dir, '--gates', 'config-bounds');
    // The two step violations (max_total_risk 0.05 → 0.09, leverage 2 → 10) need the base; the rest do not.
    expect(summarize(report)).toEqual([
      'error bounds config/bot.jsonc:5:22',
      'error bounds config/broker.ini:2:18',
      'error bounds config/limits.toml:2:22',
      'error bounds config/risk.env:1:15',
      'error bounds config/risk.yaml:2:13',
      'error bounds config/risk.yaml:3:20',
      'error bounds config/risk.yaml:4:9',
    ]);
    expect(report.gates[0]?.data).toBeUndefined();
    expect(code).toBe(1);
  });
  it('the decision schema rejects an ACCEPTED record that carries a P0 flag', () => {
    const { decisions } = run('bounds', 'bad');
    expect(validDecision({ ...decisions[0], decision: 'ACCEPTED' })).toBe(false);
    expect(validDecision({ ...decisions[0], policy_sha256: 'abc' })).toBe(false);
  });
});

const POLICY = (body: string) => `config-bounds:\n${body}`;

describe('fail closed', () => {
  it('a governed file that does not parse: exit 3 naming file and line', () => {
    const dir = makeRepo({ 'risk.yaml': 'risk:\n  leverage: [1,\n', '.github/paperguard.yml': POLICY('  files:\n    - path: risk.yaml\n      keys: [{ key: risk.leverage, max: 5 }]\n') });
    const r = runCli(['check', dir, '--gates', 'config-bounds']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/ERROR: risk\.yaml:\d+: invalid YAML/);
  });
  it('a governed file at the base that does not parse: exit 3 naming it at the base ref', () => {
    const dir = makeRepo({ 'risk.json': '{"risk": {"leverage": 2,}', '.github/paperguard.yml': POLICY('  files:\n    - path: risk.json\n      keys: [{ key: risk.leverage, max: 5 }]\n') });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    writeFiles(dir, { 'risk.json': '{"risk": {"leverage": 3}}' });
    commitAll(dir, 'fix');
    const r = runCli(['check', dir, '--gates', 'config-bounds', '--base', base]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`risk.json@${base}:1:`);
  });
  it('a governed path that matches no file: exit 3 naming the policy line', () => {
    const dir = makeRepo({ 'x.yaml': 'a: 1\n', '.github/paperguard.yml': POLICY('  files:\n    - path: config/*.yaml\n') });
    const r = runCli(['check', dir, '--gates', 'config-bounds']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('governed file config/*.yaml (.github/paperguard.yml:3) matches no file');
  });
  it('a policy that governs no file: exit 3', () => {
    const dir = makeRepo({ 'x.yaml': 'a: 1\n' });
    const r = runCli(['check', dir, '--gates', 'config-bounds']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('config-bounds: the policy governs no file');
  });
  it('lock without --base: exit 3, a lock cannot be proven without a base', () => {
    const dir = makeRepo({ 'x.yaml': 'a: 1\n', '.github/paperguard.yml': POLICY('  lock: true\n  files:\n    - path: x.yaml\n') });
    const r = runCli(['check', dir, '--gates', 'config-bounds']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('lock is true (.github/paperguard.yml:2) but no --base was given');
  });
  it('a file whose format cannot be told: exit 3 asking for `format`', () => {
    const dir = makeRepo({ 'risk.conf': 'a=1\n', '.github/paperguard.yml': POLICY('  files:\n    - path: risk.conf\n') });
    const r = runCli(['check', dir, '--gates', 'config-bounds']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('cannot tell the format of risk.conf');
  });
  it('an invalid bound in the policy (max_step 0, unknown type): exit 2 naming the line', () => {
    const dir = makeRepo({ 'x.yaml': 'a: 1\n', '.github/paperguard.yml': POLICY('  files:\n    - path: x.yaml\n      keys:\n        - { key: a, max_step: 0 }\n') });
    const r = runCli(['check', dir, '--gates', 'config-bounds']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.github/paperguard.yml:5');
  });
  it('--decision-log to a path that cannot be written: exit 2', () => {
    const { dir, base } = fixtureRepo('bounds', 'good');
    const blocker = path.join(tempDir(), 'file');
    writeFileSync(blocker, '');
    const r = runCli(['check', dir, '--gates', 'config-bounds', '--base', base, '--decision-log', path.join(blocker, 'x.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--decision-log');
  });
});

describe('blacklist changes in the built action, reviews read through the GitHub API', () => {
  const HEAD_SHA = 'c'.repeat(40);
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  async function runAction(reviews: ReturnType<typeof review>[]) {
    const server = await new FakeGitHub(TOKEN).start();
    api = server;
    server.route('GET', REVIEWS, '/repos/o/r/pulls/7/reviews', { status: 200, body: reviews });
    const { dir, base } = fixtureRepo('blacklist', 'bad');
    writeFiles(dir, { '.github/paperguard.yml': `security_reviewers:\n  users: [sec-alice]\n${readFileSync(path.join(dir, '.github/paperguard.yml'), 'utf8')}` });
    commitAll(dir, 'reviewers');
    const r = await runPullRequestAction({
      workspace: dir,
      apiUrl: server.url,
      prNumber: 7,
      headSha: HEAD_SHA,
      inputs: { 'github-token': TOKEN, gates: 'config-bounds', base, format: 'github', 'sarif-file': 'paperguard.sarif' },
    });
    const log = path.join(r.runnerTemp, 'paperguard', 'decisions.jsonl');
    const decisions = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    return { code: r.code, outputs: r.outputs, decisions, summary: r.summary };
  }

  it('an approval by a listed security reviewer accepts the blacklisted changes, and the log says so', async () => {
    const { code, outputs, decisions } = await runAction([review('sec-alice', 'APPROVED', HEAD_SHA)]);
    expect(outputs.status).toBe('pass');
    expect(code).toBe(0);
    expect(decisions.map((d) => [d.key, d.decision, d.safety_flags])).toEqual([
      ['live.api_keys', 'ACCEPTED', ['BLACKLISTED', 'SECURITY_REVIEW_APPROVED']],
      ['risk.stop_loss', 'ACCEPTED', ['BLACKLISTED', 'SECURITY_REVIEW_APPROVED']],
    ]);
    for (const d of decisions) expect(validDecision(d)).toBe(true);
  });

  it('no approval: P0_BLACKLIST findings, REJECTED records in $RUNNER_TEMP/paperguard/decisions.jsonl', async () => {
    const { code, outputs, decisions, summary } = await runAction([review('bob', 'APPROVED', HEAD_SHA)]);
    expect(outputs.status).toBe('fail');
    expect(code).toBe(1);
    expect(decisions.map((d) => d.decision)).toEqual(['REJECTED_BY_POLICY', 'REJECTED_BY_POLICY']);
    expect(summary).toContain('2 governed changes since');
  });
});
