/** The break-glass action: inputs (untrusted form text, via env only) → runBreakGlass → outputs, summary, trailers. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { runBreakGlass } from '../break-glass/run.js';
import { loadFor } from '../commands/evidence.js';
import { EXIT, UsageError, type ExitCode } from '../core/errors.js';
import { createGitHubClient, DEFAULT_API_URL } from '../core/github.js';
import { appendSummary, getInput, setOutput } from '../core/runner-io.js';
import { actionLogger, insideWorkspace, jobOutputDir, workspaceOf, type Env } from './common.js';

/** Raw form values, not trimmed or interpreted here: validation names what is wrong with them. */
const raw = (name: string, env: Env): string => env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '';

export async function breakGlassAction(env: Env): Promise<ExitCode> {
  const workspace = workspaceOf(env);
  const policyInput = getInput('policy', env);
  const policyFile = policyInput ? insideWorkspace(workspace, policyInput, 'policy') : undefined;
  const token = getInput('github-token', env);
  if (!token) throw new UsageError('input github-token is empty: the break-glass action reads the PR, its reviews and approvals, and opens an issue');
  const [owner, repo, ...more] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || more.length) throw new UsageError(`GITHUB_REPOSITORY must be owner/repo, got ${JSON.stringify(env.GITHUB_REPOSITORY ?? '')}`);
  const actor = env.GITHUB_ACTOR;
  if (!actor) throw new UsageError('GITHUB_ACTOR is not set: the dispatching actor must be known (not running in a workflow?)');
  const runId = env.GITHUB_RUN_ID && /^[0-9]+$/.test(env.GITHUB_RUN_ID) ? Number(env.GITHUB_RUN_ID) : null;
  const from = jobOutputDir(env);
  const s3 = getInput('s3', env);
  // The policy's evidence.store wins; these inputs fill in only what it leaves empty (as AWS_* would).
  const storeEnv = {
    ...env,
    ...(getInput('s3-endpoint', env) ? { AWS_ENDPOINT_URL_S3: getInput('s3-endpoint', env) } : {}),
    ...(getInput('s3-region', env) ? { AWS_REGION: getInput('s3-region', env) } : {}),
  };
  const logger = actionLogger();
  const client = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL });

  const outcome = await runBreakGlass({
    raw: {
      incidentId: raw('incident-id', env),
      pr: raw('pr-number', env),
      justification: raw('justification', env),
      checksBypassed: raw('checks-bypassed', env),
      rollbackPlan: raw('rollback-plan', env),
    },
    repo: { owner, repo },
    actor,
    runId,
    root: workspace,
    out: path.join(env.RUNNER_TEMP || workspace, 'paperguard-evidence', `break-glass-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`),
    from: existsSync(from) ? from : null,
    ...(s3 ? { s3 } : {}),
    loaded: loadFor(workspace, policyFile, workspace),
    client,
    env: storeEnv,
    logger,
  });
  if (!outcome.approved) {
    const why = outcome.check.rejected.map((r) => `${r.login} ${r.why}`).join('; ') || 'no approvals found';
    logger.warn(`break-glass refused: ${outcome.check.eligible.length} eligible approver(s) (${outcome.check.eligible.map((a) => a.login).join(', ') || 'none'}), two distinct are needed; ${why}`);
    setOutput('status', 'refused', env);
    return EXIT.violations;
  }
  const { record, trailers } = outcome;
  logger.info(`break-glass ${record.incident_id} recorded; evidence ${outcome.evidenceUrl}; follow-up ${outcome.issue.url || `#${outcome.issue.number}`} due ${record.follow_up.due_at}`);
  // The trailers are built from validated values only (pattern-checked incident, GitHub logins).
  process.stdout.write(`Use these trailers in the merge commit:\n${trailers.join('\n')}\n`);
  setOutput('status', 'approved', env);
  setOutput('trailers', trailers.join('\n'), env);
  setOutput('evidence-url', outcome.evidenceUrl, env);
  setOutput('digest', outcome.digest, env);
  setOutput('issue-url', outcome.issue.url, env);
  appendSummary(
    [
      `### paperguard break-glass ${record.incident_id}`,
      '',
      `- PR #${record.pull_request.number} at \`${record.pull_request.head_sha}\``,
      `- approved by ${record.approvers.map((a) => `${a.login} (${a.source})`).join(', ')}`,
      `- evidence: \`${outcome.evidenceUrl}\` (7 years, WORM)`,
      `- follow-up: ${outcome.issue.url || `#${outcome.issue.number}`}, due ${record.follow_up.due_at}`,
      '',
      'Merge commit trailers:',
      '',
      '```',
      ...trailers,
      '```',
      '',
    ].join('\n'),
    env,
  );
  return EXIT.pass;
}
