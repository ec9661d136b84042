/**
 * GitHub API calls of the evidence and break-glass capabilities: artifact retention, the pull
 * request, environment approvals, follow-up issues. Same rules as core/github.ts: every answer the
 * API cannot give is a ScanError naming the call and the permission it needs.
 */
import { apiFailure, apiMalformed, hasNextPage, type GitHubClient } from './github.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export const PERMISSION_ACTIONS_READ = 'the token needs `actions: read` on the repository (in a workflow: `permissions: actions: read`)';
export const PERMISSION_PULLS_READ = 'the token needs `pull-requests: read` on the repository';
export const PERMISSION_ISSUES_WRITE = 'the token needs `issues: write` on the repository';
export const PERMISSION_ISSUES_READ = 'the token needs `issues: read` on the repository';
const MAX_PAGES = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The repository's artifact retention setting and the maximum it could be set to. */
export async function getArtifactRetention(client: GitHubClient, r: RepoRef): Promise<{ days: number; maximumAllowedDays: number }> {
  const call = `GET /repos/${r.owner}/${r.repo}/actions/permissions/artifact-and-log-retention`;
  let data: unknown;
  try {
    ({ data } = await client.octokit.request('GET /repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention', { owner: r.owner, repo: r.repo }));
  } catch (err) {
    throw apiFailure(client, call, PERMISSION_ACTIONS_READ, err, `repository ${r.owner}/${r.repo} does not exist or the token cannot see it`);
  }
  if (!isObject(data) || !Number.isInteger(data['days']) || !Number.isInteger(data['maximum_allowed_days'])) {
    throw apiMalformed(client, call, 'no integer days / maximum_allowed_days');
  }
  return { days: data['days'] as number, maximumAllowedDays: data['maximum_allowed_days'] as number };
}

export interface PullRequestInfo {
  number: number;
  state: string;
  merged: boolean;
  headSha: string;
  author: string | null;
}

export async function getPullRequest(client: GitHubClient, r: RepoRef, pull: number): Promise<PullRequestInfo> {
  const call = `GET /repos/${r.owner}/${r.repo}/pulls/${pull}`;
  let data: unknown;
  try {
    ({ data } = await client.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: r.owner, repo: r.repo, pull_number: pull }));
  } catch (err) {
    throw apiFailure(client, call, PERMISSION_PULLS_READ, err, `pull request ${r.owner}/${r.repo}#${pull} does not exist or the token cannot see it`);
  }
  const head = isObject(data) && isObject(data['head']) ? data['head'] : undefined;
  const user = isObject(data) ? data['user'] : undefined;
  if (!isObject(data) || typeof data['state'] !== 'string' || typeof head?.['sha'] !== 'string') throw apiMalformed(client, call, 'no state / head.sha');
  return {
    number: pull,
    state: data['state'],
    merged: data['merged'] === true,
    headSha: head['sha'] as string,
    author: isObject(user) && typeof user['login'] === 'string' ? user['login'] : null,
  };
}

export interface EnvironmentApproval {
  login: string;
  state: string;
  environments: string[];
  comment: string;
}

/** The review log of a run's environment deployments (who approved the `break-glass` environment). */
export async function listRunApprovals(client: GitHubClient, r: RepoRef, runId: number): Promise<EnvironmentApproval[]> {
  const call = `GET /repos/${r.owner}/${r.repo}/actions/runs/${runId}/approvals`;
  let data: unknown;
  try {
    ({ data } = await client.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { owner: r.owner, repo: r.repo, run_id: runId }));
  } catch (err) {
    throw apiFailure(client, call, PERMISSION_ACTIONS_READ, err, `workflow run ${runId} of ${r.owner}/${r.repo} does not exist or the token cannot see it`);
  }
  if (!Array.isArray(data)) throw apiMalformed(client, call, 'not a JSON array');
  return data.map((raw, i) => {
    const user = isObject(raw) ? raw['user'] : undefined;
    const envs = isObject(raw) ? raw['environments'] : undefined;
    if (!isObject(raw) || typeof raw['state'] !== 'string' || !isObject(user) || typeof user['login'] !== 'string' || !Array.isArray(envs)) {
      throw apiMalformed(client, call, `item ${i} lacks state / user.login / environments`);
    }
    return {
      login: user['login'],
      state: raw['state'],
      environments: envs.map((e) => (isObject(e) && typeof e['name'] === 'string' ? e['name'] : '')),
      comment: typeof raw['comment'] === 'string' ? raw['comment'] : '',
    };
  });
}

export interface IssueInfo {
  number: number;
  url: string;
  state: string;
  title: string;
  body: string;
}

function parseIssue(raw: unknown): IssueInfo | null {
  if (!isObject(raw) || !Number.isInteger(raw['number']) || typeof raw['state'] !== 'string' || typeof raw['title'] !== 'string') return null;
  return {
    number: raw['number'] as number,
    url: typeof raw['html_url'] === 'string' ? raw['html_url'] : '',
    state: raw['state'],
    title: raw['title'],
    body: typeof raw['body'] === 'string' ? raw['body'] : '',
  };
}

export async function createIssue(client: GitHubClient, r: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueInfo> {
  const call = `POST /repos/${r.owner}/${r.repo}/issues`;
  let data: unknown;
  try {
    ({ data } = await client.octokit.request('POST /repos/{owner}/{repo}/issues', { owner: r.owner, repo: r.repo, ...issue }));
  } catch (err) {
    throw apiFailure(client, call, PERMISSION_ISSUES_WRITE, err, `repository ${r.owner}/${r.repo} does not exist, has issues disabled, or the token cannot see it`);
  }
  const parsed = parseIssue(data);
  if (!parsed) throw apiMalformed(client, call, 'no number / state / title');
  return parsed;
}

/** Issues (not pull requests) carrying `label`, open or closed as asked. */
export async function listIssuesByLabel(client: GitHubClient, r: RepoRef, label: string, state: 'open' | 'all'): Promise<IssueInfo[]> {
  const call = `GET /repos/${r.owner}/${r.repo}/issues`;
  const out: IssueInfo[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw apiMalformed(client, call, `more than ${MAX_PAGES} pages`);
    let response;
    try {
      response = await client.octokit.request('GET /repos/{owner}/{repo}/issues', { owner: r.owner, repo: r.repo, labels: label, state, per_page: 100, page });
    } catch (err) {
      throw apiFailure(client, call, PERMISSION_ISSUES_READ, err, `repository ${r.owner}/${r.repo} does not exist or the token cannot see it`);
    }
    const data: unknown = response.data;
    if (!Array.isArray(data)) throw apiMalformed(client, call, `page ${page} is not a JSON array`);
    for (const [i, raw] of data.entries()) {
      if (isObject(raw) && raw['pull_request'] !== undefined) continue;
      const issue = parseIssue(raw);
      if (!issue) throw apiMalformed(client, call, `page ${page} item ${i} lacks number / state / title`);
      out.push(issue);
    }
    if (!hasNextPage(response.headers.link)) break;
  }
  return out;
}
