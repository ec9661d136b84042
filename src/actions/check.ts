/** The check action (root action.yml and the gate composites): inputs → the same check the CLI runs → outputs. */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from '../commands/check.js';
import { DECISION_LOG_NAME, decisionRecords, renderDecisionLog } from '../core/decision-log.js';
import type { ExitCode } from '../core/errors.js';
import { reviewOracleFromEnvironment } from '../core/github.js';
import { allFindings, type Report } from '../core/report.js';
import { getInput, setOutput } from '../core/runner-io.js';
import { renderJson } from '../reporters/json.js';
import { renderSarif } from '../reporters/sarif.js';
import { actionLogger, insideWorkspace, jobOutputDir, logFormatInput, showReport, workspaceOf, writeFile, type Env } from './common.js';

export async function checkAction(env: Env): Promise<ExitCode> {
  const workspace = workspaceOf(env);
  const target = insideWorkspace(workspace, getInput('path', env) || '.', 'path');
  const policyInput = getInput('policy', env);
  const policy = policyInput ? insideWorkspace(workspace, policyInput, 'policy') : undefined;
  const gatesInput = getInput('gates', env);
  const gates = gatesInput ? gatesInput.split(',').map((g) => g.trim()).filter(Boolean) : undefined;
  const base = getInput('base', env) || undefined;
  const format = logFormatInput(env);
  const sarifFile = insideWorkspace(workspace, getInput('sarif-file', env) || 'paperguard.sarif', 'sarif-file');
  const token = getInput('github-token', env) || undefined;

  const { report, exitCode } = await runCheck({
    path: target,
    cwd: workspace,
    policy,
    gates,
    base,
    review: (reviewers) => reviewOracleFromEnvironment(env, reviewers, token),
    logger: actionLogger(),
  });

  const reportFile = path.join(env.RUNNER_TEMP || workspace, 'paperguard-report.json');
  const json = renderJson(report);
  writeFile(reportFile, json);
  // A copy under the job's paperguard directory, named by its gates, for `evidence collect`.
  writeFile(path.join(jobOutputDir(env), `report-${report.gates.map((g) => g.id).join('+') || 'none'}.json`), json);
  writeFile(sarifFile, renderSarif(report));
  // config-bounds decisions, where `evidence collect` picks them up; validated before writing.
  const decisions = decisionRecords(report);
  // Appended: two config-bounds runs in one job keep both logs.
  if (decisions.length) appendFile(path.join(jobOutputDir(env), DECISION_LOG_NAME), renderDecisionLog(decisions));

  showReport(report, format, env);

  setOutput('status', report.status, env);
  setOutput('findings', String(unsuppressed(report)), env);
  setOutput('report', reportFile, env);
  setOutput('sarif', sarifFile, env);
  return exitCode;
}

function unsuppressed(report: Report): number {
  return allFindings(report).filter((f) => !f.suppressed).length;
}

function appendFile(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, content);
}
