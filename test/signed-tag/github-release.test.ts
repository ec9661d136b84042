/** The release-governance API calls in-process: pagination, timeouts, malformed bodies, 404 meanings. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/core/errors.js';
import { createGitHubClient, type GitHubClient } from '../../src/core/github.js';
import { classicProtection, listCheckRuns, listRulesets, listStatuses } from '../../src/core/github-release.js';
import { FakeGitHub } from '../github/fake-github.js';
import { CHECK_RUNS, checkRun, checkRuns, DOCS, PROTECTION, RULESET, RULESETS, ruleset, rulesetSummary, STATUS } from './github-fixtures.js';

const TOKEN = 'ghs_releaseApiTestToken000000000000000';
const R = { owner: 'o', repo: 'r' };
let gh: FakeGitHub;
let client: GitHubClient;
beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
  client = createGitHubClient({ token: TOKEN, apiUrl: gh.url, timeoutMs: 300 });
});
afterEach(() => gh.stop());

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ScanError);
  expect((err as Error).message).not.toContain(TOKEN);
  return (err as Error).message;
}

describe('GitHub release API', () => {
  it('follows check-run pages and asks for the latest runs only', async () => {
    gh.route('GET', CHECK_RUNS, '/repos/o/r/commits/abc/check-runs',
      { status: 200, body: checkRuns(checkRun('a', 'completed', 'success')) },
      { status: 200, body: checkRuns(checkRun('b', 'queued', null)) });
    const runs = await listCheckRuns(client, R, 'abc');
    expect(runs.map((r) => [r.name, r.status, r.conclusion])).toEqual([['a', 'completed', 'success'], ['b', 'queued', null]]);
    expect(gh.seen[0]?.query.get('filter')).toBe('latest');
  });

  it('timeout names the call and the permission', async () => {
    gh.hang('GET', STATUS, '/repos/o/r/commits/abc/status');
    expect(await failure(listStatuses(client, R, 'abc'))).toMatch(/GET \/repos\/o\/r\/commits\/abc\/status failed: timed out .*statuses: read/);
  });

  it('a malformed body is refused, not guessed at', async () => {
    gh.corrupt('GET', CHECK_RUNS, '/repos/o/r/commits/abc/check-runs', 200, 'application/json', '{"total_count": 1}');
    expect(await failure(listCheckRuns(client, R, 'abc'))).toMatch(/unexpected body \(page 1 has no check_runs array\)/);
  });

  it('classic protection: 404 "Branch not protected" is none; any other 404 fails closed', async () => {
    gh.route('GET', PROTECTION, '/repos/o/r/branches/main/protection', { status: 404, body: { message: 'Branch not protected', documentation_url: DOCS } });
    expect(await classicProtection(client, R, 'main')).toBeNull();
    expect(await failure(classicProtection(client, R, 'other'))).toMatch(/HTTP 404, branch other of o\/r does not exist or the token cannot read its protection.*administration: read/);
  });

  it('rulesets are listed with includes_parents and each read in full', async () => {
    gh.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 200, body: [rulesetSummary(7, 'org rules')] });
    gh.route('GET', RULESET, '/repos/o/r/rulesets/7', { status: 200, body: ruleset(7, { name: 'org rules', source_type: 'Organization', source: 'o', rules: [{ type: 'deletion' }] }) });
    const [rs] = await listRulesets(client, R);
    expect(rs).toMatchObject({ id: 7, source: 'o', rules: [{ type: 'deletion' }] });
    expect(gh.seen.every((s) => s.query.get('includes_parents') === 'true')).toBe(true);
  });

  it('403 on the rulesets names the permission', async () => {
    gh.route('GET', RULESETS, '/repos/o/r/rulesets', { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } });
    expect(await failure(listRulesets(client, R))).toMatch(/HTTP 403: Resource not accessible by integration.*metadata: read/);
  });
});
