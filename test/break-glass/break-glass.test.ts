/**
 * The break-glass action handler end to end: FakeGitHub (responses validated against GitHub's OpenAPI
 * description) for the PR, reviews, environment approvals, team membership and the follow-up issue;
 * moto (real S3 protocol with Object Lock) for the 7-year evidence.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { breakGlassAction } from '../../src/actions/break-glass.js';
import { ConfigError, ScanError, UsageError } from '../../src/core/errors.js';
import { storeSource } from '../../src/evidence/sources.js';
import { S3Store } from '../../src/evidence/store/s3.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { OVERRIDE_SCHEMA } from '../../src/break-glass/record.js';
import { validator } from '../../src/evidence/schemas.js';
import { FakeGitHub } from '../github/fake-github.js';
import { HEAD, MEMBERSHIP, OLD, REVIEWS, TEAM, TOKEN, membership, review, team } from '../github/fixtures.js';
import { parseEnvFile } from '../actions/runner-protocol.js';
import { cleanupTempDirs, tempDir } from '../helpers/repo.js';
import { evidenceRepo } from '../evidence/fixture.js';
import { CREDS, MOTO_AVAILABLE, createBucket, startMoto, warnIfNoMoto, type Moto } from '../evidence/s3-servers.js';
import { APPROVALS, ISSUES, PULL, envApproval, issue, pull } from './fixtures.js';

const TESTS = ['break-glass: two approvers → record, 7-year WORM evidence, follow-up issue, trailers', 'break-glass: refusals and faults after input validation'];
warnIfNoMoto(TESTS);

const PR_PATH = '/repos/acme/bot/pulls/7';
const REVIEWS_PATH = '/repos/acme/bot/pulls/7/reviews';
const APPROVALS_PATH = '/repos/acme/bot/actions/runs/555/approvals';
const ISSUES_PATH = '/repos/acme/bot/issues';
const GOOD = { incident: 'INC-42', pr: '7', justification: 'Exchange outage; hotfix must ship.', checks: 'paperguard / live-endpoints, ci / test', rollback: 'git revert the merge commit' };

let moto: Moto;
let gh: FakeGitHub;
let repo: string;
let temp: string;

beforeAll(async () => {
  if (!MOTO_AVAILABLE) return;
  moto = await startMoto();
  await createBucket(moto.url, 'bg-evidence', true);
});
afterAll(async () => {
  await moto?.stop();
  cleanupTempDirs();
});
beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
});
afterEach(() => gh.stop());

function setup(policyExtra = `  approvers:\n    users: [alice]\n    teams: [acme/oncall]\n`) {
  repo = evidenceRepo(`evidence:\n  store:\n    bucket: bg-evidence\n    endpoint: ${moto?.url ?? 'http://127.0.0.1:9'}\nbreak-glass:\n${policyExtra}`);
  temp = tempDir('runner-temp-');
  writeFileSync(path.join(temp, 'out'), '');
  writeFileSync(path.join(temp, 'summary'), '');
}

function env(inputs: Partial<typeof GOOD> = {}): Record<string, string> {
  const i = { ...GOOD, ...inputs };
  return {
    GITHUB_WORKSPACE: repo,
    RUNNER_TEMP: temp,
    GITHUB_OUTPUT: path.join(temp, 'out'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_REPOSITORY: 'acme/bot',
    GITHUB_ACTOR: 'dave',
    GITHUB_RUN_ID: '555',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_API_URL: gh.url,
    INPUT_GITHUB_TOKEN: TOKEN,
    INPUT_INCIDENT_ID: i.incident,
    INPUT_PR_NUMBER: i.pr,
    INPUT_JUSTIFICATION: i.justification,
    INPUT_CHECKS_BYPASSED: i.checks,
    INPUT_ROLLBACK_PLAN: i.rollback,
    AWS_ACCESS_KEY_ID: CREDS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey,
  };
}

const outputs = () => Object.fromEntries(parseEnvFile(readFileSync(path.join(temp, 'out'), 'utf8')));
const posted = () => gh.seen.filter((s) => s.method === 'POST');

function github(opts: { reviews?: Record<string, unknown>[]; approvals?: Record<string, unknown>[]; members?: string[]; open?: Record<string, unknown>[] } = {}) {
  gh.route('GET', ISSUES, ISSUES_PATH, { status: 200, body: opts.open ?? [] });
  gh.route('GET', PULL, PR_PATH, { status: 200, body: pull(7, { head: HEAD, author: 'carol' }) });
  gh.route('GET', REVIEWS, REVIEWS_PATH, { status: 200, body: opts.reviews ?? [review('alice', 'APPROVED', HEAD, 1)] });
  gh.route('GET', APPROVALS, APPROVALS_PATH, { status: 200, body: opts.approvals ?? [envApproval('bob', 'approved')] });
  gh.route('GET', TEAM, '/orgs/acme/teams/oncall', { status: 200, body: team('acme', 'oncall') });
  for (const login of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
    const member = (opts.members ?? ['bob', 'carol', 'dave']).includes(login);
    if (member) gh.route('GET', MEMBERSHIP, `/orgs/acme/teams/oncall/memberships/${login}`, { status: 200, body: membership('active') });
  }
  gh.route('POST', ISSUES, ISSUES_PATH, { status: 201, body: issue(99, 'Break-glass follow-up: INC-42 (PR #7)', 'body') });
}

describe.skipIf(!MOTO_AVAILABLE)(TESTS[0]!, () => {
  it('approves with a PR review on the head SHA (user list) and an environment approval (team), and seals everything', async () => {
    setup();
    github();
    expect(await breakGlassAction(env())).toBe(0);
    const out = outputs();
    expect(out['status']).toBe('approved');
    expect(out['trailers']).toBe('Break-Glass: INC-42\nApproved-By: alice\nApproved-By: bob');
    expect(out['issue-url']).toBe('https://github.com/acme/bot/issues/99');
    expect(posted().map((s) => s.path)).toEqual([ISSUES_PATH]);
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('Break-Glass: INC-42');

    const url = out['evidence-url']!;
    const key = url.replace('s3://bg-evidence/', '');
    const store = new S3Store({ bucket: 'bg-evidence', region: 'us-east-1', endpoint: moto.url }, CREDS);
    const v = await verifyBundle(storeSource(store, key));
    expect(v.problems).toEqual([]);
    expect(v.doc!.retention).toMatchObject({ class: 'break_glass', window: { years: 7 } });
    const head = await store.head(`${key}/override/override.json`);
    expect(head!.lock.mode).toBe('COMPLIANCE');
    expect(head!.lock.retainUntil!.getUTCFullYear()).toBe(new Date().getUTCFullYear() + 7);
    const record = JSON.parse((await store.get(`${key}/override/override.json`)).toString('utf8')) as Record<string, any>;
    expect(validator(OVERRIDE_SCHEMA)(record)).toBe(true);
    expect(record).toMatchObject({
      incident_id: 'INC-42',
      repository: 'acme/bot',
      pull_request: { number: 7, head_sha: HEAD, author: 'carol' },
      approvers: [
        { login: 'alice', source: 'pull_request_review', approved_at: '2025-03-01T10:01:00Z', commit_id: HEAD },
        { login: 'bob', source: 'environment', approved_at: null, commit_id: null },
      ],
      checks_bypassed: ['paperguard / live-endpoints', 'ci / test'],
      justification: GOOD.justification,
      rollback_plan: GOOD.rollback,
      actor: 'dave',
      run: { id: '555', attempt: '1' },
      follow_up: { label: 'break-glass' },
    });
    expect(Date.parse(record.follow_up.due_at) - Date.parse(record.created_at)).toBe(24 * 3_600_000);
  });
});

describe.skipIf(!MOTO_AVAILABLE)(TESTS[0]!, () => {
  it('a re-run of the same override keeps the one open follow-up issue', async () => {
    setup();
    const body = `<!-- paperguard:break-glass ${JSON.stringify({ incident: 'INC-42', pr: 7, due: '2999-01-01T00:00:00Z' })} -->`;
    github({ open: [issue(98, 'Break-glass follow-up: INC-42 (PR #7)', body)] });
    expect(await breakGlassAction(env())).toBe(0);
    expect(posted()).toEqual([]);
    expect(outputs()['issue-url']).toBe('https://github.com/acme/bot/issues/98');
  });
});

describe.skipIf(!MOTO_AVAILABLE)(TESTS[1]!, () => {
  it('refuses (exit 1, nothing stored, no issue) when the author, the actor, a stale approval and a non-member are all that is left', async () => {
    setup();
    github({
      reviews: [review('carol', 'APPROVED', HEAD, 1), review('erin', 'APPROVED', OLD, 2), review('frank', 'APPROVED', HEAD, 3), review('alice', 'APPROVED', HEAD, 4)],
      approvals: [envApproval('dave', 'approved'), envApproval('bob', 'rejected'), envApproval('carol', 'approved', 'production')],
      members: ['carol', 'dave'],
    });
    expect(await breakGlassAction(env())).toBe(1);
    expect(outputs()['status']).toBe('refused');
    expect(posted()).toEqual([]);
    expect(existsSync(path.join(temp, 'paperguard-evidence'))).toBe(false);
  });

  it('one approver twice (review and environment) counts once', async () => {
    setup();
    github({ reviews: [review('alice', 'APPROVED', HEAD, 1)], approvals: [envApproval('alice', 'approved')] });
    expect(await breakGlassAction(env())).toBe(1);
  });

  it('a closed PR is a usage error (exit 2)', async () => {
    setup();
    gh.route('GET', PULL, PR_PATH, { status: 200, body: pull(7, { head: HEAD, author: 'carol', state: 'closed', merged: true }) });
    await expect(breakGlassAction(env())).rejects.toThrow(new UsageError('pull request #7 is already merged; break-glass is for an open pull request'));
  });

  it('no approvers in the policy, no WORM bucket: configuration errors (exit 2) before any API call', async () => {
    setup('  approvers:\n    users: []\n    teams: []\n');
    github();
    await expect(breakGlassAction(env())).rejects.toThrow(/break-glass.approvers lists no users and no teams/);
    repo = evidenceRepo('break-glass:\n  approvers:\n    users: [alice]\n');
    gh.seen.length = 0;
    const err = await breakGlassAction(env()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('set evidence.store.bucket');
    expect(gh.seen).toEqual([]);
  });

  it.each([
    ['PR', 'GET', PULL, PR_PATH, 404, /GitHub API GET \/repos\/acme\/bot\/pulls\/7 failed: HTTP 404, pull request acme\/bot#7 does not exist/],
    ['PR', 'GET', PULL, PR_PATH, 401, /HTTP 401, the token was rejected/],
    ['reviews', 'GET', REVIEWS, REVIEWS_PATH, 403, /pulls\/7\/reviews failed: HTTP 403.*pull-requests: read/],
    ['approvals', 'GET', APPROVALS, APPROVALS_PATH, 403, /runs\/555\/approvals failed: HTTP 403.*actions: read/],
    ['approvals', 'GET', APPROVALS, APPROVALS_PATH, 502, /runs\/555\/approvals failed: HTTP 502/],
    ['issue', 'POST', ISSUES, ISSUES_PATH, 410, /POST \/repos\/acme\/bot\/issues failed: HTTP 410.*issues: write/],
  ])('%s: %s %s %s answers HTTP %i: ScanError (exit 3) naming the call', async (_what, method, template, p, status, message) => {
    setup();
    gh.corrupt(method as string, template as string, p as string, status as number, 'application/json', JSON.stringify({ message: 'nope', documentation_url: 'https://docs.github.com/rest' }));
    github();
    const err = await breakGlassAction(env()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(message as RegExp);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('a PR call that never answers times out (exit 3)', async () => {
    setup();
    gh.hang('GET', PULL, PR_PATH);
    // The client's timeout is the production default (30 s): shorten it through a hung-then-closed server instead.
    setTimeout(() => void gh.stop(), 300);
    const err = await breakGlassAction(env()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(/GitHub API GET \/repos\/acme\/bot\/pulls\/7 failed: (network error|timed out)/);
  });
});
