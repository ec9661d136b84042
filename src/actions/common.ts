/** Pieces every action handler shares: workspace-bound paths, file writes, and a logger safe for the runner. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Report } from '../core/report.js';
import { annotation, appendSummary, getInput } from '../core/runner-io.js';
import type { Logger } from '../gates/types.js';
import { renderGithub } from '../reporters/github.js';
import { renderReport } from '../reporters/index.js';

export type Env = Record<string, string | undefined>;

/** Resolves a path given as an input; it must stay inside the workspace. */
export function insideWorkspace(workspace: string, input: string, name: string): string {
  const abs = path.resolve(workspace, input);
  const rel = path.relative(workspace, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UsageError(`input ${name}: ${input} resolves outside the workspace ${workspace}`);
  }
  return abs;
}

export function workspaceOf(env: Env): string {
  return path.resolve(env.GITHUB_WORKSPACE || process.cwd());
}

/**
 * Where this job's paperguard files go (reports, decision logs, tag results) so that a later
 * `evidence collect` in the same job finds them: `$RUNNER_TEMP/paperguard`.
 */
export function jobOutputDir(env: Env): string {
  return path.join(env.RUNNER_TEMP || workspaceOf(env), 'paperguard');
}

export function writeFile(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content.endsWith('\n') ? content : `${content}\n`);
}

/**
 * Log lines are plain text on one line, prefixed, so that no message (a file path can hold a newline
 * and `::`) becomes a workflow command, and warnings do not use up the annotation budget of findings.
 */
export function actionLogger(): Logger {
  const line = (prefix: string, m: string) => process.stdout.write(`${prefix}${m.replace(/\r?\n/g, ' ⏎ ')}\n`);
  return {
    debug: (m) => process.stdout.write(`${annotation('debug', m, {})}\n`),
    info: (m) => line('paperguard: ', m),
    warn: (m) => line('paperguard: warning: ', m),
  };
}

const LOG_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The `format` input: what the step log shows (default: annotations). */
export function logFormatInput(env: Env): LogFormat {
  const format = getInput('format', env) || 'github';
  if (!(LOG_FORMATS as readonly string[]).includes(format)) throw new UsageError(`input format: ${format}: use one of ${LOG_FORMATS.join(', ')}`);
  return format as LogFormat;
}

/** Shows a report in the step log (annotations or a rendered format) and always adds the job summary. */
export function showReport(report: Report, format: LogFormat, env: Env): void {
  const { annotations, summary } = renderGithub(report);
  if (format === 'github') for (const line of annotations) process.stdout.write(`${line}\n`);
  else process.stdout.write(`${renderReport(report, format, { color: false })}\n`);
  appendSummary(summary, env);
}
