/**
 * The GitHub Action entry: action inputs → the same check the CLI runs → outputs, job summary,
 * annotations, SARIF and JSON files. The only module that speaks the runner protocol.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from './commands/check.js';
import { describeError, EXIT, exitCodeOf, UsageError, type ExitCode } from './core/errors.js';
import { reviewOracleFromEnvironment } from './core/github.js';
import { allFindings, type Report } from './core/report.js';
import type { Logger } from './gates/types.js';
import { renderGithub } from './reporters/github.js';
import { renderReport } from './reporters/index.js';
import { renderJson } from './reporters/json.js';
import { renderSarif } from './reporters/sarif.js';
import { annotation, appendSummary, getInput, setOutput } from './core/runner-io.js';

type Env = Record<string, string | undefined>;

/** Resolves a path given as an input; it must stay inside the workspace. */
export function insideWorkspace(workspace: string, input: string, name: string): string {
  const abs = path.resolve(workspace, input);
  const rel = path.relative(workspace, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UsageError(`input ${name}: ${input} resolves outside the workspace ${workspace}`);
  }
  return abs;
}

export async function run(env: Env = process.env): Promise<ExitCode> {
  try {
    const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
    const target = insideWorkspace(workspace, getInput('path', env) || '.', 'path');
    const policyInput = getInput('policy', env);
    const policy = policyInput ? insideWorkspace(workspace, policyInput, 'policy') : undefined;
    const gatesInput = getInput('gates', env);
    const gates = gatesInput ? gatesInput.split(',').map((g) => g.trim()).filter(Boolean) : undefined;
    const base = getInput('base', env) || undefined;
    const format = getInput('format', env) || 'github';
    if (!['text', 'json', 'sarif', 'github'].includes(format)) {
      throw new UsageError(`input format: ${format}: use one of text, json, sarif, github`);
    }
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
    writeFile(reportFile, renderJson(report));
    writeFile(sarifFile, renderSarif(report));

    const { annotations, summary } = renderGithub(report);
    if (format === 'github') for (const line of annotations) process.stdout.write(`${line}\n`);
    else process.stdout.write(`${renderReport(report, format as 'text' | 'json' | 'sarif', { color: false })}\n`);
    appendSummary(summary, env);

    setOutput('status', report.status, env);
    setOutput('findings', String(unsuppressed(report)), env);
    setOutput('report', reportFile, env);
    setOutput('sarif', sarifFile, env);
    return exitCode;
  } catch (err) {
    const code = exitCodeOf(err);
    process.stdout.write(`${annotation('error', `paperguard: ${describeError(err)}`, { title: 'paperguard could not run' })}\n`);
    if (env.GITHUB_OUTPUT) setOutput('status', 'error', env);
    return code === EXIT.pass ? EXIT.internal : code;
  }
}

function unsuppressed(report: Report): number {
  return allFindings(report).filter((f) => !f.suppressed).length;
}

function writeFile(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content.endsWith('\n') ? content : `${content}\n`);
}

/**
 * Log lines are plain text on one line, prefixed, so that no message (a file path can hold a newline
 * and `::`) becomes a workflow command, and warnings do not use up the annotation budget of findings.
 */
function actionLogger(): Logger {
  const line = (prefix: string, m: string) => process.stdout.write(`${prefix}${m.replace(/\r?\n/g, ' ⏎ ')}\n`);
  return {
    debug: (m) => process.stdout.write(`${annotation('debug', m, {})}\n`),
    info: (m) => line('paperguard: ', m),
    warn: (m) => line('paperguard: warning: ', m),
  };
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stdout.write(`::error::paperguard internal error\n`);
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
