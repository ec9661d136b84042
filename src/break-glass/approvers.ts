/**
 * Two distinct approvers: from approving reviews on the PR's current head SHA, or from the
 * `break-glass` environment's approval record of this run. Neither may be the PR author or the
 * dispatching actor; each must be on the policy's approver users or in one of its teams.
 */
import { ConfigError } from '../core/errors.js';
import { assertTeamReadable, isTeamMember, listApprovingReviewers, type GitHubClient } from '../core/github.js';
import { listRunApprovals, type RepoRef } from '../core/github-evidence.js';
import type { BreakGlassPolicy } from './policy.js';

export const ENVIRONMENT = 'break-glass';

export interface Approver {
  login: string;
  source: 'pull_request_review' | 'environment';
  /** Review submission time; null for environment approvals (the API gives no time). */
  approved_at: string | null;
  commit_id: string | null;
}

export interface ApproverCheck {
  eligible: Approver[];
  rejected: { login: string; why: string }[];
}

export async function checkApprovers(
  client: GitHubClient,
  repo: RepoRef,
  q: { pull: number; headSha: string; author: string | null; actor: string; runId: number | null },
  policy: BreakGlassPolicy,
): Promise<ApproverCheck> {
  if (policy.approvers.users.length === 0 && policy.approvers.teams.length === 0) {
    throw new ConfigError('break-glass.approvers lists no users and no teams: nobody could approve an override; name the on-call approvers');
  }
  const candidates = new Map<string, Approver>();
  const rejected: ApproverCheck['rejected'] = [];
  for (const r of await listApprovingReviewers(client, { ...repo, pull: q.pull })) {
    if (r.commitId !== q.headSha) {
      rejected.push({ login: r.login, why: `approved ${r.commitId?.slice(0, 12) ?? 'an unknown commit'}, not the head ${q.headSha.slice(0, 12)}` });
      continue;
    }
    candidates.set(r.login.toLowerCase(), { login: r.login, source: 'pull_request_review', approved_at: r.submittedAt, commit_id: r.commitId });
  }
  if (q.runId !== null) {
    for (const a of await listRunApprovals(client, repo, q.runId)) {
      if (a.state !== 'approved' || !a.environments.includes(ENVIRONMENT)) continue;
      if (!candidates.has(a.login.toLowerCase())) candidates.set(a.login.toLowerCase(), { login: a.login, source: 'environment', approved_at: null, commit_id: null });
    }
  }
  const users = new Set(policy.approvers.users.map((u) => u.toLowerCase()));
  const teams = policy.approvers.teams.map((t) => {
    const [org = '', teamSlug = ''] = t.split('/');
    return { org, teamSlug };
  });
  for (const t of teams) await assertTeamReadable(client, t);
  const eligible: Approver[] = [];
  for (const [key, a] of candidates) {
    if (q.author && key === q.author.toLowerCase()) {
      rejected.push({ login: a.login, why: 'is the pull request author' });
      continue;
    }
    if (key === q.actor.toLowerCase()) {
      rejected.push({ login: a.login, why: 'dispatched this break-glass run' });
      continue;
    }
    let member = users.has(key);
    for (const t of teams) if (!member) member = await isTeamMember(client, { ...t, username: a.login });
    if (!member) {
      rejected.push({ login: a.login, why: 'is not in break-glass.approvers (users or teams)' });
      continue;
    }
    eligible.push(a);
  }
  return { eligible, rejected };
}
