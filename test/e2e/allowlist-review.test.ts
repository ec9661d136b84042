/**
 * Allowlist changes since --base need a security review: locally (no PR, so never reviewed) and in
 * the built action against a local GitHub API whose responses are checked against GitHub's OpenAPI.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkJson, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, makeRepo, writeFiles } from '../helpers/repo.js';
import { runPullRequestAction } from '../helpers/action-run.js';
import { FakeGitHub } from '../github/fake-github.js';
import { REVIEWS, review, TOKEN } from '../github/fixtures.js';

afterAll(cleanupTempDirs);

const CODE = { 'src/recon.py': 'FILLS = "https://api.alpaca.markets/v2/account/activities"\n' };
const policy = (entry: string) =>
  `version: 1\nsecurity_reviewers:\n  users: [sec-alice]\nlive-endpoints:\n  allowlist:\n${entry}`;
const ENTRY = '    - host: api.alpaca.markets\n      paths: ["/v2/account/activities"]\n      reason: read-only reconciliation\n      owner: "@risk"\n      expires: 2999-12-31\n';

/** A repository whose base commit has `before` as its policy and whose HEAD has `after`. */
function repoWithChange(before: string | null, after: string): { dir: string; base: string } {
  const dir = makeRepo(before === null ? CODE : { ...CODE, '.github/paperguard.yml': before });
  const base = commitAll(dir, 'base');
  writeFiles(dir, { '.github/paperguard.yml': after });
  commitAll(dir, 'change the allowlist');
  return { dir, base };
}

describe('allowlist changes through the CLI (no pull request context)', () => {
  it('an added entry is a finding at its policy line, and still suppresses the use', () => {
    const { dir, base } = repoWithChange(policy('    []\n').replace('allowlist:\n    []', 'allowlist: []'), policy(ENTRY));
    const { code, report } = checkJson(dir, '--base', base);
    expect(summarize(report)).toEqual(['error allowlist-change-unreviewed .github/paperguard.yml:6:1']);
    const f = report.gates[0]!.findings.find((x) => x.rule === 'allowlist-change-unreviewed')!;
    expect(f.message).toContain('api.alpaca.markets was added since');
    expect(f.message).toContain('no pull request context');
    expect(report.gates[0]!.findings.find((x) => x.path === 'src/recon.py')?.suppressed?.kind).toBe('allowlist');
    expect(report.base).toEqual({ ref: base, commit: base });
    expect(code).toBe(1);
  });

  it('a policy file that did not exist at the base counts as an empty allowlist', () => {
    const { dir, base } = repoWithChange(null, policy(ENTRY));
    expect(summarize(checkJson(dir, '--base', base).report)).toEqual(['error allowlist-change-unreviewed .github/paperguard.yml:6:1']);
  });

  it('a renewal (later expiry) is a change that needs review', () => {
    const { dir, base } = repoWithChange(policy(ENTRY), policy(ENTRY.replace('2999-12-31', '3000-06-30')));
    const { report } = checkJson(dir, '--base', base);
    expect(report.gates[0]!.findings.find((x) => x.rule === 'allowlist-change-unreviewed')?.message).toContain('was changed since');
  });

  it('an unchanged or removed entry needs no review', () => {
    const same = repoWithChange(policy(ENTRY), policy(ENTRY) + '\n');
    const unchanged = checkJson(same.dir, '--base', same.base);
    expect(summarize(unchanged.report)).toEqual([]);
    expect(unchanged.code).toBe(0);
    const removed = repoWithChange(policy(ENTRY), 'version: 1\n');
    expect(summarize(checkJson(removed.dir, '--base', removed.base).report)).toEqual(['error live-trading-endpoint src/recon.py:1:10']);
  });

  it('without --base nothing is compared', () => {
    const { dir } = repoWithChange(null, policy(ENTRY));
    expect(checkJson(dir).code).toBe(0);
  });

  it('an expired entry stops applying and is reported', () => {
    const { dir } = repoWithChange(null, policy(ENTRY.replace('2999-12-31', '2021-01-01')));
    expect(summarize(checkJson(dir).report)).toEqual([
      'error exception-expired .github/paperguard.yml:6:1',
      'error live-trading-endpoint src/recon.py:1:10',
    ]);
  });
});

describe('allowlist changes in the built action, reviews read through the GitHub API', () => {
  const HEAD_SHA = 'c'.repeat(40);
  let api: FakeGitHub | undefined;
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  async function runAction(reviews: ReturnType<typeof review>[] | { status: number }) {
    const server = await new FakeGitHub(TOKEN).start();
    api = server;
    if (Array.isArray(reviews)) server.route('GET', REVIEWS, '/repos/o/r/pulls/7/reviews', { status: 200, body: reviews });
    else server.route('GET', REVIEWS, '/repos/o/r/pulls/7/reviews', { status: reviews.status, body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest' } });
    const { dir, base } = repoWithChange(null, policy(ENTRY));
    const r = await runPullRequestAction({
      workspace: dir,
      apiUrl: server.url,
      prNumber: 7,
      headSha: HEAD_SHA,
      inputs: { 'github-token': TOKEN, base, format: 'github', 'sarif-file': 'paperguard.sarif' },
    });
    const { outputs } = r;
    const report = outputs.report ? JSON.parse(readFileSync(outputs.report, 'utf8')) : null;
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    return { code: r.code, outputs, report, stdout: r.stdout, summary: r.summary };
  }

  it('an approval by a listed security reviewer on the head commit passes', async () => {
    const { code, outputs, report } = await runAction([review('sec-alice', 'APPROVED', HEAD_SHA)]);
    expect(report.gates[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['live-trading-endpoint']);
    expect(report.gates[0].findings[0].suppressed.kind).toBe('allowlist');
    expect(outputs).toMatchObject({ status: 'pass', findings: '0' });
    expect(code).toBe(0);
    expect(api!.seen.map((s) => s.path)).toEqual(['/repos/o/r/pulls/7/reviews']);
  });

  it('an approval by someone else, or on an older commit, does not count', async () => {
    const { code, outputs, stdout } = await runAction([review('bob', 'APPROVED', HEAD_SHA), review('sec-alice', 'APPROVED', 'd'.repeat(40))]);
    expect(outputs.status).toBe('fail');
    expect(stdout).toMatch(/^::error .*file=\.github\/paperguard\.yml,line=6.*::Allowlist entry for api\.alpaca\.markets was added/m);
    expect(code).toBe(1);
  });

  it('an API failure fails closed (exit 3), naming the call', async () => {
    const { code, outputs, report, summary } = await runAction({ status: 500 });
    expect(outputs.status).toBe('error');
    expect(report.gates[0].error).toContain('GET /repos/o/r/pulls/7/reviews failed: HTTP 500');
    expect(summary).toContain('GET /repos/o/r/pulls/7/reviews');
    expect(code).toBe(3);
  });
});
