/**
 * The built action (dist/action.js) run the way the runner runs a node24 action: INPUT_* variables,
 * env files for outputs and the job summary, workflow commands on stdout.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, commitAll, git, PROJECT_ROOT, tempDir } from '../helpers/repo.js';
import { parseCommandLine, parseEnvFile, stdoutLines } from '../actions/runner-protocol.js';
import { sarifValidator } from '../reporters/validators.js';

afterAll(cleanupTempDirs);

function exampleWorkspace(): string {
  const dir = tempDir();
  cpSync(path.join(PROJECT_ROOT, 'examples', 'trading-bot'), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'example');
  return dir;
}

function runAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const runner = tempDir();
  const files = { output: path.join(runner, 'output'), summary: path.join(runner, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'action.js')], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runner,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...extraEnv,
    },
  });
  return {
    code: r.status,
    stdout: r.stdout,
    outputs: Object.fromEntries(parseEnvFile(readFileSync(files.output, 'utf8'))),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

describe('root action on the example repository', () => {
  const workspace = exampleWorkspace();
  const r = runAction(workspace, { 'sarif-file': 'out/paperguard.sarif', format: 'github' });

  it('fails the step with exit 1 and sets every output', () => {
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('fail');
    expect(r.outputs.findings).toBe('7'); // 4 errors and 3 notes are unsuppressed
    expect(r.outputs.sarif).toBe(path.join(workspace, 'out', 'paperguard.sarif'));
    expect(existsSync(r.outputs.report!)).toBe(true);
  });

  it('keeps a copy of the JSON report, named by its gates, in the job directory evidence collect reads', () => {
    const copy = path.join(path.dirname(r.outputs.report!), 'paperguard', 'report-live-endpoints.json');
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(r.outputs.report!, 'utf8'));
  });

  it('annotates each blocking finding at its file and line, and only with registered commands', () => {
    const commands = stdoutLines(r.stdout).filter((l) => l.startsWith('::')).map((l) => parseCommandLine(l));
    expect(commands.every((c) => c !== null)).toBe(true);
    const errors = commands.filter((c) => c!.command === 'error').map((c) => `${c!.properties.file}:${c!.properties.line}`);
    expect(errors.sort()).toEqual(['bot/broker.py:8', 'bot/ib_hedge.py:8', 'bot/market_data.py:14', 'config/deploy.yaml:4']);
  });

  it('writes a valid SARIF file inside the workspace and a job summary', () => {
    const validate = sarifValidator();
    expect(validate(JSON.parse(readFileSync(r.outputs.sarif!, 'utf8')))).toBe(true);
    expect(r.summary).toContain('live-endpoints');
    expect(r.summary).toContain('bot/broker.py');
  });
});

describe('action inputs that would escape the workspace', () => {
  it.each([
    ['path', '../..'],
    ['sarif-file', '../outside.sarif'],
    ['policy', '/etc/passwd'],
  ])('%s=%s is refused with exit 2', (name, value) => {
    const r = runAction(exampleWorkspace(), { [name]: value });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`^::error title=paperguard could not run::paperguard: input ${name}: .* resolves outside the workspace`, 'm'));
    expect(r.outputs.status).toBe('error');
  });
});

describe('action dispatch', () => {
  it('an unknown PAPERGUARD_ACTION is a usage error naming the known actions, never a silent check', () => {
    const r = runAction(exampleWorkspace(), {}, { PAPERGUARD_ACTION: 'constructor' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error title=paperguard could not run::paperguard: PAPERGUARD_ACTION="constructor" is not an action; known: check/m);
    expect(r.outputs.status).toBe('error');
  });
});
