/** Every way the API can fail to answer ends in a ScanError that names the call: never a pass, never a quiet "no". */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/core/errors.js';
import { GitHubReviewOracle, createGitHubClient, isTeamMember, type GitHubClient } from '../../src/core/github.js';
import { FakeGitHub } from './fake-github.js';
import { HEAD, MEMBERSHIP, REVIEWS, TEAM, TOKEN, review, team } from './fixtures.js';

const PR = { owner: 'o', repo: 'r', pull: 7 };
const REVIEWS_PATH = '/repos/o/r/pulls/7/reviews';
const REVIEWS_CALL = 'GET /repos/o/r/pulls/7/reviews';
const DOCS = 'https://docs.github.com/rest';

let gh: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
  client = createGitHubClient({ token: TOKEN, apiUrl: gh.url, timeoutMs: 300 });
});
afterEach(() => gh.stop());

function approvedBy(c: GitHubClient = client, teams: string[] = []): Promise<boolean> {
  return new GitHubReviewOracle(c, PR, { users: ['alice'], teams }, HEAD).securityReviewApproved();
}

/** The rejection, checked for the parts every failure message must have and the one it must not. */
async function failureOf(p: Promise<unknown>, call: string): Promise<string> {
  const err = await p.then(
    (v) => new Error(`expected a ScanError, got ${JSON.stringify(v)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScanError);
  const message = (err as ScanError).message;
  expect(message).toContain(call);
  expect(message).not.toContain(TOKEN);
  expect(JSON.stringify(err)).not.toContain(TOKEN);
  return message;
}

describe('reviews endpoint failures', () => {
  it('401: the token was rejected', async () => {
    const bad = createGitHubClient({ token: 'ghs_wrongTokenThatTheServerRejects000', apiUrl: gh.url, timeoutMs: 300 });
    const message = await failureOf(approvedBy(bad), REVIEWS_CALL);
    expect(message).toMatch(/HTTP 401, the token was rejected/);
    expect(message).not.toContain('ghs_wrongTokenThatTheServerRejects000');
  });

  it('403: missing permission names pull-requests: read', async () => {
    gh.route('GET', REVIEWS, REVIEWS_PATH, {
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' },
    });
    const message = await failureOf(approvedBy(), REVIEWS_CALL);
    expect(message).toMatch(/HTTP 403: Resource not accessible by integration/);
    expect(message).toContain('pull-requests: read');
  });

  it('403: rate limit says so and when it resets', async () => {
    gh.route('GET', REVIEWS, REVIEWS_PATH, {
      status: 403,
      body: { message: 'API rate limit exceeded for installation.', documentation_url: DOCS },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' },
    });
    const message = await failureOf(approvedBy(), REVIEWS_CALL);
    expect(message).toMatch(/rate limit exceeded; resets at 2026-01-01T00:00:00.000Z/);
  });

  it('404: the pull request does not exist or cannot be seen', async () => {
    // The fake server answers 404 for any route not registered, as GitHub does for a PR it hides.
    const message = await failureOf(approvedBy(), REVIEWS_CALL);
    expect(message).toMatch(/HTTP 404, pull request o\/r#7 does not exist or the token cannot see it/);
  });

  it('500', async () => {
    gh.route('GET', REVIEWS, REVIEWS_PATH, { status: 500, body: { message: 'Server Error', documentation_url: DOCS } });
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toMatch(/HTTP 500: Server Error/);
  });

  it('a failing second page fails the whole answer', async () => {
    gh.route(
      'GET',
      REVIEWS,
      REVIEWS_PATH,
      { status: 200, body: [review('alice', 'APPROVED')] },
      { status: 502, body: { message: 'Bad Gateway', documentation_url: DOCS } },
    );
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toMatch(/HTTP 502/);
  });

  it('timeout: a server that never answers', async () => {
    gh.hang('GET', REVIEWS, REVIEWS_PATH);
    const started = Date.now();
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toMatch(/timed out \(no answer within 300 ms\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('timeout: headers arrive, the body never finishes', async () => {
    gh.stallBody('GET', REVIEWS, REVIEWS_PATH);
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toMatch(/timed out/);
  });

  it('connection refused', async () => {
    // A port that was just ours and is now closed: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dead = createGitHubClient({ token: TOKEN, apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 2_000 });
    expect(await failureOf(approvedBy(dead), REVIEWS_CALL)).toMatch(/network error: .*ECONNREFUSED/);
  });

  it('a 200 whose body is not JSON', async () => {
    gh.corrupt('GET', REVIEWS, REVIEWS_PATH, 200, 'text/html', '<html>maintenance</html>');
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toMatch(/unexpected body \(page 1 is not a JSON array\)/);
  });

  it('a 200 list whose items are not reviews', async () => {
    gh.corrupt('GET', REVIEWS, REVIEWS_PATH, 200, 'application/json', JSON.stringify([{ id: 1, state: 'APPROVED' }]));
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toMatch(/page 1 item 0 lacks user\/state\/commit_id/);
  });

  it('an error body that echoes the token does not carry it into the message', async () => {
    gh.route('GET', REVIEWS, REVIEWS_PATH, { status: 400, body: { message: `bad token ${TOKEN}`, documentation_url: DOCS } });
    expect(await failureOf(approvedBy(), REVIEWS_CALL)).toContain('bad token ***');
  });
});

describe('team membership failures', () => {
  const MEMBERSHIP_CALL = 'GET /orgs/acme/teams/sec/memberships/bob';
  const q = { org: 'acme', teamSlug: 'sec', username: 'bob' };

  it("403 from the workflow's GITHUB_TOKEN explains that it cannot read teams", async () => {
    gh.route('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob', {
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' },
    });
    const message = await failureOf(isTeamMember(client, q), MEMBERSHIP_CALL);
    expect(message).toContain('members: read');
    expect(message).toContain('GITHUB_TOKEN cannot read team membership');
  });

  it('inside the oracle, a failing membership lookup fails the answer', async () => {
    gh.route('GET', REVIEWS, REVIEWS_PATH, { status: 200, body: [review('bob', 'APPROVED')] });
    gh.route('GET', TEAM, '/orgs/acme/teams/sec', { status: 200, body: team('acme', 'sec') });
    gh.route('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob', { status: 500, body: { message: 'Server Error' } });
    await failureOf(approvedBy(client, ['acme/sec']), MEMBERSHIP_CALL);
  });

  it('timeout', async () => {
    gh.hang('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob');
    expect(await failureOf(isTeamMember(client, q), MEMBERSHIP_CALL)).toMatch(/timed out/);
  });

  it('a membership state GitHub does not document', async () => {
    gh.corrupt('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob', 200, 'application/json', '{"state":"invited"}');
    expect(await failureOf(isTeamMember(client, q), MEMBERSHIP_CALL)).toMatch(/membership state "invited"/);
  });
});
