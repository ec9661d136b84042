/**
 * One break-glass override, end to end: validate the inputs and the PR, verify two approvers, write the
 * override record, collect and upload 7-year evidence to the WORM store, open the follow-up issue, and
 * hand back the commit trailers. The store and the issue come after every check, so a refused
 * override leaves nothing behind.
 */
import { ConfigError, UsageError } from '../core/errors.js';
import type { GitHubClient } from '../core/github.js';
import { createIssue, getPullRequest, listIssuesByLabel, type IssueInfo, type RepoRef } from '../core/github-evidence.js';
import type { LoadedPolicy } from '../core/policy.js';
import { collectEvidence } from '../evidence/collect.js';
import type { EvidencePolicy } from '../evidence/policy.js';
import { isoSeconds } from '../evidence/retention.js';
import { uploadBundle, wormTarget } from '../evidence/upload.js';
import type { Logger } from '../gates/types.js';
import { checkApprovers, type ApproverCheck } from './approvers.js';
import { followUpIssue, readMarker } from './follow-up.js';
import { validateInputs } from './inputs.js';
import type { BreakGlassPolicy } from './policy.js';
import { buildRecord, OVERRIDE_PATH, trailers, type OverrideRecord } from './record.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface BreakGlassRequest {
  raw: { incidentId: string; pr: string; justification: string; checksBypassed: string; rollbackPlan: string };
  repo: RepoRef;
  actor: string;
  runId: number | null;
  root: string;
  out: string;
  from: string | null;
  s3?: string;
  loaded: LoadedPolicy;
  client: GitHubClient;
  env: Env;
  logger: Logger;
  now?: Date;
}

export type BreakGlassOutcome =
  | { approved: false; check: ApproverCheck }
  | { approved: true; record: OverrideRecord; evidenceUrl: string; digest: string; issue: IssueInfo; trailers: string[] };

export async function runBreakGlass(req: BreakGlassRequest): Promise<BreakGlassOutcome> {
  const policy = req.loaded.policy.sections['break-glass'] as BreakGlassPolicy;
  const evidence = req.loaded.policy.sections['evidence'] as EvidencePolicy;
  const inputs = validateInputs(req.raw, policy.incident_pattern);
  if (!wormTarget(req.s3, evidence)) {
    throw new ConfigError('break-glass evidence is kept 7 years, longer than GitHub artifacts can: set evidence.store.bucket in the policy (or the s3 input) to a WORM bucket');
  }
  const pr = await getPullRequest(req.client, req.repo, inputs.pr);
  if (pr.state !== 'open') throw new UsageError(`pull request #${inputs.pr} is ${pr.merged ? 'already merged' : pr.state}; break-glass is for an open pull request`);
  const check = await checkApprovers(req.client, req.repo, { pull: inputs.pr, headSha: pr.headSha, author: pr.author, actor: req.actor, runId: req.runId }, policy);
  if (check.eligible.length < 2) return { approved: false, check };

  const now = req.now ?? new Date();
  const record = buildRecord({
    incident_id: inputs.incidentId,
    repository: `${req.repo.owner}/${req.repo.repo}`,
    pull_request: { number: inputs.pr, head_sha: pr.headSha, author: pr.author },
    approvers: check.eligible,
    checks_bypassed: inputs.checksBypassed,
    justification: inputs.justification,
    rollback_plan: inputs.rollbackPlan,
    actor: req.actor,
    created_at: isoSeconds(now),
    run: { id: req.env['GITHUB_RUN_ID'] ?? null, attempt: req.env['GITHUB_RUN_ATTEMPT'] ?? null, workflow_ref: req.env['GITHUB_WORKFLOW_REF'] ?? null },
    follow_up: { label: policy.follow_up.label, due_at: isoSeconds(new Date(now.getTime() + policy.follow_up.due_hours * 3_600_000)) },
  });
  const { dir } = await collectEvidence({
    root: req.root,
    out: req.out,
    from: req.from,
    includes: [],
    loaded: req.loaded,
    env: req.env,
    retentionClass: 'break_glass',
    extra: [{ path: OVERRIDE_PATH, content: `${JSON.stringify(record, null, 2)}\n`, kind: 'override' }],
    now,
    logger: req.logger,
  });
  const uploaded = await uploadBundle({ dir, artifact: false, ...(req.s3 ? { s3: req.s3 } : {}), policy: evidence, env: req.env, logger: req.logger });
  const evidenceUrl = uploaded.worm!.url;
  // A re-run of the same override (same incident and PR) keeps its one follow-up issue and due time.
  const open = await listIssuesByLabel(req.client, req.repo, policy.follow_up.label, 'open');
  const existing = open.find((i) => {
    const m = readMarker(i.body);
    return m?.incident === record.incident_id && m.pr === record.pull_request.number;
  });
  if (existing) req.logger.info(`break-glass: follow-up #${existing.number} for ${record.incident_id} is already open; not opening another`);
  const issue = existing ?? (await createIssue(req.client, req.repo, followUpIssue(record, evidenceUrl)));
  return { approved: true, record, evidenceUrl, digest: uploaded.digest, issue, trailers: trailers(record) };
}
