/**
 * The signed-tag action (dist/action.js, PAPERGUARD_ACTION=signed-tag) against a real clone whose tag
 * arrived lightweight, with the check results and branch rules served by FakeGitHub (validated against
 * GitHub's OpenAPI description). Spawned asynchronously: the fake server runs in this process.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { FakeGitHub } from '../github/fake-github.js';
import { parseEnvFile } from '../actions/runner-protocol.js';
import { cleanupTempDirs, PROJECT_ROOT, tempDir, writeFiles } from '../helpers/repo.js';
import { changelog, Gpg } from './keys.js';
import { reportValidator, sarifValidator } from '../reporters/validators.js';
import { BRANCH_RULES, CHECK_RUNS, checkRun, checkRuns, classic, combinedStatus, DOCS, PROTECTION, requiredChecksRule, STATUS } from './github-fixtures.js';

const TOKEN = 'ghs_signedTagActionTestToken0000000000';
let gpg: Gpg;
let key: string;
let upstream: string;
let sha: string;

function g(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: gpg.env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

beforeAll(() => {
  gpg = new Gpg();
  key = gpg.genKey('Release Manager <rm@example.test>');
  upstream = tempDir();
  g(upstream, 'init', '-q', '-b', 'main');
  writeFiles(upstream, {
    'CHANGELOG.md': changelog('1.0.0'),
    '.github/release-keys/rm.asc': gpg.exportKey(key),
    '.github/paperguard.yml': 'version: 1\nsigned-tag:\n  required_checks: [paperguard / live-endpoints]\n',
  });
  g(upstream, 'add', '-A');
  g(upstream, 'commit', '-q', '-m', 'release');
  g(upstream, '-c', `user.signingkey=${key}`, 'tag', '-s', 'v1.0.0', '-m', 'release 1.0.0');
  sha = g(upstream, 'rev-parse', 'HEAD').trim();
});
afterAll(cleanupTempDirs);

/** A checkout like actions/checkout's on a tag push: full history, the tag rewritten as lightweight. */
function checkout(): string {
  const ws = tempDir();
  g(ws, 'clone', '-q', upstream, '.');
  g(ws, 'tag', '-d', 'v1.0.0');
  g(ws, 'tag', 'v1.0.0', sha);
  return ws;
}

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
});
afterEach(() => gh.stop());

function runAction(ws: string, inputs: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const runner = tempDir();
  const files = { output: path.join(runner, 'output'), summary: path.join(runner, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return new Promise<{ code: number | null; stdout: string; outputs: Record<string, string>; summary: string; runner: string }>((resolve) => {
    const child = execFile(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'action.js')], {
      env: {
        PATH: process.env.PATH,
        GNUPGHOME: gpg.home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: ws,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_REF: 'refs/tags/v1.0.0',
        GITHUB_API_URL: gh.url,
        RUNNER_TEMP: runner,
        PAPERGUARD_ACTION: 'signed-tag',
        INPUT_GITHUB_TOKEN: TOKEN,
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v])),
        ...extra,
      },
    }, (err, stdout) => {
      resolve({
        code: err ? ((err as { code?: number }).code ?? 1) : 0,
        stdout,
        outputs: Object.fromEntries(parseEnvFile(readFileSync(files.output, 'utf8'))),
        summary: readFileSync(files.summary, 'utf8'),
        runner,
      });
    });
    child.stdin?.end();
  });
}

function green(): void {
  gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [requiredChecksRule('paperguard / script-risk')] });
  gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 200, body: classic(['ci / test']) });
  gh.route('GET', CHECK_RUNS, `/repos/o/r/commits/${sha}/check-runs`, {
    status: 200,
    body: checkRuns(checkRun('paperguard / live-endpoints', 'completed', 'success'), checkRun('paperguard / script-risk', 'completed', 'skipped')),
  });
  gh.route('GET', STATUS, `/repos/o/r/commits/${sha}/status`, { status: 200, body: combinedStatus(['ci / test', 'success']) });
}

