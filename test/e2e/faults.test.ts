/**
 * Fail closed: every error path of `check` ends non-zero with a message that names what and where.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo, PROJECT_ROOT, tempDir, writeFiles } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const LIVE = 'URL = "https://api.alpaca.markets/v2/orders"\n';

describe('usage and configuration errors exit 2', () => {
  it('an invalid policy (YAML) names the file and line', () => {
    const dir = makeRepo({ 'a.py': LIVE, '.github/paperguard.yml': 'version: 1\nlive-endpoints:\n  scope: [oops\n' });
    const r = runCli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/paperguard: error: \S*\.github\/paperguard\.yml:\d+: invalid YAML/);
    expect(r.stdout).toBe('');
  });

  it('an unknown policy key names the JSON path and line', () => {
    const dir = makeRepo({ 'a.py': LIVE, '.github/paperguard.yml': 'version: 1\nlive-endpoints:\n  alowlist: []\n' });
    const r = runCli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.github/paperguard.yml:3: $["live-endpoints"].alowlist: unknown key "alowlist"');
  });

  it('an allowlist entry without an owner is invalid', () => {
    const policy = 'version: 1\nlive-endpoints:\n  allowlist:\n    - host: api.alpaca.markets\n      reason: r\n      expires: 2999-01-01\n';
    const r = runCli(['check', makeRepo({ 'a.py': LIVE, '.github/paperguard.yml': policy })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`$["live-endpoints"].allowlist[0]: must have required property 'owner'`);
  });

  it('a missing --policy file', () => {
    const r = runCli(['check', makeRepo({ 'a.py': LIVE }), '--policy', 'nope.yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--policy nope.yml: no such file');
  });

  it('a path that does not exist', () => {
    const r = runCli(['check', '/nonexistent/paperguard-test']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/paperguard-test: no such directory');
  });

  it('a bad --base ref', () => {
    const r = runCli(['check', makeRepo({ 'a.py': 'x = 1\n' }), '--base', 'origin/no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--base origin/no-such-branch: not a commit');
  });

  it('--base outside a git repository', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': 'x = 1\n' });
    const r = runCli(['check', dir, '--base', 'main']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not inside a git repository');
  });

  it('an unknown gate, flag, format or command', () => {
    const dir = makeRepo({ 'a.py': 'x = 1\n' });
    expect(runCli(['check', dir, '--gates', 'live-endpoint'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown gate "live-endpoint"') });
    expect(runCli(['check', dir, '--frmat', 'json'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--frmat'") });
    expect(runCli(['check', dir, '--format', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format xml') });
    expect(runCli(['scan', dir])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "scan"') });
    expect(runCli([])).toMatchObject({ code: 2, stderr: expect.stringContaining('no command given') });
  });

  it('an --output path that cannot be written', () => {
    const dir = makeRepo({ 'a.py': 'x = 1\n' });
    writeFileSync(path.join(dir, 'file'), 'not a directory');
    const r = runCli(['check', dir, '--output', path.join(dir, 'file', 'report.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
  });
});

describe('internal errors and nothing checked exit 3', () => {
  it('zero files in scope is an error, not a pass', () => {
    const dir = makeRepo({ 'a.bin': 'x', '.github/paperguard.yml': 'version: 1\nlive-endpoints:\n  scope:\n    include: ["src/**"]\n' });
    const r = runCli(['check', dir, '--format', 'json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('error');
    expect(report.gates[0].status).toBe('error');
    expect(report.gates[0].error).toContain('saw zero files in scope');
  });

  it('an empty repository is nothing checked', () => {
    const r = runCli(['check', makeRepo({}), '--format', 'json']);
    expect(r.code).toBe(3);
  });

  it('an unreadable file in scope names the file', () => {
    const dir = makeRepo({ 'a.py': 'x = 1\n', 'b.py': LIVE });
    chmodSync(path.join(dir, 'b.py'), 0o000);
    const asRoot = process.getuid?.() === 0;
    // Root reads through any mode bits, so as root the CLI runs as an unprivileged user (a real EACCES).
    if (asRoot) {
      chmodSync(dir, 0o755);
      mkdirSync(path.join(dir, '.home'), { mode: 0o777 });
    }
    const r = runCli(['check', dir, '--format', 'json'], {
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      env: {
        ...process.env,
        NO_COLOR: '1',
        HOME: path.join(dir, '.home'),
        // git refuses repositories owned by another user unless told they are safe.
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'safe.directory',
        GIT_CONFIG_VALUE_0: '*',
      },
    });
    expect(r.stderr).not.toContain('EACCES: permission denied, open \'/work');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report.gates[0].error).toBe('cannot read b.py: EACCES');
  });
});

describe('the format never changes the exit code', () => {
  const dir = makeRepo({ 'src/a.py': LIVE });
  for (const format of ['text', 'json', 'sarif', 'github']) {
    it(`--format ${format} exits 1 on a violation`, () => {
      const r = runCli(['check', dir, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(format === 'github' ? '::error ' : 'src/a.py');
    });
  }
  it('--output writes the report and still exits 1', () => {
    const out = path.join(tempDir(), 'nested', 'report.sarif');
    const r = runCli(['check', dir, '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('status fail: 1 errors');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });
});

describe('help and version', () => {
  it('--help documents the exit codes; --version prints the version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('3 internal error');
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
  });
});
