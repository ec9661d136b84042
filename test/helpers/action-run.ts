/**
 * Runs the built action (dist/action.js) the way the runner does, for a pull request event, with
 * a fresh runner temp dir, output and summary files. Asynchronous: a FakeGitHub in this process
 * must keep answering while the action runs.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from '../actions/runner-protocol.js';
import { PROJECT_ROOT, tempDir } from './repo.js';

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** RUNNER_TEMP of the run. */
  runnerTemp: string;
}

export async function runPullRequestAction(opts: { workspace: string; apiUrl: string; prNumber: number; headSha: string; inputs: Record<string, string> }): Promise<ActionRun> {
  const runner = tempDir();
  const event = path.join(runner, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: opts.prNumber, head: { sha: opts.headSha } } }));
  const files = { output: path.join(runner, 'output'), summary: path.join(runner, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: runner,
    // The runner passes inputs as INPUT_<NAME> with hyphens kept.
    ...Object.fromEntries(Object.entries(opts.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'action.js')], { env }, (_err, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
  return {
    ...r,
    outputs: Object.fromEntries(parseEnvFile(readFileSync(files.output, 'utf8'))),
    summary: readFileSync(files.summary, 'utf8'),
    runnerTemp: runner,
  };
}
