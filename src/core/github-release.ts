/**
 * The GitHub API calls of release governance: check runs and statuses on a commit, the rules that apply
 * to a branch, rulesets, and classic branch protection. Every failure is a ScanError naming the call and
 * the permission it needs (fail closed); a body we do not recognise is refused, not guessed at.
 */
import type { CheckRunInfo, StatusInfo } from '../signed-tag/checks.js';
import { apiFailure, apiMalformed, hasNextPage, type GitHubClient } from './github.js';

const MAX_PAGES = 50;
export const PERMISSION_CHECKS = 'the token needs `checks: read` and `statuses: read` (in a workflow: `permissions: checks: read, statuses: read`)';
export const PERMISSION_METADATA = 'the token needs `metadata: read` on the repository (any token that can see it)';
export const PERMISSION_ADMIN =
  'the token needs `administration: read` on the repository (a fine-grained PAT or GitHub App token; the workflow GITHUB_TOKEN cannot have it)';

export interface Repo {
  owner: string;
  repo: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

async function pages(client: GitHubClient, call: string, permission: string, fetchPage: (page: number) => Promise<{ data: unknown; headers: Obj }>, items: (data: unknown, page: number) => unknown[], notFound?: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw apiMalformed(client, call, `more than ${MAX_PAGES} pages`);
    let response;
    try {
      response = await fetchPage(page);
    } catch (err) {
      throw apiFailure(client, call, permission, err, notFound);
    }
    all.push(...items(response.data, page));
    if (!hasNextPage(response.headers['link'])) return all;
  }
}

export async function listCheckRuns(client: GitHubClient, r: Repo, ref: string): Promise<CheckRunInfo[]> {
  const call = `GET /repos/${r.owner}/${r.repo}/commits/${ref}/check-runs`;
  const raw = await pages(
    client,
    call,
    PERMISSION_CHECKS,
    (page) => client.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...r, ref, filter: 'latest', per_page: 100, page }) as never,
    (data, page) => {
      if (!isObj(data) || !Array.isArray(data['check_runs'])) throw apiMalformed(client, call, `page ${page} has no check_runs array`);
      return data['check_runs'];
    },
    `commit ${ref} is not in ${r.owner}/${r.repo} or the token cannot see the repository`,
  );
  return raw.map((c, i) => {
    if (!isObj(c) || typeof c['name'] !== 'string' || typeof c['status'] !== 'string') throw apiMalformed(client, call, `check run ${i} lacks name/status`);
    const app = isObj(c['app']) ? c['app'] : null;
    return {
      name: c['name'],
      status: c['status'],
      conclusion: typeof c['conclusion'] === 'string' ? c['conclusion'] : null,
      appId: app && typeof app['id'] === 'number' ? app['id'] : null,
      url: typeof c['html_url'] === 'string' ? c['html_url'] : null,
      startedAt: typeof c['started_at'] === 'string' ? c['started_at'] : null,
      completedAt: typeof c['completed_at'] === 'string' ? c['completed_at'] : null,
    };
  });
}

/** The latest status per context (the combined status already keeps only the latest). */
export async function listStatuses(client: GitHubClient, r: Repo, ref: string): Promise<StatusInfo[]> {
  const call = `GET /repos/${r.owner}/${r.repo}/commits/${ref}/status`;
  const raw = await pages(
    client,
    call,
    PERMISSION_CHECKS,
    (page) => client.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...r, ref, per_page: 100, page }) as never,
    (data, page) => {
      if (!isObj(data) || !Array.isArray(data['statuses'])) throw apiMalformed(client, call, `page ${page} has no statuses array`);
      return data['statuses'];
    },
    `commit ${ref} is not in ${r.owner}/${r.repo} or the token cannot see the repository`,
  );
  return raw.map((s, i) => {
    if (!isObj(s) || typeof s['context'] !== 'string' || typeof s['state'] !== 'string') throw apiMalformed(client, call, `status ${i} lacks context/state`);
    return {
      context: s['context'],
      state: s['state'],
      url: typeof s['target_url'] === 'string' ? s['target_url'] : null,
      updatedAt: typeof s['updated_at'] === 'string' ? s['updated_at'] : null,
    };
  });
}

/** A rule as rulesets and the branch-rules endpoint give it: `{type, parameters?}`. */
export interface Rule {
  type: string;
  parameters?: Obj;
}

function parseRules(client: GitHubClient, call: string, list: unknown[]): Rule[] {
  return list.map((x, i) => {
    if (!isObj(x) || typeof x['type'] !== 'string') throw apiMalformed(client, call, `rule ${i} has no type`);
    return { type: x['type'], ...(isObj(x['parameters']) ? { parameters: x['parameters'] } : {}) };
  });
}

/** The active rules that apply to a branch (from every ruleset, org-level included). Needs only metadata read. */
export async function branchRules(client: GitHubClient, r: Repo, branch: string): Promise<Rule[]> {
  const call = `GET /repos/${r.owner}/${r.repo}/rules/branches/${branch}`;
  const raw = await pages(
    client,
    call,
    PERMISSION_METADATA,
    (page) => client.octokit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...r, branch, per_page: 100, page }) as never,
    (data, page) => {
      if (!Array.isArray(data)) throw apiMalformed(client, call, `page ${page} is not a JSON array`);
      return data;
    },
    `repository ${r.owner}/${r.repo} does not exist or the token cannot see it`,
  );
  return parseRules(client, call, raw);
}

export interface ClassicProtection {
  checks: { context: string; appId: number | null }[];
  strict: boolean;
  approvals: number;
  codeOwners: boolean;
  dismissStale: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  enforceAdmins: boolean;
}

