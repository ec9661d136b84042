/** Check results and the required checks of the source branch, read from the GitHub API. */
import { branchRules, classicProtection, listCheckRuns, listStatuses, type Repo } from '../core/github-release.js';
import type { GitHubClient } from '../core/github.js';
import type { RequiredCheck } from './checks.js';
import type { ChecksSource } from './verify.js';

export function apiChecksSource(client: GitHubClient, repo: Repo, opts: { branchRules: boolean; classic: boolean }): ChecksSource {
  const parts = ['check runs and statuses'];
  if (opts.branchRules) parts.push('ruleset checks');
  if (opts.classic) parts.push('classic protection checks');
  return {
    describe: `${repo.owner}/${repo.repo} API: ${parts.join(', ')}`,
    async load(commit, branches) {
      const required: RequiredCheck[] = [];
      for (const branch of branches) {
        if (opts.branchRules) {
          for (const rule of await branchRules(client, repo, branch)) {
            if (rule.type !== 'required_status_checks') continue;
            const list = rule.parameters?.['required_status_checks'];
            for (const c of Array.isArray(list) ? list : []) {
              const ctx = (c as { context?: unknown }).context;
              const app = (c as { integration_id?: unknown }).integration_id;
              if (typeof ctx === 'string') required.push({ context: ctx, appId: typeof app === 'number' ? app : null });
            }
          }
        }
        if (opts.classic) {
          const classic = await classicProtection(client, repo, branch);
          for (const c of classic?.checks ?? []) required.push({ context: c.context, appId: c.appId });
        }
      }
      const [runs, statuses] = [await listCheckRuns(client, repo, commit), await listStatuses(client, repo, commit)];
      return { required, runs, statuses };
    },
  };
}
