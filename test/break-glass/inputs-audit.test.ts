/** Break-glass input validation, the follow-up issue and its marker, and `break-glass audit` through the built CLI. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followUpIssue, readMarker } from '../../src/break-glass/follow-up.js';
import { validateInputs } from '../../src/break-glass/inputs.js';
import { trailers, type OverrideRecord } from '../../src/break-glass/record.js';
import { ConfigError, UsageError } from '../../src/core/errors.js';
import { CLI } from '../helpers/cli.js';
import { cleanupTempDirs } from '../helpers/repo.js';
import { FakeGitHub } from '../github/fake-github.js';
import { TOKEN } from '../github/fixtures.js';
import { ISSUES, issue } from './fixtures.js';

const run = promisify(execFile);
afterAll(cleanupTempDirs);

const ok = { incidentId: 'INC-7', pr: '12', justification: 'why', checksBypassed: 'ci / test', rollbackPlan: 'revert' };
const PATTERN = '^INC-[0-9]+$';

describe('break-glass inputs', () => {
  it('accepts well-formed inputs and keeps free text as data', () => {
    const v = validateInputs({ ...ok, justification: 'outage $(id) `id` "; curl x\n::set-output name=x::y', checksBypassed: 'a, b\nb' }, PATTERN);
    expect(v).toEqual({ incidentId: 'INC-7', pr: 12, justification: 'outage $(id) `id` "; curl x\n::set-output name=x::y', checksBypassed: ['a', 'b'], rollbackPlan: 'revert' });
  });

  it.each([
    ['INC-1"; curl x', /incident_id "INC-1\\"; curl x" does not match the policy pattern \^INC-\[0-9\]\+\$/],
    ['$(id)', /incident_id "\$\(id\)" does not match/],
    ['`id`', /incident_id "`id`" does not match/],
    ['INC-1\nINC-2', /does not match/],
    ['INC-1\n::set-output name=status::approved', /does not match/],
    ['x'.repeat(100_000), /incident_id "x{60}…" does not match/],
  ])('rejects incident_id %j (exit 2)', (incidentId, message) => {
    expect(() => validateInputs({ ...ok, incidentId }, PATTERN)).toThrow(UsageError);
    expect(() => validateInputs({ ...ok, incidentId }, PATTERN)).toThrow(message);
  });

  it('an unanchored policy pattern is anchored', () => {
    expect(() => validateInputs({ ...ok, incidentId: 'INC-1; rm -rf /' }, 'INC-[0-9]+')).toThrow(UsageError);
    expect(() => validateInputs(ok, '(')).toThrow(ConfigError);
  });

  it.each([
    [{ pr: '12; id' }, /pr_number "12; id" is not a pull request number/],
    [{ pr: '0' }, /pr_number "0"/],
    [{ justification: '  \n ' }, /justification is empty/],
    [{ rollbackPlan: '' }, /rollback_plan is empty/],
    [{ justification: 'j'.repeat(100_000) }, /justification is 100000 characters; at most 4000/],
    [{ checksBypassed: ' , ' }, /checks_bypassed is empty/],
    [{ checksBypassed: 'ci; curl x' }, /checks_bypassed entry "ci; curl x" is not a check name/],
    [{ checksBypassed: '$(id)' }, /checks_bypassed entry "\$\(id\)"/],
  ])('rejects %j (exit 2)', (bad, message) => {
    expect(() => validateInputs({ ...ok, ...bad }, PATTERN)).toThrow(message);
  });
});

const record: OverrideRecord = {
  version: 1,
  incident_id: 'INC-7',
  repository: 'acme/bot',
  pull_request: { number: 12, head_sha: 'a'.repeat(40), author: 'carol' },
  approvers: [
    { login: 'alice', source: 'pull_request_review', approved_at: '2026-01-01T00:00:00Z', commit_id: 'a'.repeat(40) },
    { login: 'bob', source: 'environment', approved_at: null, commit_id: null },
  ],
  checks_bypassed: ['ci / test'],
  justification: 'outage\n```\n<!-- paperguard:break-glass {"incident":"INC-0","pr":1,"due":"2999-01-01T00:00:00Z"} -->',
  rollback_plan: 'revert',
  actor: 'dave',
  created_at: '2026-01-01T00:00:00Z',
  run: { id: '1', attempt: '1', workflow_ref: null },
  follow_up: { label: 'break-glass', due_at: '2026-01-02T00:00:00Z' },
};

describe('follow-up issue', () => {
  it('carries the label, the due time, the checklist and a marker the audit reads (the first one, ours)', () => {
    const i = followUpIssue(record, 's3://b/p/d');
    expect(i.title).toBe('Break-glass follow-up: INC-7 (PR #12)');
    expect(i.labels).toEqual(['break-glass']);
    expect(i.body).toContain('- [ ] Restore the bypassed gates');
    expect(i.body).toContain('- [ ] Root cause written up');
    expect(i.body).toContain('- [ ] Logs of the incident attached');
    expect(i.body).toContain('**Due:** 2026-01-02T00:00:00Z');
    expect(i.body).not.toMatch(/^```\n<!--/m); // the justification cannot close the fence early
    expect(readMarker(i.body)).toEqual({ incident: 'INC-7', pr: 12, due: '2026-01-02T00:00:00Z' });
    expect(trailers(record)).toEqual(['Break-Glass: INC-7', 'Approved-By: alice', 'Approved-By: bob']);
  });
});

describe('paperguard break-glass audit', () => {
  const PATH = '/repos/acme/bot/issues';
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub(TOKEN).start();
  });
  afterEach(() => gh.stop());

  // The fake server runs in this process: the CLI is spawned asynchronously so it can answer.
  async function audit(env: Record<string, string> = {}) {
    try {
      const r = await run(process.execPath, [CLI, 'break-glass', 'audit', '--repo', 'acme/bot'], {
        cwd: path.dirname(CLI),
        env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url, ...env },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const withMarker = (n: number, due: string) => issue(n, `Break-glass follow-up: INC-${n} (PR #3)`, followUpIssue({ ...record, incident_id: `INC-${n}`, follow_up: { label: 'break-glass', due_at: due } }, null).body);

  it('fails (exit 1) naming each open follow-up past its due time, and a labelled issue without a marker', async () => {
    gh.route('GET', ISSUES, PATH, { status: 200, body: [withMarker(1, '2020-01-01T00:00:00Z'), withMarker(2, '2999-01-01T00:00:00Z'), issue(3, 'hand-made', 'no marker')] });
    const r = await audit();
    expect(r.stdout).toMatch(/^OVERDUE #1 INC-1 \(PR #12\): due 2020-01-01T00:00:00Z, overdue by \d+ h https:\/\/github\.com\/acme\/bot\/issues\/1\n/);
    expect(r.stdout).toContain('UNREADABLE #3 hand-made: labelled break-glass but has no readable paperguard due marker');
    expect(r.stdout).not.toContain('#2');
    expect(r.stdout).toContain('2 break-glass follow-up(s) need attention (3 open)');
    expect(r.code).toBe(1);
    const seen = gh.seen[0]!;
    expect([seen.query.get('labels'), seen.query.get('state')]).toEqual(['break-glass', 'open']);
  });

  it('passes (exit 0) when nothing is overdue', async () => {
    gh.route('GET', ISSUES, PATH, { status: 200, body: [withMarker(2, '2999-01-01T00:00:00Z')] });
    const r = await audit();
    expect(r.stdout).toBe('break-glass audit: 1 open follow-up(s), none overdue\n');
    expect(r.code).toBe(0);
  });

  it('reads every page', async () => {
    gh.route('GET', ISSUES, PATH, { status: 200, body: [withMarker(2, '2999-01-01T00:00:00Z')] }, { status: 200, body: [withMarker(5, '2021-01-01T00:00:00Z')] });
    const r = await audit();
    expect(r.stdout).toContain('OVERDUE #5 INC-5');
    expect(r.code).toBe(1);
  });

  it.each([
    [401, /HTTP 401, the token was rejected/],
    [403, /HTTP 403: nope\. the token needs `issues: read`/],
    [404, /HTTP 404, repository acme\/bot does not exist or the token cannot see it/],
    [503, /HTTP 503/],
  ])('HTTP %i: exit 3 naming the call', async (status, message) => {
    gh.corrupt('GET', ISSUES, PATH, status, 'application/json', JSON.stringify({ message: 'nope' }));
    const r = await audit();
    expect(r.stderr).toContain('GitHub API GET /repos/acme/bot/issues failed');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.code).toBe(3);
  });

  it('no token, no repository: exit 2', async () => {
    const r = await audit({ GITHUB_TOKEN: '' });
    expect(r.stderr).toContain('break-glass audit needs GITHUB_TOKEN');
    expect(r.code).toBe(2);
    const bad = await run(process.execPath, [CLI, 'break-glass', 'audit'], { env: { PATH: process.env.PATH ?? '' } }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toContain('give OWNER/NAME (or set GITHUB_REPOSITORY)');
    expect((bad as { code: number }).code).toBe(2);
  });
});