describe('signed-tag action', () => {
  it('re-fetches the lightweight tag as its signed object, unions policy, ruleset and classic checks, and passes', async () => {
    green();
    const ws = checkout();
    const r = await runAction(ws);
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.code).toBe(0);
    expect(r.outputs.status).toBe('pass');
    expect(g(ws, 'cat-file', '-t', 'v1.0.0').trim()).toBe('tag');
    const file = path.join(r.runner, 'paperguard', 'tag-verify.json');
    expect(r.outputs.report).toBe(file);
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const checks = report.gates[0]?.data?.checks ?? [];
    expect(checks.map((c) => [c.context, c.green])).toEqual([
      ['paperguard / live-endpoints', true],
      ['paperguard / script-risk', true],
      ['ci / test', true],
    ]);
    expect(r.summary).toContain('signed-tag');
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a failed, a pending and a missing required check each fail checks-not-green', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [requiredChecksRule('paperguard / script-risk', 'deploy-gate')] });
    gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS } });
    gh.route('GET', CHECK_RUNS, `/repos/o/r/commits/${sha}/check-runs`, {
      status: 200,
      body: checkRuns(checkRun('paperguard / live-endpoints', 'completed', 'failure'), checkRun('paperguard / script-risk', 'in_progress', null)),
    });
    gh.route('GET', STATUS, `/repos/o/r/commits/${sha}/status`, { status: 200, body: combinedStatus() });
    const r = await runAction(checkout());
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('fail');
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as Report;
    expect(report.gates[0]?.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('"paperguard / live-endpoints" is not green'),
      expect.stringContaining('"paperguard / script-risk" is not green'),
      expect.stringContaining('"deploy-gate" is not green'),
    ]);
    expect(r.stdout).toContain('::error');
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('format sarif prints a valid SARIF log of the same findings', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [] });
    gh.route('GET', CHECK_RUNS, `/repos/o/r/commits/${sha}/check-runs`, { status: 200, body: checkRuns(checkRun('paperguard / live-endpoints', 'completed', 'timed_out')) });
    gh.route('GET', STATUS, `/repos/o/r/commits/${sha}/status`, { status: 200, body: combinedStatus() });
    const r = await runAction(checkout(), { format: 'sarif', 'classic-protection': 'false' });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string }[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]?.results.map((x) => x.ruleId)).toEqual(['signed-tag/checks-not-green']);
  });

  it('a pending commit status is not green even when the check run passed', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [] });
    gh.route('GET', CHECK_RUNS, `/repos/o/r/commits/${sha}/check-runs`, { status: 200, body: checkRuns(checkRun('paperguard / live-endpoints', 'completed', 'success')) });
    gh.route('GET', STATUS, `/repos/o/r/commits/${sha}/status`, { status: 200, body: combinedStatus(['paperguard / live-endpoints', 'pending']) });
    const r = await runAction(checkout(), { 'classic-protection': 'false' });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as Report;
    expect(report.gates[0]?.findings[0]?.message).toContain('status is pending');
  });

  it('a moved tag (push event with a non-zero before) fails version-retagged', async () => {
    green();
    const event = path.join(tempDir(), 'event.json');
    writeFileSync(event, JSON.stringify({ ref: 'refs/tags/v1.0.0', before: 'a'.repeat(40), after: sha }));
    const r = await runAction(checkout(), {}, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as Report;
    expect(report.gates[0]?.findings.map((f) => f.rule)).toEqual(['version-retagged']);
  });

  it('a tag input that is not a tag name, or no tag at all, is a usage error (exit 2)', async () => {
    expect((await runAction(checkout(), { tag: '--upload-pack=x' })).code).toBe(2);
    const r = await runAction(checkout(), {}, { GITHUB_REF: 'refs/heads/main' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('is not a tag ref');
  });
});

describe('signed-tag action: API faults end in status error, exit 3, with the permission named', () => {
  const cases: [string, () => void, RegExp][] = [
    ['401', () => undefined, /HTTP 401, the token was rejected/],
    [
      '403 on classic protection names administration: read',
      () => {
        gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [] });
        gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } });
      },
      /branches\/main\/protection failed: HTTP 403.*administration: read/,
    ],
    [
      '404 on the check runs',
      () => {
        gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [] });
      },
      /check-runs failed: HTTP 404.*checks: read/,
    ],
    [
      '500 on the branch rules',
      () => {
        gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 500, body: { message: 'Server Error', documentation_url: DOCS } });
      },
      /rules\/branches\/main failed: HTTP 500/,
    ],
  ];
  it.each(cases)('%s', async (name, setup, expected) => {
    setup();
    const token: Record<string, string> = name === '401' ? { INPUT_GITHUB_TOKEN: 'ghs_rejectedToken000000000000000000000' } : {};
    const r = await runAction(checkout(), { 'classic-protection': name.startsWith('403') ? 'true' : 'false' }, token);
    expect(r.code).toBe(3);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toMatch(expected);
    expect(r.stdout).not.toContain(TOKEN);
    expect(existsSync(r.outputs.report!)).toBe(true);
  });
});

