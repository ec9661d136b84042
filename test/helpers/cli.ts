import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './repo.js';
import type { Report } from '../../src/core/report.js';

export const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process, the way a developer or a workflow does. */
export function runCli(args: string[], opts: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...opts,
  });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function checkJson(dir: string, ...extra: string[]): { code: number | null; report: Report; stderr: string } {
  const r = runCli(['check', dir, '--format', 'json', ...extra]);
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${r.code}): ${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

/** Findings as `rule path:line:col` strings, unsuppressed first-class for assertions. */
export function summarize(report: Report, opts: { suppressed?: boolean } = {}): string[] {
  return report.gates
    .flatMap((g) => g.findings)
    .filter((f) => (opts.suppressed ? true : !f.suppressed))
    .map((f) => `${f.severity} ${f.rule} ${f.path}:${f.line}:${f.column}`);
}