/** Classic protection of one branch; null when the branch is not protected. */
export async function classicProtection(client: GitHubClient, r: Repo, branch: string): Promise<ClassicProtection | null> {
  const call = `GET /repos/${r.owner}/${r.repo}/branches/${branch}/protection`;
  let data: unknown;
  try {
    data = (await client.octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { ...r, branch })).data;
  } catch (err) {
    const e = err as { status?: unknown; response?: { data?: unknown } };
    const message = isObj(e.response?.data) ? e.response?.data['message'] : undefined;
    // GitHub's 404 for an unprotected branch says so; any other 404 (no access, no branch) is an error.
    if (e.status === 404 && typeof message === 'string' && /not protected/i.test(message)) return null;
    throw apiFailure(client, call, PERMISSION_ADMIN, err, `branch ${branch} of ${r.owner}/${r.repo} does not exist or the token cannot read its protection`);
  }
  if (!isObj(data)) throw apiMalformed(client, call, 'not a JSON object');
  const rsc = isObj(data['required_status_checks']) ? data['required_status_checks'] : null;
  const checks: ClassicProtection['checks'] = [];
  if (rsc) {
    const list = Array.isArray(rsc['checks']) ? rsc['checks'] : [];
    for (const c of list) if (isObj(c) && typeof c['context'] === 'string') checks.push({ context: c['context'], appId: typeof c['app_id'] === 'number' ? c['app_id'] : null });
    for (const c of Array.isArray(rsc['contexts']) ? rsc['contexts'] : []) if (typeof c === 'string' && !checks.some((k) => k.context === c)) checks.push({ context: c, appId: null });
  }
  const reviews = isObj(data['required_pull_request_reviews']) ? data['required_pull_request_reviews'] : null;
  const enabled = (k: string): boolean => isObj(data[k]) && (data[k] as Obj)['enabled'] === true;
  return {
    checks,
    strict: rsc?.['strict'] === true,
    approvals: reviews && typeof reviews['required_approving_review_count'] === 'number' ? reviews['required_approving_review_count'] : 0,
    codeOwners: reviews?.['require_code_owner_reviews'] === true,
    dismissStale: reviews?.['dismiss_stale_reviews'] === true,
    allowForcePushes: enabled('allow_force_pushes'),
    allowDeletions: enabled('allow_deletions'),
    enforceAdmins: enabled('enforce_admins'),
  };
}

export interface Ruleset {
  id: number;
  name: string;
  target: string;
  enforcement: string;
  source: string;
  include: string[];
  exclude: string[];
  bypassActors: Obj[];
  rules: Rule[];
}

/** Every ruleset that applies to the repository (org-level included), each read in full by id. */
export async function listRulesets(client: GitHubClient, r: Repo): Promise<Ruleset[]> {
  const call = `GET /repos/${r.owner}/${r.repo}/rulesets`;
  const summaries = await pages(
    client,
    call,
    PERMISSION_METADATA,
    (page) => client.octokit.request('GET /repos/{owner}/{repo}/rulesets', { ...r, includes_parents: true, per_page: 100, page }) as never,
    (data, page) => {
      if (!Array.isArray(data)) throw apiMalformed(client, call, `page ${page} is not a JSON array`);
      return data;
    },
    `repository ${r.owner}/${r.repo} does not exist or the token cannot see it`,
  );
  const out: Ruleset[] = [];
  for (const [i, s] of summaries.entries()) {
    if (!isObj(s) || typeof s['id'] !== 'number') throw apiMalformed(client, call, `ruleset ${i} has no id`);
    const one = `GET /repos/${r.owner}/${r.repo}/rulesets/${s['id']}`;
    let data: unknown;
    try {
      data = (await client.octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', { ...r, ruleset_id: s['id'], includes_parents: true })).data;
    } catch (err) {
      throw apiFailure(client, one, PERMISSION_METADATA, err, `ruleset ${s['id']} disappeared or the token cannot read it`);
    }
    if (!isObj(data) || typeof data['target'] !== 'string' || typeof data['enforcement'] !== 'string') throw apiMalformed(client, one, 'no target/enforcement');
    const refName = isObj(data['conditions']) && isObj(data['conditions']['ref_name']) ? data['conditions']['ref_name'] : {};
    const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    out.push({
      id: s['id'],
      name: typeof data['name'] === 'string' ? data['name'] : String(s['id']),
      target: data['target'],
      enforcement: data['enforcement'],
      source: typeof data['source'] === 'string' ? data['source'] : `${r.owner}/${r.repo}`,
      include: strs(refName['include']),
      exclude: strs(refName['exclude']),
      bypassActors: Array.isArray(data['bypass_actors']) ? data['bypass_actors'].filter(isObj) : [],
      rules: parseRules(client, one, Array.isArray(data['rules']) ? data['rules'] : []),
    });
  }
  return out;
}

/** The repository's default branch, which rulesets name `~DEFAULT_BRANCH`. */
export async function defaultBranch(client: GitHubClient, r: Repo): Promise<string> {
  const call = `GET /repos/${r.owner}/${r.repo}`;
  let data: unknown;
  try {
    data = (await client.octokit.request('GET /repos/{owner}/{repo}', { ...r })).data;
  } catch (err) {
    throw apiFailure(client, call, PERMISSION_METADATA, err, `repository ${r.owner}/${r.repo} does not exist or the token cannot see it`);
  }
  if (!isObj(data) || typeof data['default_branch'] !== 'string') throw apiMalformed(client, call, 'no default_branch');
  return data['default_branch'];
}
