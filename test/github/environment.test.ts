import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScanError, UsageError } from '../../src/core/errors.js';
import { GitHubReviewOracle, NO_REVIEW_CONTEXT, NoReviewContextOracle, reviewOracleFromEnvironment } from '../../src/core/github.js';
import { FakeGitHub } from './fake-github.js';
import { HEAD, OLD, REVIEWS, TOKEN, review } from './fixtures.js';

const reviewers = { users: ['alice'], teams: [] };
let dir: string;
let gh: FakeGitHub | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperguard-event-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await gh?.stop();
  gh = undefined;
});

function eventFile(name: string, payload: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return path;
}

const prEvent = (number: number, sha: string) => ({
  action: 'synchronize',
  number,
  pull_request: { number, head: { sha, ref: 'feature' }, base: { sha: OLD, ref: 'main' } },
});

describe('reviewOracleFromEnvironment', () => {
  it('outside Actions: no review context, answers false and says why', async () => {
    const oracle = reviewOracleFromEnvironment({}, reviewers, TOKEN);
    expect(oracle).toBeInstanceOf(NoReviewContextOracle);
    expect(await oracle.securityReviewApproved()).toBe(false);
    expect(oracle.source).toBe(NO_REVIEW_CONTEXT);
  });

  it('a push event has no pull request to have been reviewed', () => {
    const env = { GITHUB_EVENT_PATH: eventFile('push.json', { ref: 'refs/heads/main', after: HEAD }), GITHUB_REPOSITORY: 'o/r' };
    expect(reviewOracleFromEnvironment(env, reviewers, TOKEN)).toBeInstanceOf(NoReviewContextOracle);
  });

  it('a pull request without a token is a usage error naming the github-token input', () => {
    const env = { GITHUB_EVENT_PATH: eventFile('pr.json', prEvent(7, HEAD)), GITHUB_REPOSITORY: 'o/r' };
    expect(() => reviewOracleFromEnvironment(env, reviewers)).toThrow(UsageError);
    expect(() => reviewOracleFromEnvironment(env, reviewers, '')).toThrow(/github-token input/);
  });

  it('an unreadable or malformed event payload is a scan error, not "no PR"', () => {
    expect(() => reviewOracleFromEnvironment({ GITHUB_EVENT_PATH: join(dir, 'missing.json') }, reviewers, TOKEN)).toThrow(ScanError);
    const broken = eventFile('broken.json', '{"pull_request": ');
    expect(() => reviewOracleFromEnvironment({ GITHUB_EVENT_PATH: broken }, reviewers, TOKEN)).toThrow(ScanError);
    const noSha = eventFile('nosha.json', { pull_request: { number: 7, head: {} } });
    expect(() => reviewOracleFromEnvironment({ GITHUB_EVENT_PATH: noSha, GITHUB_REPOSITORY: 'o/r' }, reviewers, TOKEN)).toThrow(
      /without a valid number and head.sha/,
    );
  });

  it('a pull request without GITHUB_REPOSITORY is a usage error', () => {
    const env = { GITHUB_EVENT_PATH: eventFile('pr2.json', prEvent(7, HEAD)) };
    expect(() => reviewOracleFromEnvironment(env, reviewers, TOKEN)).toThrow(/GITHUB_REPOSITORY must be owner\/repo/);
  });

  it('a pull request with a token asks GITHUB_API_URL about that PR at its head', async () => {
    gh = await new FakeGitHub(TOKEN).start();
    gh.route('GET', REVIEWS, '/repos/o/r/pulls/42/reviews', {
      status: 200,
      body: [review('alice', 'APPROVED', OLD, 1), review('Alice', 'APPROVED', HEAD, 2)],
    });
    const env = { GITHUB_EVENT_PATH: eventFile('pr3.json', prEvent(42, HEAD)), GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: gh.url };
    const oracle = reviewOracleFromEnvironment(env, reviewers, TOKEN);
    expect(oracle).toBeInstanceOf(GitHubReviewOracle);
    expect(oracle.source).toContain(`o/r#42 at head ${HEAD.slice(0, 12)}`);
    expect(await oracle.securityReviewApproved()).toBe(true);
    expect(gh.seen.map((s) => s.path)).toEqual(['/repos/o/r/pulls/42/reviews']);
  });

  it('the head SHA comes from the event: an approval of an older head does not count', async () => {
    gh = await new FakeGitHub(TOKEN).start();
    gh.route('GET', REVIEWS, '/repos/o/r/pulls/42/reviews', { status: 200, body: [review('alice', 'APPROVED', OLD)] });
    const env = { GITHUB_EVENT_PATH: eventFile('pr4.json', prEvent(42, HEAD)), GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: gh.url };
    expect(await reviewOracleFromEnvironment(env, reviewers, TOKEN).securityReviewApproved()).toBe(false);
  });
});
