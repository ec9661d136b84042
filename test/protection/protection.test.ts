/**
 * `protection export` writes rulesets that are valid request bodies of the rulesets API; `protection
 * verify` reads rulesets (org-level included) and classic protection from FakeGitHub and names each drift.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../github/fake-github.js';
import { assertValidRequestBody, documentedExample } from '../github/openapi.js';
import { CLI, runCli } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo, tempDir } from '../helpers/repo.js';
import { classic, DOCS, PROTECTION, RULESET, RULESETS, ruleset, rulesetSummary } from '../signed-tag/github-fixtures.js';

afterAll(cleanupTempDirs);
const TOKEN = 'ghs_protectionTestToken000000000000000';
const CHECKS = ['paperguard / live-endpoints', 'paperguard / import-smoke', 'paperguard / script-risk', 'paperguard / paper-mode'];

function exported(policy = ''): { branch: Record<string, any>; tag: Record<string, any> } {
  const dir = makeRepo(policy ? { '.github/paperguard.yml': policy } : { 'README.md': 'x\n' });
  const out = path.join(tempDir(), 'rulesets');
  const r = runCli(['protection', 'export', dir, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return {
    branch: JSON.parse(readFileSync(path.join(out, 'branch-ruleset.json'), 'utf8')),
    tag: JSON.parse(readFileSync(path.join(out, 'tag-ruleset.json'), 'utf8')),
  };
}

describe('protection export', () => {
  it('writes branch and tag rulesets that are valid POST /repos/{owner}/{repo}/rulesets bodies', () => {
    const { branch, tag } = exported();
    assertValidRequestBody('POST', '/repos/{owner}/{repo}/rulesets', branch);
    assertValidRequestBody('POST', '/repos/{owner}/{repo}/rulesets', tag);
    expect(branch.conditions.ref_name.include).toEqual(['refs/heads/main', 'refs/heads/release/*']);
    expect(branch.bypass_actors).toEqual([]);
    expect(branch.rules.map((r: { type: string }) => r.type)).toEqual(['deletion', 'non_fast_forward', 'pull_request', 'required_status_checks']);
    expect(branch.rules[2].parameters).toMatchObject({ required_approving_review_count: 2, require_code_owner_review: true, dismiss_stale_reviews_on_push: true });
    expect(branch.rules[3].parameters.required_status_checks).toEqual(CHECKS.map((context) => ({ context })));
    expect(tag.conditions.ref_name.include).toEqual(['refs/tags/v*']);
    expect(tag.rules).toEqual([{ type: 'creation' }, { type: 'update' }, { type: 'deletion' }]);
  });

  it('follows the policy: prefix, checks, approvals', () => {
    const { branch, tag } = exported('version: 1\nsigned-tag:\n  prefix: risk\nprotection:\n  blocking_checks: [ci / test]\n  required_approvals: 3\n');
    expect(tag.conditions.ref_name.include).toEqual(['refs/tags/risk/v*']);
    expect(branch.rules[3].parameters.required_status_checks).toEqual([{ context: 'ci / test' }]);
    expect(branch.rules[2].parameters.required_approving_review_count).toBe(3);
    assertValidRequestBody('POST', '/repos/{owner}/{repo}/rulesets', branch);
  });

  it('an invalid protection policy is a configuration error naming the line (exit 2)', () => {
    const dir = makeRepo({ '.github/paperguard.yml': 'version: 1\nprotection:\n  required_approvals: two\n' });
    const r = runCli(['protection', 'export', dir, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/paperguard\.yml:3.*required_approvals/);
  });
});

describe('protection verify', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub(TOKEN).start();
  });
  /** The repository, with its default branch (rulesets' ~DEFAULT_BRANCH). */
  function repoRoute(branch = 'main'): void {
    // GitHub's own example omits the required `language`; its fork `source`/`parent` are optional.
    const { source: _s, parent: _p, ...repo } = documentedExample('GET', '/repos/{owner}/{repo}', 200) as Record<string, unknown>;
    gh.route('GET', '/repos/{owner}/{repo}', '/repos/o/r', { status: 200, body: { ...repo, language: 'TypeScript', default_branch: branch } });
  }
  afterEach(() => gh.stop());

  function verify(dir: string, ...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [CLI, 'protection', 'verify', dir, '--repo', 'o/r', ...extra], { env: { ...process.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  function serveExported(policy = ''): void {
    repoRoute();
    const { branch, tag } = exported(policy);
    gh.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [rulesetSummary(1, branch.name), rulesetSummary(2, tag.name)] });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/1', { status: 200, body: ruleset(1, branch) });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/2', { status: 200, body: ruleset(2, tag) });
  }

  it('the exported rulesets, live, match the policy (exit 0); classic protection unset is fine', async () => {
    serveExported();
    gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS } });
    const r = await verify(makeRepo({ 'README.md': 'x\n' }));
    expect(r.stdout).toContain('matches the policy');
    expect(r.code).toBe(0);
  });

  it('names each missing or weaker setting; classic checks count in the union; advisory checks are apart (exit 1)', async () => {
    repoRoute();
    gh.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [rulesetSummary(9, 'org baseline')] });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/9', {
      status: 200,
      body: ruleset(9, {
        name: 'org baseline',
        source_type: 'Organization',
        source: 'o',
        target: 'branch',
        enforcement: 'active',
        bypass_actors: [{ actor_id: 1, actor_type: 'OrganizationAdmin', bypass_mode: 'always' }],
        conditions: { ref_name: { include: ['~DEFAULT_BRANCH', 'refs/heads/release/*'], exclude: [] } },
        rules: [{ type: 'deletion' }, { type: 'pull_request', parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: false, require_code_owner_review: true, require_last_push_approval: false, required_review_thread_resolution: false } }],
      }),
    });
    gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 200, body: classic([...CHECKS], {
      required_pull_request_reviews: { url: 'https://api.github.com/repos/o/r/branches/main/protection/required_pull_request_reviews', dismiss_stale_reviews: false, require_code_owner_reviews: false, required_approving_review_count: 1 },
    }) });
    const dir = makeRepo({ '.github/paperguard.yml': 'version: 1\nprotection:\n  advisory_checks: [docs]\n' });
    const r = await verify(dir, '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { drift: { target: string; setting: string }[]; advisory: string[] };
    const drift = out.drift.map((d) => `${d.target} ${d.setting}`);
    // main: checks, force-push and strictness come from classic protection; approvals and stale reviews are weaker.
    expect(drift.filter((d) => d.startsWith('main '))).toEqual(['main required_approving_review_count', 'main dismiss_stale_reviews_on_push', 'main bypass_actors']);
    expect(drift).toContain('release/* required_status_checks');
    expect(drift).toContain('release/* non_fast_forward');
    expect(drift).toEqual(expect.arrayContaining(['refs/tags/v* creation', 'refs/tags/v* update', 'refs/tags/v* deletion']));
    expect(out.advisory).toEqual(['main: advisory check "docs" is not required (as intended)', 'release/*: advisory check "docs" is not required (as intended)']);
  });

  it('~DEFAULT_BRANCH is the default branch of the repository, not necessarily main', async () => {
    repoRoute('develop');
    gh.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [rulesetSummary(9, 'default only')] });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/9', {
      status: 200,
      body: ruleset(9, { name: 'default only', target: 'branch', enforcement: 'active', bypass_actors: [], conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } }, rules: [{ type: 'non_fast_forward' }] }),
    });
    gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS } });
    const r = await verify(makeRepo({ 'README.md': 'x\n' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MISSING main non_fast_forward');
  });

  it('an evaluate-mode ruleset does not count', async () => {
    repoRoute();
    const { branch, tag } = exported();
    gh.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [rulesetSummary(1, branch.name), rulesetSummary(2, tag.name)] });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/1', { status: 200, body: ruleset(1, { ...branch, enforcement: 'evaluate' }) });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/2', { status: 200, body: ruleset(2, tag) });
    gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS } });
    const r = await verify(makeRepo({ 'README.md': 'x\n' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MISSING main non_fast_forward: main allows force pushes');
  });

  it.each([
    ['401', () => undefined, /HTTP 401, the token was rejected/],
    ['403 classic protection', (g: FakeGitHub) => {
      repoRoute();
      g.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [] });
      g.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } });
    }, /HTTP 403.*administration: read/],
    ['404 repository', () => undefined, /GET \/repos\/o\/r failed: HTTP 404, repository o\/r does not exist or the token cannot see it/],
    ['500 ruleset', (g: FakeGitHub) => {
      repoRoute();
      g.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [rulesetSummary(3, 'x')] });
      g.route('GET', RULESET, '/repos/o/r/rulesets/3', { status: 500, body: { message: 'Server Error', documentation_url: DOCS } });
    }, /rulesets\/3 failed: HTTP 500/],
  ] as const)('%s fails closed (exit 3) naming the call', async (name, setup, expected) => {
    setup(gh);
    const dir = makeRepo({ 'README.md': 'x\n' });
    const r = name === '401'
      ? await new Promise<{ code: number | null; stderr: string }>((resolve) =>
          execFile(process.execPath, [CLI, 'protection', 'verify', dir, '--repo', 'o/r'], { env: { ...process.env, GITHUB_TOKEN: 'ghs_bad0000000000000000000000000000000', GITHUB_API_URL: gh.url } }, (err, _o, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr })))
      : await verify(dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('usage errors: no --repo, no token (exit 2)', () => {
    const dir = makeRepo({ 'README.md': 'x\n' });
    expect(runCli(['protection', 'verify', dir]).code).toBe(2);
    const r = runCli(['protection', 'verify', dir, '--repo', 'o/r'], { env: { ...process.env, GITHUB_TOKEN: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GITHUB_TOKEN');
  });
});
