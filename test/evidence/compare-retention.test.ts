/** Retention classes and windows, evidence compare (text and JSON), and the artifact retention decision against FakeGitHub. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ScanError } from '../../src/core/errors.js';
import { createGitHubClient } from '../../src/core/github.js';
import { getArtifactRetention } from '../../src/core/github-evidence.js';
import { decideArtifactRetention } from '../../src/evidence/artifact.js';
import type { Comparison } from '../../src/evidence/compare.js';
import { classify, daysNeeded, retainUntil } from '../../src/evidence/retention.js';
import { planArtifact } from '../../src/evidence/upload.js';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, tempDir, writeFiles } from '../helpers/repo.js';
import { FakeGitHub } from '../github/fake-github.js';
import { TOKEN } from '../github/fixtures.js';
import { bundle, evidenceRepo, jobDir } from './fixture.js';

afterAll(cleanupTempDirs);

describe('retention classes', () => {
  it('follow the event and ref', () => {
    const main = ['main', 'release'];
    expect(classify({ event: 'pull_request', ref: 'refs/pull/7/merge' }, main)).toBe('pull_request');
    expect(classify({ event: 'push', ref: 'refs/heads/main' }, main)).toBe('main');
    expect(classify({ event: 'push', ref: 'refs/heads/release' }, main)).toBe('main');
    expect(classify({ event: 'push', ref: 'refs/heads/feature' }, main)).toBe('pull_request');
    expect(classify({ event: 'push', ref: 'refs/tags/bot/v1.0.0' }, main)).toBe('release_tag');
    expect(classify({ event: 'pull_request', ref: 'refs/heads/main' }, main)).toBe('pull_request');
    expect(classify({ event: null, ref: null }, main)).toBe('pull_request');
  });

  it('windows of days and years, to the second', () => {
    const from = new Date('2024-02-29T10:00:00.400Z');
    expect(retainUntil(from, { days: 30 }).toISOString()).toBe('2024-03-30T10:00:01.000Z');
    expect(retainUntil(from, { years: 7 }).toISOString()).toBe('2031-03-01T10:00:01.000Z');
    expect(daysNeeded(new Date('2024-01-01T00:00:00Z'), new Date('2031-01-01T00:00:00Z'))).toBe(2557);
  });
});

describe('artifact retention (GET /repos/{o}/{r}/actions/permissions/artifact-and-log-retention)', () => {
  const ROUTE = '/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention';
  const PATH = '/repos/acme/bot/actions/permissions/artifact-and-log-retention';
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub(TOKEN).start();
  });
  afterEach(() => gh.stop());
  const client = () => createGitHubClient({ token: TOKEN, apiUrl: gh.url, timeoutMs: 2_000 });
  const env = () => ({ GITHUB_REPOSITORY: 'acme/bot', GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url });

  it('a class the repository can keep gets its days', async () => {
    gh.route('GET', ROUTE, PATH, { status: 200, body: { days: 90, maximum_allowed_days: 400 } });
    const { doc } = await bundle(evidenceRepo(), { env: { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_NAME: 'push' } });
    expect(await planArtifact(doc, env(), false)).toEqual({ retentionDays: 180, short: false });
  });

  it('a class longer than the maximum with no WORM store is refused, telling to configure it (exit 2)', async () => {
    gh.route('GET', ROUTE, PATH, { status: 200, body: { days: 90, maximum_allowed_days: 90 } });
    const { doc } = await bundle(evidenceRepo(), { env: { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_NAME: 'push' } });
    const err = await planArtifact(doc, env(), false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      'retention class main needs 180 days (180 days) but artifacts of acme/bot can be kept at most 90 days; configure the WORM store (policy evidence.store.bucket, upload with --s3) instead of keeping less',
    );
  });

  it('with the WORM store configured the artifact is a shorter convenience copy, said so', () => {
    expect(decideArtifactRetention({ cls: 'release_tag', window: { years: 7 }, days: 2557 }, 90, true, 'acme/bot')).toEqual({ retentionDays: 90, short: true });
  });

  it.each([
    [401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }, /HTTP 401, the token was rejected/],
    [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }, /HTTP 403: Resource not accessible by integration\. the token needs `actions: read`/],
    [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, /HTTP 404, repository acme\/bot does not exist or the token cannot see it/],
    [500, { message: 'Server Error', documentation_url: 'https://docs.github.com/rest' }, /HTTP 500/],
  ])('HTTP %i is a ScanError naming the call', async (status, body, message) => {
    gh.corrupt('GET', ROUTE, PATH, status, 'application/json', JSON.stringify(body));
    const err = await getArtifactRetention(client(), { owner: 'acme', repo: 'bot' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toContain(`GitHub API GET ${PATH} failed`);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('timeout and malformed body', async () => {
    gh.hang('GET', ROUTE, PATH);
    const c = createGitHubClient({ token: TOKEN, apiUrl: gh.url, timeoutMs: 200 });
    await expect(getArtifactRetention(c, { owner: 'acme', repo: 'bot' })).rejects.toThrow(/timed out \(no answer within 200 ms\)/);
    const gh2 = await new FakeGitHub(TOKEN).start();
    gh2.corrupt('GET', ROUTE, PATH, 200, 'application/json', '{"days":"ninety"}');
    await expect(getArtifactRetention(createGitHubClient({ token: TOKEN, apiUrl: gh2.url }), { owner: 'acme', repo: 'bot' })).rejects.toThrow(
      /returned an unexpected body \(no integer days \/ maximum_allowed_days\)/,
    );
    await gh2.stop();
  });
  // The @actions/artifact upload call itself (src/evidence/artifact.ts uploadArtifact) is not exercised:
  // it needs the runner's ACTIONS_RUNTIME_TOKEN and results service, which exist only inside a real job.
});

describe('evidence compare', () => {
  it('shows gate statuses, findings and exceptions added/removed, manifest and repo_state changes (text and JSON)', () => {
    const repo = evidenceRepo();
    const a = path.join(tempDir(), 'a');
    expect(runCli(['evidence', 'collect', repo, '--out', a, '--from', jobDir(repo)]).code).toBe(0);
    // B: a live endpoint in runtime code (a finding and a failing gate), one script reclassified, one added.
    writeFiles(repo, {
      'app/feed.py': 'URL = "https://api.binance.com/api/v3/order"\n',
      'scripts/deploy.sh': '#!/bin/sh\necho deploy\n',
      'scripts/ci/script_risk_policy_manifest.json': `${JSON.stringify({
        version: 1,
        scripts: [
          { path: 'scripts/deploy.sh', category: 'ops', requires_exec_guard: false, owner: '@ops' },
          { path: 'scripts/run.sh', category: 'ops', requires_exec_guard: false, owner: '@ops' },
        ],
      })}\n`,
    });
    commitAll(repo, 'feed');
    const b = path.join(tempDir(), 'b');
    expect(runCli(['evidence', 'collect', repo, '--out', b, '--from', jobDir(repo)]).code).toBe(0);

    const text = runCli(['evidence', 'compare', a, b]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/gate statuses:\n {2}live-endpoints: pass -> fail\nfindings/);
    expect(text.stdout).toMatch(/findings: [1-9]\d* added, 0 removed\n {2}\+ live-endpoints\/\S+ app\/feed\.py:1 \[[0-9a-f]{32}\]/);
    expect(text.stdout).toContain('script-risk manifest: 1 added, 0 removed, 1 changed\n  + scripts/deploy.sh\n  ~ scripts/run.sh: safe, @ops -> ops, @ops');
    expect(text.stdout).toMatch(/repo_state:\n {2}head: "[0-9a-f]{40}" -> "[0-9a-f]{40}"/);

    const json = runCli(['evidence', 'compare', a, b, '--format', 'json']);
    const c = JSON.parse(json.stdout) as Comparison;
    expect(c.gates).toContainEqual({ id: 'live-endpoints', a: 'pass', b: 'fail' });
    expect(c.findings.added.every((f) => f.path === 'app/feed.py')).toBe(true);
    expect(c.findings.removed).toEqual([]);
    expect(c.manifest).toEqual({ added: ['scripts/deploy.sh'], removed: [], changed: [{ path: 'scripts/run.sh', a: 'safe, @ops', b: 'ops, @ops' }] });
  });

  it('refuses to compare a bundle that does not verify (exit 1, naming the problem)', () => {
    const repo = evidenceRepo();
    const a = path.join(tempDir(), 'a');
    expect(runCli(['evidence', 'collect', repo, '--out', a]).code).toBe(0);
    const b = path.join(tempDir(), 'b');
    expect(runCli(['evidence', 'collect', repo, '--out', b]).code).toBe(0);
    const manifest = path.join(b, 'manifest/script_risk_policy_manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('safe', 'ops '));
    const r = runCli(['evidence', 'compare', a, b]);
    expect(r.stdout).toContain('tampered: manifest/script_risk_policy_manifest.json');
    expect(r.code).toBe(1);
  });
});
