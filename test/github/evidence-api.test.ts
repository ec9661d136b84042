/** Every GitHub call of evidence and break-glass, against each failure GitHub can give: named, never a quiet answer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/core/errors.js';
import { createGitHubClient, type GitHubClient } from '../../src/core/github.js';
import { createIssue, getArtifactRetention, getPullRequest, listIssuesByLabel, listRunApprovals } from '../../src/core/github-evidence.js';
import { FakeGitHub } from './fake-github.js';
import { TOKEN } from './fixtures.js';

const R = { owner: 'acme', repo: 'bot' };
const CALLS: [string, string, string, string, (c: GitHubClient) => Promise<unknown>][] = [
  ['artifact retention', 'GET', '/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention', '/repos/acme/bot/actions/permissions/artifact-and-log-retention', (c) => getArtifactRetention(c, R)],
  ['pull request', 'GET', '/repos/{owner}/{repo}/pulls/{pull_number}', '/repos/acme/bot/pulls/7', (c) => getPullRequest(c, R, 7)],
  ['environment approvals', 'GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', '/repos/acme/bot/actions/runs/555/approvals', (c) => listRunApprovals(c, R, 555)],
  ['create issue', 'POST', '/repos/{owner}/{repo}/issues', '/repos/acme/bot/issues', (c) => createIssue(c, R, { title: 't', body: 'b', labels: ['break-glass'] })],
  ['list issues', 'GET', '/repos/{owner}/{repo}/issues', '/repos/acme/bot/issues', (c) => listIssuesByLabel(c, R, 'break-glass', 'open')],
];

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
});
afterEach(() => gh.stop());

describe.each(CALLS)('%s (%s %s)', (_name, method, template, path, call) => {
  const client = (timeoutMs = 5_000) => createGitHubClient({ token: TOKEN, apiUrl: gh.url, timeoutMs });

  it.each([
    [401, /HTTP 401, the token was rejected/],
    [403, /HTTP 403: denied\. the token needs/],
    [404, /HTTP 404, .*(does not exist|cannot see it)/],
    [500, /HTTP 500: boom/],
  ])('HTTP %i: ScanError naming the call and what to do', async (status, message) => {
    gh.corrupt(method, template, path, status, 'application/json', JSON.stringify({ message: status === 500 ? 'boom' : 'denied' }));
    const err = await call(client()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toContain(`GitHub API ${method} ${path} failed`);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('no answer: timeout', async () => {
    gh.hang(method, template, path);
    await expect(call(client(200))).rejects.toThrow(/timed out \(no answer within 200 ms\)/);
  });

  it('a body GitHub would not send: refused, not guessed', async () => {
    gh.corrupt(method, template, path, method === 'POST' ? 201 : 200, 'application/json', '{"unexpected": true}');
    await expect(call(client())).rejects.toThrow(/returned an unexpected body/);
  });
});
