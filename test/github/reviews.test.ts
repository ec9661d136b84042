import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ScanError } from '../../src/core/errors.js';
import {
  GitHubReviewOracle,
  createGitHubClient,
  isTeamMember,
  listApprovingReviewers,
  type GitHubClient,
} from '../../src/core/github.js';
import { FakeGitHub } from './fake-github.js';
import { HEAD, MEMBERSHIP, OLD, REVIEWS, TEAM, TOKEN, membership, notFound, review, team } from './fixtures.js';

const PR = { owner: 'o', repo: 'r', pull: 7 };
const REVIEWS_PATH = '/repos/o/r/pulls/7/reviews';

let gh: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
  client = createGitHubClient({ token: TOKEN, apiUrl: gh.url, timeoutMs: 5_000 });
});
afterEach(() => gh.stop());

const reviews = (...items: Record<string, unknown>[]) => gh.route('GET', REVIEWS, REVIEWS_PATH, { status: 200, body: items });
/** head null: an oracle that was given no head SHA. */
const oracle = (reviewers: { users?: string[]; teams?: string[] }, head: string | null = HEAD) =>
  new GitHubReviewOracle(client, PR, { users: reviewers.users ?? [], teams: reviewers.teams ?? [] }, head ?? undefined);

describe('listApprovingReviewers', () => {
  it("keeps each reviewer's latest decisive state", async () => {
    reviews(
      review('alice', 'APPROVED', HEAD, 1),
      review('alice', 'COMMENTED', HEAD, 2), // a comment does not take an approval back
      review('bob', 'APPROVED', OLD, 3),
      review('bob', 'CHANGES_REQUESTED', HEAD, 4),
      review('carol', 'CHANGES_REQUESTED', OLD, 5),
      review('carol', 'APPROVED', HEAD, 6),
      review('dave', 'APPROVED', HEAD, 7),
      review('Dave', 'DISMISSED', HEAD, 8), // logins are case-insensitive
      review(null, 'APPROVED', HEAD, 9), // deleted account
      review('erin', 'PENDING', HEAD),
    );
    const approvers = await listApprovingReviewers(client, PR);
    expect(approvers).toEqual([
      { login: 'alice', submittedAt: '2025-03-01T10:01:00Z', commitId: HEAD },
      { login: 'carol', submittedAt: '2025-03-01T10:06:00Z', commitId: HEAD },
    ]);
    expect(gh.seen[0]).toMatchObject({ path: REVIEWS_PATH, authorization: `token ${TOKEN}` });
    expect(gh.seen[0]!.query.get('per_page')).toBe('100');
  });

  it('reads every page the Link header announces', async () => {
    // alice approves on page 1 and requests changes on page 2: missing page 2 would say "approved".
    gh.route(
      'GET',
      REVIEWS,
      REVIEWS_PATH,
      { status: 200, body: [review('alice', 'APPROVED', HEAD, 1), review('bob', 'COMMENTED', HEAD, 2)] },
      { status: 200, body: [review('alice', 'CHANGES_REQUESTED', HEAD, 3), review('bob', 'APPROVED', HEAD, 4)] },
    );
    const approvers = await listApprovingReviewers(client, PR);
    expect(approvers.map((a) => a.login)).toEqual(['bob']);
    expect(gh.seen.map((s) => s.query.get('page'))).toEqual(['1', '2']);
    expect(await oracle({ users: ['alice'] }).securityReviewApproved()).toBe(false);
  });
});

describe('isTeamMember', () => {
  const path = '/orgs/acme/teams/sec/memberships/bob';
  const q = { org: 'acme', teamSlug: 'sec', username: 'bob' };
  it('active is a member', async () => {
    gh.route('GET', MEMBERSHIP, path, { status: 200, body: membership('active') });
    expect(await isTeamMember(client, q)).toBe(true);
  });
  it('pending (invited, not accepted) is not', async () => {
    gh.route('GET', MEMBERSHIP, path, { status: 200, body: membership('pending') });
    expect(await isTeamMember(client, q)).toBe(false);
  });
  it('404 is not', async () => {
    gh.route('GET', MEMBERSHIP, path, { status: 404, body: notFound });
    expect(await isTeamMember(client, q)).toBe(false);
  });
});

describe('GitHubReviewOracle', () => {
  it('approved by a listed user (case-insensitive), without asking about teams', async () => {
    reviews(review('Alice', 'APPROVED'));
    const o = oracle({ users: ['alice'], teams: ['acme/sec'] });
    expect(await o.securityReviewApproved()).toBe(true);
    expect(gh.seen.map((s) => s.path)).toEqual([REVIEWS_PATH]);
    expect(o.source).toContain('o/r#7');
  });

  it('approved by an active member of a listed team', async () => {
    reviews(review('bob', 'APPROVED'));
    gh.route('GET', TEAM, '/orgs/acme/teams/sec', { status: 200, body: team('acme', 'sec') });
    gh.route('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob', { status: 200, body: membership('active') });
    expect(await oracle({ users: ['alice'], teams: ['acme/sec'] }).securityReviewApproved()).toBe(true);
  });

  it('approval followed by changes requested is not approved', async () => {
    reviews(review('alice', 'APPROVED', HEAD, 1), review('alice', 'CHANGES_REQUESTED', HEAD, 2));
    expect(await oracle({ users: ['alice'] }).securityReviewApproved()).toBe(false);
  });

  it('an approval of an older commit does not review the head', async () => {
    reviews(review('alice', 'APPROVED', OLD));
    expect(await oracle({ users: ['alice'] }, HEAD).securityReviewApproved()).toBe(false);
    // Without a head SHA there is nothing to call stale.
    expect(await oracle({ users: ['alice'] }, null).securityReviewApproved()).toBe(true);
  });

  it('an approval by someone who is neither listed nor in a listed team is not a security review', async () => {
    reviews(review('mallory', 'APPROVED'));
    gh.route('GET', TEAM, '/orgs/acme/teams/sec', { status: 200, body: team('acme', 'sec') });
    gh.route('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/mallory', { status: 404, body: notFound });
    expect(await oracle({ users: ['alice'], teams: ['acme/sec'] }).securityReviewApproved()).toBe(false);
    expect(gh.seen.map((s) => s.path)).toContain('/orgs/acme/teams/sec/memberships/mallory');
  });

  it('a pending team membership does not count', async () => {
    reviews(review('bob', 'APPROVED'));
    gh.route('GET', TEAM, '/orgs/acme/teams/sec', { status: 200, body: team('acme', 'sec') });
    gh.route('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob', { status: 200, body: membership('pending') });
    expect(await oracle({ teams: ['acme/sec'] }).securityReviewApproved()).toBe(false);
  });

  it('a team the token cannot see is an error, not a "no"', async () => {
    reviews(review('bob', 'APPROVED'));
    gh.route('GET', TEAM, '/orgs/acme/teams/secc', { status: 404, body: notFound });
    const err = await oracle({ teams: ['acme/secc'] }).securityReviewApproved().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(/GET \/orgs\/acme\/teams\/secc failed: HTTP 404, team acme\/secc does not exist/);
    expect((err as Error).message).toContain('members: read');
  });

  it('asks the API once however often it is asked', async () => {
    reviews(review('alice', 'APPROVED'));
    const o = oracle({ users: ['alice'] });
    await Promise.all([o.securityReviewApproved(), o.securityReviewApproved()]);
    expect(gh.seen).toHaveLength(1);
  });

  it('rejects a team not written org/team-slug at construction', () => {
    expect(() => oracle({ teams: ['sec'] })).toThrow(ConfigError);
  });
});
