/**
 * actions/signed-tag/action.yml: its one composite step run the way the runner runs it (`${{ inputs.* }}`
 * evaluated into env, bash -eo pipefail), with a stand-in bundle that records what it was given.
 * And release.yml: the release job waits for the tag check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { getInput } from '../../src/core/runner-io.js';
import { parseEnvFile } from '../actions/runner-protocol.js';
import { cleanupTempDirs, PROJECT_ROOT, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
type Dict = Record<string, any>;
const action = parse(readFileSync(path.join(PROJECT_ROOT, 'actions/signed-tag/action.yml'), 'utf8')) as Dict;
const step = action.runs.steps[0] as Dict;

describe('actions/signed-tag', () => {
  it('passes every input through env under a name getInput reads, and selects the signed-tag handler', () => {
    expect(step.env.PAPERGUARD_ACTION).toBe('signed-tag');
    for (const name of Object.keys(action.inputs)) {
      const key = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      expect(step.env[key]).toBe(`\${{ inputs.${name} }}`);
      expect(getInput(name, { [key]: ' v ' })).toBe('v');
    }
    expect(Object.keys(action.outputs)).toEqual(['status', 'report']);
  });

  it('runs the bundle with a hostile tag input as data and maps its outputs', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'repo/actions/signed-tag'), { recursive: true });
    mkdirSync(path.join(dir, 'repo/dist'));
    writeFileSync(path.join(dir, 'repo/package.json'), '{"type":"commonjs"}');
    writeFileSync(
      path.join(dir, 'repo/dist/action.js'),
      `const fs = require('node:fs');
fs.writeFileSync(process.env.RECORD, JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(INPUT_|PAPERGUARD_)/.test(k)))));
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'status<<EOF\\nfail\\nEOF\\nreport<<EOF\\n/tmp/r.json\\nEOF\\n');
process.exitCode = 1;
`,
    );
    const hostile = 'v1.0.0"; touch pwned; echo "$(id)`id`';
    const inputs: Dict = {};
    for (const [name, spec] of Object.entries(action.inputs as Dict)) inputs[name] = name === 'tag' ? hostile : String(spec.default).includes('${{') ? 'ghs_token' : spec.default;
    const env: Record<string, string> = {
      PATH: path.dirname(process.execPath) + ':/usr/bin:/bin',
      GITHUB_ACTION_PATH: path.join(dir, 'repo/actions/signed-tag'),
      GITHUB_OUTPUT: path.join(dir, 'output'),
      RECORD: path.join(dir, 'record.json'),
    };
    for (const [k, v] of Object.entries(step.env as Dict)) {
      const m = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(String(v));
      env[k] = m ? String(inputs[m[1] as string] ?? '') : String(v);
    }
    writeFileSync(env.GITHUB_OUTPUT as string, '');
    writeFileSync(path.join(dir, 'step.sh'), step.run as string);
    const r = spawnSync('/bin/bash', ['--noprofile', '--norc', '-eo', 'pipefail', path.join(dir, 'step.sh')], { env, cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(JSON.parse(readFileSync(env.RECORD as string, 'utf8'))).toEqual({
      PAPERGUARD_ACTION: 'signed-tag',
      INPUT_TAG: hostile,
      INPUT_POLICY: '',
      INPUT_PATH: '.',
      INPUT_GITHUB_TOKEN: 'ghs_token',
      INPUT_CLASSIC_PROTECTION: 'true',
      INPUT_FORMAT: 'github',
    });
    expect(Object.fromEntries(parseEnvFile(readFileSync(env.GITHUB_OUTPUT as string, 'utf8')))).toEqual({ status: 'fail', report: '/tmp/r.json' });
  });
});

describe('release.yml', () => {
  const wf = parse(readFileSync(path.join(PROJECT_ROOT, '.github/workflows/release.yml'), 'utf8')) as Dict;

  it('runs on release tags, verifies the tag with full history, collects evidence after it, and releases only after', () => {
    expect(wf.on.push.tags).toEqual(['v*']);
    const verify = wf.jobs['verify-tag'] as Dict;
    expect(verify.steps[0].with['fetch-depth']).toBe(0);
    const uses = (verify.steps as Dict[]).map((s) => s.uses);
    expect(uses.indexOf('./actions/signed-tag')).toBeGreaterThan(0);
    expect(uses.indexOf('./actions/evidence')).toBeGreaterThan(uses.indexOf('./actions/signed-tag'));
    expect(wf.jobs.release.needs).toBe('verify-tag');
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('documents that tags pushed with GITHUB_TOKEN do not start it', () => {
    expect(readFileSync(path.join(PROJECT_ROOT, '.github/workflows/release.yml'), 'utf8')).toMatch(/GITHUB_TOKEN do NOT start workflows/);
  });
});
