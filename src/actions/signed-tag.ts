/**
 * The signed-tag action: re-fetches the tag object (actions/checkout may have made it lightweight),
 * reads the required checks of the source branch (rulesets ∪ classic protection ∪ policy), verifies
 * the tag, and keeps the JSON report in the job's paperguard directory for `evidence collect`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runTagVerify, parseRepo } from '../commands/tag.js';
import { ScanError, UsageError, type ExitCode } from '../core/errors.js';
import { createGitHubClient, DEFAULT_API_URL } from '../core/github.js';
import { getInput, setOutput } from '../core/runner-io.js';
import { renderJson } from '../reporters/json.js';
import { apiChecksSource } from '../signed-tag/api-checks.js';
import { actionLogger, insideWorkspace, jobOutputDir, logFormatInput, showReport, workspaceOf, writeFile, type Env } from './common.js';

const run = promisify(execFile);
const ZERO = /^0+$/;

export async function signedTagAction(env: Env): Promise<ExitCode> {
  const workspace = workspaceOf(env);
  const target = insideWorkspace(workspace, getInput('path', env) || '.', 'path');
  const policyInput = getInput('policy', env);
  const policy = policyInput ? insideWorkspace(workspace, policyInput, 'policy') : undefined;
  const format = logFormatInput(env);
  const classicInput = (getInput('classic-protection', env) || 'true').toLowerCase();
  if (classicInput !== 'true' && classicInput !== 'false') throw new UsageError(`input classic-protection: ${classicInput}: use true or false`);

  let tag = getInput('tag', env);
  if (!tag) {
    const ref = env.GITHUB_REF ?? '';
    if (!ref.startsWith('refs/tags/')) throw new UsageError(`input tag is empty and GITHUB_REF (${JSON.stringify(ref)}) is not a tag ref: give the tag input`);
    tag = ref.slice('refs/tags/'.length);
  }
  if (tag.startsWith('-') || /[\s~^:?*[\\]|\.\.|@\{/.test(tag)) throw new UsageError(`input tag: "${tag}" is not a valid tag name`);
  const token = getInput('github-token', env);
  if (!token) throw new UsageError('input github-token is empty: the required checks are read through the API (checks: read, statuses: read)');
  const repo = parseRepo(env.GITHUB_REPOSITORY ?? '', 'GITHUB_REPOSITORY');

  // The checkout may hold the tag as a lightweight ref to the commit: fetch the tag object itself.
  try {
    await run('git', ['fetch', '--no-tags', '--force', 'origin', `refs/tags/${tag}:refs/tags/${tag}`], { cwd: target });
  } catch (err) {
    throw new ScanError(`git fetch of refs/tags/${tag} from origin failed: ${String((err as { stderr?: string }).stderr ?? err).trim()}`, target);
  }

  const client = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL });
  const { report, exitCode } = await runTagVerify({
    tag,
    path: target,
    cwd: workspace,
    policy,
    remote: 'origin',
    compareRemote: false, // the tag was just fetched from origin
    checks: apiChecksSource(client, repo, { branchRules: true, classic: classicInput === 'true' }),
    movedFrom: movedFrom(env, tag),
    logger: actionLogger(),
  });

  const reportFile = path.join(jobOutputDir(env), 'tag-verify.json');
  writeFile(reportFile, renderJson(report));
  showReport(report, format, env);
  if (report.status === 'error') process.stdout.write(`paperguard: tag ${tag} could not be verified: ${report.gates[0]?.error ?? ''}\n`);
  setOutput('status', report.status, env);
  setOutput('report', reportFile, env);
  return exitCode;
}

/** On a tag push the event's `before` is all zeros for a new tag; anything else means the ref moved. */
function movedFrom(env: Env, tag: string): string | null {
  if (env.GITHUB_EVENT_NAME !== 'push' || env.GITHUB_REF !== `refs/tags/${tag}` || !env.GITHUB_EVENT_PATH) return null;
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch (err) {
    throw new ScanError(`cannot read the workflow event payload: ${(err as Error).message}`, env.GITHUB_EVENT_PATH);
  }
  const before = (event as { before?: unknown }).before;
  return typeof before === 'string' && !ZERO.test(before) ? before : null;
}