describe('tag verify --repo (CLI) reads the policy and ruleset checks through the API', () => {
  function cli(ws: string, token = TOKEN): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [path.join(PROJECT_ROOT, 'dist', 'cli.js'), 'tag', 'verify', 'v1.0.0', ws, '--repo', 'o/r', '--format', 'json'],
        { env: { ...gpg.env, GITHUB_TOKEN: token, GITHUB_API_URL: gh.url } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('green policy check: exit 0, the results recorded in the report', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [] });
    gh.route('GET', CHECK_RUNS, `/repos/o/r/commits/${sha}/check-runs`, { status: 200, body: checkRuns(checkRun('paperguard / live-endpoints', 'completed', 'success')) });
    gh.route('GET', STATUS, `/repos/o/r/commits/${sha}/status`, { status: 200, body: combinedStatus() });
    const ws = tempDir();
    g(ws, 'clone', '-q', upstream, '.');
    const r = await cli(ws);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.gates[0]?.data?.checks?.[0]).toMatchObject({ context: 'paperguard / live-endpoints', green: true });
    // The CLI reads the policy's list and the branch rules; classic protection is the action's.
    expect(gh.seen.map((s) => s.path)).toEqual(['/repos/o/r/rules/branches/main', `/repos/o/r/commits/${sha}/check-runs`, `/repos/o/r/commits/${sha}/status`]);
  });

  it('a ruleset check that has not run fails the tag from the CLI too', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [requiredChecksRule('deploy-gate')] });
    gh.route('GET', CHECK_RUNS, `/repos/o/r/commits/${sha}/check-runs`, { status: 200, body: checkRuns(checkRun('paperguard / live-endpoints', 'completed', 'success')) });
    gh.route('GET', STATUS, `/repos/o/r/commits/${sha}/status`, { status: 200, body: combinedStatus() });
    const ws = tempDir();
    g(ws, 'clone', '-q', upstream, '.');
    const r = await cli(ws);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.gates[0]?.findings.map((f) => [f.rule, f.message.split(':')[0]])).toEqual([['checks-not-green', 'required check "deploy-gate" is not green on ' + sha.slice(0, 12)]]);
  });

  it('an API failure is exit 3 with status error in the report, never a pass', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 200, body: [] });
    const ws = tempDir();
    g(ws, 'clone', '-q', upstream, '.');
    const r = await cli(ws);
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as Report).status).toBe('error');
    expect(r.stderr).toMatch(/check-runs failed: HTTP 404/);
  });

  it('a branch rules failure is exit 3 too', async () => {
    gh.route('GET', BRANCH_RULES, '/repos/o/r/rules/branches/main', { status: 500, body: { message: 'Server Error', documentation_url: DOCS } });
    const ws = tempDir();
    g(ws, 'clone', '-q', upstream, '.');
    const r = await cli(ws);
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as Report).status).toBe('error');
    expect(r.stderr).toMatch(/rules\/branches\/main failed: HTTP 500/);
  });
});
