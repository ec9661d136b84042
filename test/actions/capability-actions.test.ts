/**
 * The evidence and break-glass composite actions, run the way the runner runs them: `${{ inputs.* }}`
 * evaluated into the step's env, the script executed by `bash --noprofile --norc -eo pipefail`, with
 * the real bundle (dist/action.js, so `npm run build` first). Hostile form values must be rejected
 * (exit 2) or carried as data: never executed, never a workflow command on stdout.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getInput } from '../../src/core/runner-io.js';
import { FakeGitHub } from '../github/fake-github.js';
import { TOKEN } from '../github/fixtures.js';
import { checkActionMetadata, compositeEnvKey } from './action-metadata.js';
import { parseCommandLine, parseEnvFile, stdoutLines } from './runner-protocol.js';
import { cleanupTempDirs, makeRepo, PROJECT_ROOT, tempDir } from '../helpers/repo.js';

const run = promisify(execFile);
type Dict = Record<string, any>;
const load = (id: string) => parse(readFileSync(path.join(PROJECT_ROOT, 'actions', id, 'action.yml'), 'utf8')) as Dict;

afterAll(cleanupTempDirs);

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await new FakeGitHub(TOKEN).start();
});
afterEach(() => gh.stop());

async function runStep(id: string, given: Dict, extraEnv: Record<string, string> = {}) {
  const action = load(id);
  const step = action.runs.steps[0] as Dict;
  const dir = tempDir('pg-step-');
  const workspace = makeRepo({ 'README.md': 'x\n' });
  mkdirSync(path.join(dir, 'bin'));
  symlinkSync(process.execPath, path.join(dir, 'bin/node'));
  const inputs: Dict = {};
  for (const [name, spec] of Object.entries(action.inputs as Dict)) {
    inputs[name] = given[name] ?? (String(spec.default ?? '').includes('${{') ? TOKEN : (spec.default ?? ''));
  }
  const env: Record<string, string> = {
    PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin`,
    GITHUB_ACTION_PATH: path.join(PROJECT_ROOT, 'actions', id),
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: path.join(dir, 'runner-temp'),
    GITHUB_REPOSITORY: 'acme/bot',
    GITHUB_ACTOR: 'dave',
    GITHUB_RUN_ID: '555',
    GITHUB_API_URL: gh.url,
    ...extraEnv,
  };
  for (const [key, value] of Object.entries(step.env as Dict)) {
    const m = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(String(value));
    env[key] = m ? String(inputs[m[1]!] ?? '') : String(value);
  }
  writeFileSync(env.GITHUB_OUTPUT!, '');
  const script = path.join(dir, 'step.sh');
  writeFileSync(script, step.run as string);
  let code = 0;
  let stdout = '';
  try {
    ({ stdout } = await run('/bin/bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env, cwd: workspace, maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = err as { code: number; stdout: string };
    code = e.code;
    stdout = e.stdout;
  }
  const commands = stdoutLines(stdout).map(parseCommandLine).filter((c) => c !== null);
  const outputs = Object.fromEntries(parseEnvFile(readFileSync(env.GITHUB_OUTPUT!, 'utf8')));
  return { code, stdout, commands, outputs, workspace, dir };
}

describe.each(['evidence', 'break-glass'])('actions/%s metadata', (id) => {
  it('is well formed and passes every input under a name getInput reads', () => {
    const action = load(id);
    expect(checkActionMetadata(readFileSync(path.join(PROJECT_ROOT, 'actions', id, 'action.yml'), 'utf8'))).toEqual([]);
    expect(action.runs.steps[0].env.PAPERGUARD_ACTION).toBe(id);
    for (const name of Object.keys(action.inputs)) expect(getInput(name, { [compositeEnvKey(name)]: ' v ' })).toBe('v');
  });
});

describe('actions/evidence, executed', () => {
  it('collects and seals a bundle and maps its outputs (upload none)', async () => {
    const r = await runStep('evidence', { upload: 'none' });
    expect(r.code).toBe(0);
    expect(r.outputs['digest']).toMatch(/^[0-9a-f]{64}$/);
    expect(r.outputs['retention-class']).toBe('pull_request');
    expect(existsSync(path.join(r.outputs['dir']!, 'evidence.json'))).toBe(true);
    expect(r.commands).toEqual([]);
  });

  const RETENTION = '/repos/{owner}/{repo}/actions/permissions/artifact-and-log-retention';
  const RETENTION_PATH = '/repos/acme/bot/actions/permissions/artifact-and-log-retention';

  it('upload artifact: decides the retention days from the class and the repository maximum, for the upload-artifact step', async () => {
    gh.route('GET', RETENTION, RETENTION_PATH, { status: 200, body: { days: 90, maximum_allowed_days: 90 } });
    const r = await runStep('evidence', { upload: 'artifact' });
    expect(r.code).toBe(0);
    expect(r.outputs['artifact-name']).toMatch(/^paperguard-evidence-[0-9a-f]{16}$/);
    expect(r.outputs['artifact-retention-days']).toBe('30');
    const upload = load('evidence').runs.steps[1] as Dict;
    expect(upload.uses).toMatch(/^actions\/upload-artifact@[0-9a-f]{40}$/);
    expect(upload.if).toBe("steps.run.outputs.artifact-name != ''");
    expect(upload.with).toMatchObject({ path: '${{ steps.run.outputs.dir }}', 'retention-days': '${{ steps.run.outputs.artifact-retention-days }}' });
  });

  it('upload artifact for a class longer than the repository allows, with no WORM store: exit 2, no artifact', async () => {
    gh.route('GET', RETENTION, RETENTION_PATH, { status: 200, body: { days: 90, maximum_allowed_days: 90 } });
    const r = await runStep('evidence', { upload: 'both' }, { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_NAME: 'push' });
    expect(r.code).toBe(2);
    expect(r.commands[0]!.data).toContain('retention class main needs 180 days (180 days) but artifacts of acme/bot can be kept at most 90 days; configure the WORM store');
    expect(r.outputs['artifact-name']).toBeUndefined();
  });

  it('a hostile include is a path that does not exist (exit 2), not a command', async () => {
    const r = await runStep('evidence', { upload: 'none', include: '$(touch pwned)\n`touch pwned2`' });
    expect(r.code).toBe(2);
    expect(existsSync(path.join(r.workspace, 'pwned'))).toBe(false);
    expect(existsSync(path.join(r.workspace, 'pwned2'))).toBe(false);
    expect(r.commands.map((c) => c.command)).toEqual(['error']);
    expect(r.commands[0]!.data).toContain('no such file');
  });
});

describe('actions/break-glass, executed with hostile form values', () => {
  const good = { 'incident-id': 'INC-1', 'pr-number': '7', justification: 'outage', 'checks-bypassed': 'ci / test', 'rollback-plan': 'revert' };

  it.each([
    ['incident-id', 'quote and curl', 'INC-1"; curl x'],
    ['incident-id', '$(…)', '$(touch pwned)'],
    ['incident-id', 'backticks', '`touch pwned`'],
    ['incident-id', 'newlines and ::set-output / ::add-mask', 'INC-1\n::set-output name=status::approved\n::add-mask::x'],
    ['incident-id', '100 kB', `INC-${'9'.repeat(100_000)}x`],
    ['pr-number', 'a command after the number', '7; touch pwned'],
    ['checks-bypassed', '$(…)', 'ci $(touch pwned)'],
    ['justification', 'blank', '   '],
    ['justification', '100 kB', `$(touch pwned)${'j'.repeat(100_000)}`],
  ])('%s with %s is rejected with exit 2, never executed, never a workflow command', async (input, _label, value) => {
    const r = await runStep('break-glass', { ...good, [input]: value });
    expect(r.code).toBe(2);
    expect(existsSync(path.join(r.workspace, 'pwned'))).toBe(false);
    expect(r.commands.map((c) => `${c.command} ${c.properties.title ?? ''}`)).toEqual(['error paperguard could not run']);
    expect(r.outputs).toEqual({ status: 'error' });
    expect(gh.seen).toEqual([]); // rejected before any API call
  });

  it('hostile free text (100 kB would be refused; 4 kB of $(…), backticks, ::commands) is carried as data', async () => {
    const text = `$(touch pwned) \`touch pwned\` "; curl x\n::set-output name=status::approved\n${'x'.repeat(3_900)}`;
    const r = await runStep('break-glass', { ...good, justification: text, 'rollback-plan': text, s3: 's3://evidence-bucket/bg' });
    // Valid inputs go on to the GitHub API: the fake knows no PR 7, so the run ends at that call (exit 3).
    expect(r.code).toBe(3);
    expect(gh.seen.map((s) => s.path)).toEqual(['/repos/acme/bot/pulls/7']);
    expect(existsSync(path.join(r.workspace, 'pwned'))).toBe(false);
    expect(r.commands.map((c) => c.command)).toEqual(['error']);
    expect(r.commands[0]!.data).toContain('GitHub API GET /repos/acme/bot/pulls/7 failed: HTTP 404');
    expect(r.outputs).toEqual({ status: 'error' });
  });
});

describe('workflow templates', () => {
  const wf = (name: string) => parse(readFileSync(path.join(PROJECT_ROOT, '.github/workflows', name), 'utf8')) as Dict;

  it('break-glass.yml: dispatch inputs, the break-glass environment, minimal permissions, inputs only as action inputs', () => {
    const w = wf('break-glass.yml');
    expect(Object.keys(w.on.workflow_dispatch.inputs)).toEqual(['incident_id', 'pr_number', 'justification', 'checks_bypassed', 'rollback_plan']);
    expect(w.permissions).toEqual({});
    const job = w.jobs.override as Dict;
    expect(job.environment).toBe('break-glass');
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'read', actions: 'read', issues: 'write' });
    const steps = job.steps as Dict[];
    expect(steps.every((s) => s.run === undefined)).toBe(true);
    const bg = steps.find((s) => s.uses === './actions/break-glass')!;
    expect(bg.with).toMatchObject({ 'incident-id': '${{ inputs.incident_id }}', 'pr-number': '${{ inputs.pr_number }}' });
  });

  it('break-glass-audit.yml: scheduled, issues: read, runs the audit', () => {
    const w = wf('break-glass-audit.yml');
    expect(w.on.schedule).toEqual([{ cron: expect.any(String) }]);
    expect(w.permissions).toEqual({});
    expect(w.jobs.audit.permissions).toEqual({ contents: 'read', issues: 'read' });
    expect((w.jobs.audit.steps as Dict[]).map((s) => s.run).filter(Boolean)).toEqual(['node dist/cli.js break-glass audit']);
  });
});
