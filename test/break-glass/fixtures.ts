/** GitHub fixtures for break-glass, built on GitHub's documented examples and validated when served. */
import { documentedExample } from '../github/openapi.js';

export const PULL = '/repos/{owner}/{repo}/pulls/{pull_number}';
export const APPROVALS = '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals';
export const ISSUES = '/repos/{owner}/{repo}/issues';

export function pull(n: number, opts: { state?: 'open' | 'closed'; head: string; author: string; merged?: boolean }): Record<string, unknown> {
  const base = documentedExample('GET', PULL, 200) as Record<string, unknown>;
  return {
    ...base,
    number: n,
    state: opts.state ?? 'open',
    merged: opts.merged ?? false,
    // GitHub's example predates the required team `type`; no team was asked to review here.
    requested_teams: [],
    user: { ...(base['user'] as object), login: opts.author },
    head: { ...(base['head'] as object), sha: opts.head },
  };
}

export function envApproval(login: string, state: 'approved' | 'rejected', environment = 'break-glass'): Record<string, unknown> {
  const [base] = documentedExample('GET', APPROVALS, 200) as Record<string, unknown>[];
  const envs = base!['environments'] as Record<string, unknown>[];
  return { ...base, state, user: { ...(base!['user'] as object), login }, environments: [{ ...envs[0], name: environment }] };
}

export function issue(n: number, title: string, body: string, state: 'open' | 'closed' = 'open'): Record<string, unknown> {
  const base = documentedExample('POST', ISSUES, 201) as Record<string, unknown>;
  // GitHub's example carries `pull_request`, which marks a pull request in issue lists: a plain issue has none.
  const { pull_request: _pr, ...plain } = base;
  return { ...plain, number: n, title, body, state, html_url: `https://github.com/acme/bot/issues/${n}` };
}
