/**
 * The GitHub API, as far as paperguard needs it: "did a security reviewer approve
 * this pull request?". Every answer the API cannot give is a ScanError naming the
 * call and the permission it needs, never a quiet yes or no (DESIGN.md, fail closed).
 */
import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import type { ReviewOracle } from '../gates/types.js';
import { ConfigError, ScanError, UsageError } from './errors.js';
import { NoReviewContextOracle } from './review.js';

export const DEFAULT_API_URL = 'https://api.github.com';
/** Long enough for a slow GHES, short enough that a hung API fails the check instead of the job timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** 100 pages of 100 reviews: beyond that the server is looping on us, not describing a real PR. */
const MAX_REVIEW_PAGES = 100;

export const PERMISSION_REVIEWS =
  'the token needs `pull-requests: read` on the repository (in a workflow: `permissions: pull-requests: read`)';
export const PERMISSION_TEAMS =
  'the token needs organization `members: read` (a GitHub App installation token or a PAT with read:org); ' +
  "the workflow's GITHUB_TOKEN cannot read team membership";

type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubClient {
  readonly apiUrl: string;
  readonly timeoutMs: number;
  /** @internal Octokit with the token and the per-request timeout wired in. */
  readonly octokit: Octokit;
  /** @internal Removes the token from any text that might reach a message. */
  readonly redact: (text: string) => string;
}

export interface ApprovingReviewer {
  login: string;
  submittedAt: string | null;
  /** The commit the approval was given on; null when GitHub lost it (force-push + GC). */
  commitId: string | null;
}

export interface SecurityReviewers {
  users: string[];
  /** Written `org/team-slug`. */
  teams: string[];
}

/** Thrown inside the request hook so callers can tell our timeout from any other abort. */
class RequestTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export function createGitHubClient(options: { token: string; apiUrl: string; timeoutMs?: number }): GitHubClient {
  const { token } = options;
  if (!token) throw new UsageError('a GitHub token is required to read pull request reviews');
  const redact = (text: string): string => text.split(token).join('***');
  let base: URL;
  try {
    base = new URL(options.apiUrl);
  } catch {
    throw new UsageError(redact(`GITHUB_API_URL is not a URL: ${JSON.stringify(options.apiUrl)}`));
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new UsageError(redact(`GITHUB_API_URL must be http(s): ${JSON.stringify(options.apiUrl)}`));
  }
  const apiUrl = base.href.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`timeout must be a positive number of ms, got ${timeoutMs}`);

  const octokit = getOctokit(token, {
    baseUrl: apiUrl,
    // Octokit's default logger writes deprecation notices to stderr; core code never prints.
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  // One fresh deadline per HTTP request (not per logical call), so a second page gets its own budget
  // and the signal also covers reading the body, not only the headers.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const signal = AbortSignal.timeout(timeoutMs);
    // Mutated in place, not passed as a new object: before-after-hook binds the original options
    // object into the inner (auth) hook, so a copy handed to `request` would be silently dropped.
    requestOptions.request = { ...requestOptions.request, signal };
    let response;
    try {
      response = await request(requestOptions);
    } catch (err) {
      if (signal.aborted) throw new RequestTimeout(timeoutMs);
      throw err;
    }
    // Octokit swallows a body read that was cut off and hands back "" as data.
    if (signal.aborted) throw new RequestTimeout(timeoutMs);
    return response;
  });

  return { apiUrl, timeoutMs, octokit, redact };
}

interface ErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** Says what failed, where, and what to do, in one line; the token never gets in. */
export function apiFailure(client: GitHubClient, call: string, permission: string, err: unknown, notFound?: string): ScanError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorShape;
  let why: string;
  if (err instanceof RequestTimeout) {
    why = `timed out (${err.message})`;
  } else if (e.response && typeof e.status === 'number') {
    const headers = e.response.headers ?? {};
    const apiMessage = apiErrorMessage(e.response.data);
    const said = apiMessage ? `: ${apiMessage}` : '';
    if ((e.status === 403 || e.status === 429) && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(apiMessage))) {
      const reset = Number(headers['x-ratelimit-reset']);
      const when = Number.isFinite(reset) && reset > 0 ? `; resets at ${new Date(reset * 1000).toISOString()}` : '';
      why = `HTTP ${e.status}, rate limit exceeded${when}${said}`;
    } else if (e.status === 401) {
      why = `HTTP 401, the token was rejected (expired or revoked?)${said}`;
    } else if (e.status === 404 && notFound) {
      why = `HTTP 404, ${notFound}${said}`;
    } else {
      why = `HTTP ${e.status}${said}`;
    }
  } else {
    // No response at all: DNS, refused connection, TLS. Octokit puts the cause's text in message.
    why = `network error: ${typeof e.message === 'string' ? e.message : String(err)}`;
  }
  return new ScanError(client.redact(`GitHub API ${call} failed: ${why}. ${permission}.`));
}

