/** The evidence action: collect this job's bundle and upload it (artifact and/or WORM store). */
import path from 'node:path';
import { ConfigError, UsageError, EXIT, type ExitCode } from '../core/errors.js';
import { appendSummary, getInput, setOutput } from '../core/runner-io.js';
import { collectEvidence } from '../evidence/collect.js';
import { planArtifact, uploadBundle } from '../evidence/upload.js';
import { evidencePolicy, loadFor } from '../commands/evidence.js';
import { actionLogger, insideWorkspace, jobOutputDir, workspaceOf, type Env } from './common.js';
import { existsSync } from 'node:fs';

const UPLOADS = ['none', 'artifact', 's3', 'both'] as const;

export async function evidenceAction(env: Env): Promise<ExitCode> {
  const workspace = workspaceOf(env);
  const policyInput = getInput('policy', env);
  const policyFile = policyInput ? insideWorkspace(workspace, policyInput, 'policy') : undefined;
  const upload = getInput('upload', env) || 'both';
  if (!(UPLOADS as readonly string[]).includes(upload)) throw new UsageError(`input upload: ${upload}: use one of ${UPLOADS.join(', ')}`);
  const includes = getInput('include', env)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((f) => insideWorkspace(workspace, f, 'include'));
  const base = getInput('base', env) || undefined;
  // Outside the job's paperguard directory, which is what gets collected.
  const out = getInput('out', env)
    ? insideWorkspace(workspace, getInput('out', env), 'out')
    : path.join(env.RUNNER_TEMP || workspace, 'paperguard-evidence', `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_JOB ?? 'job'}`);
  const from = jobOutputDir(env);
  const logger = actionLogger();
  const loaded = loadFor(workspace, policyFile, workspace);
  const token = getInput('github-token', env);
  const runEnv = token ? { ...env, GITHUB_TOKEN: token } : env;

  const { dir, doc } = await collectEvidence({ root: workspace, out, from: existsSync(from) ? from : null, includes, ...(base ? { base } : {}), loaded, env: runEnv, logger });
  setOutput('dir', dir, env);
  setOutput('digest', doc.digest, env);
  setOutput('retention-class', doc.retention.class, env);
  setOutput('retain-until', doc.retention.retain_until, env);
  const lines = [`### paperguard evidence`, '', `- bundle: ${doc.files.length} files, digest \`${doc.digest}\``, `- class: ${doc.retention.class}, keep until ${doc.retention.retain_until}`];
  if (upload !== 'none') {
    const policy = evidencePolicy(loaded);
    if (upload === 's3' && !policy.store.bucket) throw new ConfigError('input upload is s3 but the policy sets no evidence.store.bucket');
    const useStore = upload !== 'artifact' && policy.store.bucket !== '';
    if (upload !== 's3') {
      // The artifact itself is uploaded by the composite's next step (actions/upload-artifact): a `run:`
      // step does not get ACTIONS_RUNTIME_TOKEN. Here: the retention decision, refused when too short.
      const plan = await planArtifact(doc, runEnv, useStore);
      setOutput('artifact-name', `paperguard-evidence-${doc.digest.slice(0, 16)}`, env);
      setOutput('artifact-retention-days', String(plan.retentionDays), env);
      lines.push(`- artifact: ${plan.retentionDays} days${plan.short ? ' (shorter than the class; the WORM copy is the evidence)' : ''}`);
    }
    if (useStore) {
      const res = await uploadBundle({ dir, artifact: false, policy, env: runEnv, logger });
      setOutput('store-url', res.worm!.url, env);
      lines.push(`- WORM store: \`${res.worm!.url}\` (${policy.store.mode})`);
    }
  }
  appendSummary(`${lines.join('\n')}\n`, env);
  return EXIT.pass;
}
