/** GitHub bodies for release governance, built from GitHub's own documented examples and validated on serve. */
import { documentedExample } from '../github/openapi.js';

export const CHECK_RUNS = '/repos/{owner}/{repo}/commits/{ref}/check-runs';
export const STATUS = '/repos/{owner}/{repo}/commits/{ref}/status';
export const BRANCH_RULES = '/repos/{owner}/{repo}/rules/branches/{branch}';
export const PROTECTION = '/repos/{owner}/{repo}/branches/{branch}/protection';
export const RULESETS = '/repos/{owner}/{repo}/rulesets';
export const RULESET = '/repos/{owner}/{repo}/rulesets/{ruleset_id}';
export const DOCS = 'https://docs.github.com/rest';

type Dict = Record<string, any>;

export function checkRun(name: string, status: string, conclusion: string | null, appId = 15368): Dict {
  const run = documentedExample('GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}', 200) as Dict;
  return { ...run, name, status, conclusion, app: { ...run.app, id: appId }, completed_at: status === 'completed' ? run.completed_at : null };
}

export function checkRuns(...runs: Dict[]): Dict {
  return { total_count: runs.length, check_runs: runs };
}

export function combinedStatus(...statuses: [string, string][]): Dict {
  const base = documentedExample('GET', STATUS, 200) as Dict;
  const one = base.statuses[0];
  const list = statuses.map(([context, state], i) => ({ ...one, id: i + 1, context, state }));
  const state = list.some((s) => s.state === 'failure' || s.state === 'error') ? 'failure' : list.length === 0 || list.some((s) => s.state === 'pending') ? 'pending' : 'success';
  return { ...base, state, statuses: list, total_count: list.length };
}

export function requiredChecksRule(...contexts: string[]): Dict {
  return {
    type: 'required_status_checks',
    ruleset_source_type: 'Repository',
    ruleset_source: 'o/r',
    ruleset_id: 42,
    parameters: { strict_required_status_checks_policy: true, required_status_checks: contexts.map((context) => ({ context })) },
  };
}

/** Classic protection with the given required checks and settings (the fields GitHub documents as returned). */
export function classic(contexts: string[], over: Dict = {}): Dict {
  const url = 'https://api.github.com/repos/o/r/branches/main/protection';
  return {
    url,
    required_status_checks: { url: `${url}/required_status_checks`, strict: true, contexts, contexts_url: `${url}/required_status_checks/contexts`, checks: contexts.map((context) => ({ context, app_id: null })) },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: true },
    required_pull_request_reviews: { url: `${url}/required_pull_request_reviews`, dismiss_stale_reviews: true, require_code_owner_reviews: true, required_approving_review_count: 2 },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
    ...over,
  };
}

export function rulesetSummary(id: number, name: string): Dict {
  const [first] = documentedExample('GET', RULESETS, 200) as Dict[];
  return { ...first, id, name, enforcement: 'active' };
}

export function ruleset(id: number, body: Dict): Dict {
  const base = documentedExample('GET', RULESET, 200) as Dict;
  return { ...base, id, ...body };
}