function apiErrorMessage(data: unknown): string {
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message.slice(0, 200);
  }
  return '';
}

export function apiMalformed(client: GitHubClient, call: string, what: string): ScanError {
  return new ScanError(client.redact(`GitHub API ${call} returned an unexpected body (${what}); refusing to guess.`));
}

export function hasNextPage(link: unknown): boolean {
  return typeof link === 'string' && /<[^<>]+>;\s*rel="next"/.test(link);
}

interface Review {
  login: string | null;
  state: string;
  commitId: string | null;
  submittedAt: string | null;
}

function parseReview(raw: unknown): Review | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const user = r['user'];
  if (user !== null && (typeof user !== 'object' || typeof (user as { login?: unknown }).login !== 'string')) return null;
  const state = r['state'];
  const commitId = r['commit_id'];
  const submittedAt = r['submitted_at'];
  if (typeof state !== 'string') return null;
  if (commitId !== null && typeof commitId !== 'string') return null;
  if (submittedAt !== undefined && submittedAt !== null && typeof submittedAt !== 'string') return null;
  return {
    login: user === null ? null : (user as { login: string }).login,
    state,
    commitId,
    submittedAt: typeof submittedAt === 'string' ? submittedAt : null,
  };
}

/**
 * Reviewers whose latest decisive review is an approval. GitHub documents the list as
 * chronological, so list order is the order of events. COMMENTED and PENDING leave a
 * reviewer's decision as it was; APPROVED sets it; CHANGES_REQUESTED, DISMISSED and any
 * state we do not know withdraw it (an unknown state must not keep an approval alive).
 */
export async function listApprovingReviewers(
  client: GitHubClient,
  target: { owner: string; repo: string; pull: number },
): Promise<ApprovingReviewer[]> {
  const { owner, repo, pull } = target;
  const call = `GET /repos/${owner}/${repo}/pulls/${pull}/reviews`;
  const notFound = `pull request ${owner}/${repo}#${pull} does not exist or the token cannot see it`;
  const latest = new Map<string, ApprovingReviewer | null>();

  // Own page loop rather than octokit.paginate: paginate turns a 409 into an empty list and follows
  // the Link URL wherever it points, sending the token along. We only read rel="next" as "there is more".
  for (let page = 1; ; page++) {
    if (page > MAX_REVIEW_PAGES) throw apiMalformed(client, call, `more than ${MAX_REVIEW_PAGES} pages`);
    let response;
    try {
      response = await client.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: pull,
        per_page: 100,
        page,
      });
    } catch (err) {
      throw apiFailure(client, call, PERMISSION_REVIEWS, err, notFound);
    }
    const data: unknown = response.data;
    if (!Array.isArray(data)) throw apiMalformed(client, call, `page ${page} is not a JSON array`);
    for (const [i, raw] of data.entries()) {
      const review = parseReview(raw);
      if (!review) throw apiMalformed(client, call, `page ${page} item ${i} lacks user/state/commit_id`);
      // A deleted account shows as user null; it cannot be on a reviewers list.
      if (review.login === null) continue;
      if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
      latest.set(
        review.login.toLowerCase(),
        review.state === 'APPROVED'
          ? { login: review.login, submittedAt: review.submittedAt, commitId: review.commitId }
          : null,
      );
    }
    if (!hasNextPage(response.headers.link)) break;
  }
  return [...latest.values()].filter((r): r is ApprovingReviewer => r !== null);
}

/**
 * 200 active → member; 200 pending → invited but not yet a member; 404 → not a member
 * (that is how the endpoint says no). Anything else is an unanswered question.
 */
export async function isTeamMember(
  client: GitHubClient,
  q: { org: string; teamSlug: string; username: string },
): Promise<boolean> {
  const call = `GET /orgs/${q.org}/teams/${q.teamSlug}/memberships/${q.username}`;
  let data: unknown;
  try {
    ({ data } = await client.octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
      org: q.org,
      team_slug: q.teamSlug,
      username: q.username,
    }));
  } catch (err) {
    if ((err as ErrorShape | null)?.status === 404 && (err as ErrorShape).response) return false;
    throw apiFailure(client, call, PERMISSION_TEAMS, err);
  }
  const state = typeof data === 'object' && data !== null ? (data as { state?: unknown }).state : undefined;
  if (state === 'active') return true;
  if (state === 'pending') return false;
  throw apiMalformed(client, call, `membership state ${JSON.stringify(state)}`);
}

/**
 * The membership endpoint answers 404 both for "not a member" and for "no such team / cannot
 * see it", so a typo in the policy or a token without org access would read as a quiet "no".
 * Looking the team up first turns those into an error that names the cause.
 */
