/**
 * `paperguard manifest sync` through the built CLI in a real git repository: create, add, remove,
 * idempotent second run, --check, and the gate's verdict on what sync wrote.
 */
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, git, makeRepo, writeFiles } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
const M = 'scripts/ci/script_risk_policy_manifest.json';
const read = (dir: string) => readFileSync(path.join(dir, M), 'utf8');

describe('manifest sync', () => {
  it('creates, adds, removes, is idempotent, and --check reports without writing', () => {
    const dir = makeRepo({ 'scripts/b.py': 'print(1)\n', 'scripts/a.sh': 'echo a\n', 'src/app.py': 'x = 1\n' });

    let r = runCli(['manifest', 'sync', dir, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${M}: would be created (2 added, 0 removed)`);
    expect(existsSync(path.join(dir, M))).toBe(false);

    r = runCli(['manifest', 'sync', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  + scripts/a.sh');
    const created = read(dir);
    expect(JSON.parse(created)).toEqual({
      version: 1,
      scripts: [
        { path: 'scripts/a.sh', category: 'unclassified', requires_exec_guard: false },
        { path: 'scripts/b.py', category: 'unclassified', requires_exec_guard: false },
      ],
    });

    // Not committed yet: the gate says so rather than pretending there is no manifest.
    let check = checkJson(dir, '--gates', 'script-risk');
    expect(check.report.gates[0]!.findings.find((f) => f.rule === 'manifest-missing')?.message).toContain('exists but is not tracked by git');

    // Committed, unclassified entries fail the gate until someone classifies them.
    commitAll(dir, 'manifest');
    check = checkJson(dir, '--gates', 'script-risk');
    expect(summarize(check.report)).toEqual([`error unknown-category ${M}:6:19`, `error unknown-category ${M}:11:19`]);
    expect(check.code).toBe(1);

    // Second run: nothing to do, file untouched.
    r = runCli(['manifest', 'sync', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${M}: up to date`);
    expect(read(dir)).toBe(created);
    expect(runCli(['manifest', 'sync', dir, '--check']).code).toBe(0);

    // A script removed, another (executable, extension-less, outside scripts/) added.
    git(dir, 'rm', '-q', 'scripts/b.py');
    writeFiles(dir, { 'tools/flatten': '#!/bin/sh\necho flatten\n' });
    chmodSync(path.join(dir, 'tools/flatten'), 0o755);
    commitAll(dir, 'change scripts');
    r = runCli(['manifest', 'sync', dir, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('would change (1 added, 1 removed)');
    expect(read(dir)).toBe(created);
    r = runCli(['manifest', 'sync', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  - scripts/b.py (no longer tracked)');
    expect(JSON.parse(read(dir)).scripts.map((e: { path: string }) => e.path)).toEqual(['scripts/a.sh', 'tools/flatten']);
    expect(read(dir).endsWith('}\n')).toBe(true);
    expect(runCli(['manifest', 'sync', dir, '--check']).code).toBe(0);
  });

  it('honours the manifest path of the policy', () => {
    const dir = makeRepo({ 'bin/run': '#!/bin/sh\necho\n', '.github/paperguard.yml': 'version: 1\nscript-risk:\n  manifest: ops/scripts.json\n' });
    expect(runCli(['manifest', 'sync', dir]).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'ops/scripts.json'), 'utf8')).scripts[0].path).toBe('bin/run');
  });

  it('usage errors exit 2; an invalid manifest exits 2 naming file and line', () => {
    const dir = makeRepo({ 'scripts/a.py': 'x = 1\n', [M]: '{\n  "version": 1,\n  "scripts": [\n    {"path": "scripts/a.py"}\n  ]\n}\n' });
    let r = runCli(['manifest', 'sync', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${M}:4: cannot sync an invalid manifest`);
    expect(runCli(['manifest']).code).toBe(2);
    expect(runCli(['manifest', 'prune', dir]).code).toBe(2);
    r = runCli(['manifest', 'sync', dir, '--bogus']);
    expect(r.code).toBe(2);
    rmSync(path.join(dir, M));
    expect(runCli(['manifest', 'sync', '/nonexistent/paperguard']).code).toBe(2);
  });
});
