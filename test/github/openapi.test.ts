import { describe, expect, it } from 'vitest';
import { FakeGitHub } from './fake-github.js';
import { MEMBERSHIP, REVIEWS, TEAM, TOKEN, membership, notFound, review, team } from './fixtures.js';
import { assertValidResponse } from './openapi.js';

describe('fixtures are checked against GitHub OpenAPI description', () => {
  it('accepts the fixtures the other tests serve', () => {
    expect(() => assertValidResponse('GET', REVIEWS, 200, [review('alice', 'APPROVED'), review(null, 'PENDING')])).not.toThrow();
    expect(() => assertValidResponse('GET', MEMBERSHIP, 200, membership('pending'))).not.toThrow();
    expect(() => assertValidResponse('GET', TEAM, 200, team('acme', 'sec'))).not.toThrow();
    expect(() => assertValidResponse('GET', TEAM, 404, notFound)).not.toThrow();
  });

  it('rejects a review that lacks commit_id, and a review that is not a list', () => {
    const { commit_id: _dropped, ...withoutCommit } = review('alice', 'APPROVED');
    expect(() => assertValidResponse('GET', REVIEWS, 200, [withoutCommit])).toThrow(/must have required property 'commit_id'/);
    expect(() => assertValidResponse('GET', REVIEWS, 200, review('alice', 'APPROVED'))).toThrow(/must be array/);
  });

  it('rejects a membership state GitHub does not document, and a wrongly typed nullable', () => {
    expect(() => assertValidResponse('GET', MEMBERSHIP, 200, { ...membership('active'), state: 'invited' })).toThrow(
      /\/state must be equal to one of the allowed values/,
    );
    // commit_id is `nullable: true` in the description: null passes, a number does not.
    expect(() => assertValidResponse('GET', REVIEWS, 200, [{ ...review('a', 'APPROVED'), commit_id: null }])).not.toThrow();
    expect(() => assertValidResponse('GET', REVIEWS, 200, [{ ...review('a', 'APPROVED'), commit_id: 42 }])).toThrow(/commit_id must be string/);
  });

  it('checks formats too (date-time)', () => {
    expect(() => assertValidResponse('GET', REVIEWS, 200, [{ ...review('a', 'APPROVED'), submitted_at: 'yesterday' }])).toThrow(
      /submitted_at must match format "date-time"/,
    );
  });

  it('refuses to register a malformed fixture on the test server', () => {
    const gh = new FakeGitHub(TOKEN);
    expect(() => gh.route('GET', MEMBERSHIP, '/orgs/acme/teams/sec/memberships/bob', { status: 200, body: { state: 'active' } })).toThrow(
      /does not match GitHub's OpenAPI description/,
    );
  });

  it('knows nothing of an operation GitHub does not have', () => {
    expect(() => assertValidResponse('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/approvals', 200, [])).toThrow(/no operation/);
  });
});