export async function assertTeamReadable(client: GitHubClient, q: { org: string; teamSlug: string }): Promise<void> {
  const call = `GET /orgs/${q.org}/teams/${q.teamSlug}`;
  let data: unknown;
  try {
    ({ data } = await client.octokit.request('GET /orgs/{org}/teams/{team_slug}', { org: q.org, team_slug: q.teamSlug }));
  } catch (err) {
    const notFound = `team ${q.org}/${q.teamSlug} does not exist or the token cannot see it (check security_reviewers.teams)`;
    throw apiFailure(client, call, PERMISSION_TEAMS, err, notFound);
  }
  if (typeof data !== 'object' || data === null || typeof (data as { slug?: unknown }).slug !== 'string') {
    throw apiMalformed(client, call, 'no team slug');
  }
}

function parseTeam(entry: string): { org: string; teamSlug: string } {
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(entry);
  if (!m || !m[1] || !m[2]) {
    throw new ConfigError(`security_reviewers.teams entry ${JSON.stringify(entry)} must be written org/team-slug`);
  }
  return { org: m[1], teamSlug: m[2] };
}

/**
 * Approvals count only on the head commit when a head SHA is known: an approval of an
 * older commit did not review what the PR now changes (GitHub's "dismiss stale approvals"
 * semantics, enforced here whether or not the repository turned that setting on).
 * Without a head SHA every standing approval counts.
 */
export class GitHubReviewOracle implements ReviewOracle {
  readonly source: string;
  private readonly teams: { org: string; teamSlug: string }[];
  private readonly users: Set<string>;
  private answer: Promise<boolean> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly target: { owner: string; repo: string; pull: number },
    reviewers: SecurityReviewers,
    private readonly headSha?: string,
  ) {
    this.users = new Set(reviewers.users.map((u) => u.toLowerCase()));
    this.teams = reviewers.teams.map(parseTeam);
    const at = headSha ? ` at head ${headSha.slice(0, 12)}` : '';
    const who = [...reviewers.users, ...reviewers.teams.map((t) => `@${t}`)].join(', ') || 'nobody (security_reviewers is empty)';
    this.source = `approving reviews on ${target.owner}/${target.repo}#${target.pull}${at} by ${who}`;
  }

  /** Memoised: a gate may ask once per allowlist change, the API is asked once per run. */
  securityReviewApproved(): Promise<boolean> {
    this.answer ??= this.decide();
    return this.answer;
  }

  private async decide(): Promise<boolean> {
    const approvers = await listApprovingReviewers(this.client, this.target);
    const current = this.headSha ? approvers.filter((a) => a.commitId === this.headSha) : approvers;
    if (current.length === 0) return false;
    if (current.some((a) => this.users.has(a.login.toLowerCase()))) return true;
    for (const team of this.teams) {
      await assertTeamReadable(this.client, team);
      for (const a of current) {
        if (await isTeamMember(this.client, { ...team, username: a.login })) return true;
      }
    }
    return false;
  }
}

export { NO_REVIEW_CONTEXT, NoReviewContextOracle } from './review.js';

/**
 * Picks the oracle from the Actions environment. The event payload is the only place the
 * PR number and head SHA are given (GITHUB_REF/GITHUB_SHA point at the merge commit).
 */
export function reviewOracleFromEnvironment(
  env: Record<string, string | undefined>,
  reviewers: SecurityReviewers,
  token?: string,
): ReviewOracle {
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (!eventPath) return new NoReviewContextOracle();
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (err) {
    // The runner wrote this file; if it is unreadable we cannot know whether this is a PR.
    throw new ScanError(`cannot read the workflow event payload: ${(err as Error).message}`, eventPath);
  }
  const pr = typeof event === 'object' && event !== null ? (event as { pull_request?: unknown }).pull_request : undefined;
  if (pr === undefined || pr === null) return new NoReviewContextOracle();

  const number = (pr as { number?: unknown }).number;
  const headSha = (pr as { head?: { sha?: unknown } }).head?.sha;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0 || typeof headSha !== 'string' || !/^[0-9a-f]{40,64}$/.test(headSha)) {
    throw new ScanError('the workflow event payload has a pull_request without a valid number and head.sha', eventPath);
  }
  if (!token) {
    throw new UsageError(
      `pull request #${number} needs its security review checked: pass the github-token input ` +
        '(a token with pull-requests: read, and organization members: read if security_reviewers lists teams)',
    );
  }
  const [owner, repo, ...rest] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new UsageError(`GITHUB_REPOSITORY must be owner/repo, got ${JSON.stringify(env['GITHUB_REPOSITORY'] ?? '')}`);
  }
  const client = createGitHubClient({ token, apiUrl: env['GITHUB_API_URL'] || DEFAULT_API_URL });
  return new GitHubReviewOracle(client, { owner, repo, pull: number }, reviewers, headSha);
}
