import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const WORKFLOW = 'on: pull_request\njobs:\n  g:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: paperguard/paperguard/actions/live-endpoints@v0\n';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('paperguard doctor', () => {
  it('ready: every line OK, exit 0', () => {
    const dir = makeRepo({ '.github/paperguard.yml': 'version: 1\n', '.github/workflows/pg.yml': WORKFLOW, 'a.py': 'x = 1\n' });
    const r = runCli(['doctor', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('[OK]'))).toBe(true);
    expect(r.stdout).toContain('gate live-endpoints runs in .github/workflows/pg.yml');
  });

  it('a gate no workflow runs is an error, exit 1', () => {
    const dir = makeRepo({ '.github/paperguard.yml': 'version: 1\n', 'a.py': 'x = 1\n' });
    const r = runCli(['doctor', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\[ERR\]\s+workflow\s+no workflow runs gate live-endpoints/m);
  });

  it('the CLI in a workflow counts, and --gates must name the gate', () => {
    const cli = (gates: string) =>
      `on: push\njobs:\n  g:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx paperguard check . ${gates}\n`;
    const ok = makeRepo({ '.github/paperguard.yml': 'version: 1\n', '.github/workflows/a.yml': cli('--gates live-endpoints') });
    expect(runCli(['doctor', ok]).code).toBe(0);
    const other = makeRepo({ '.github/paperguard.yml': 'version: 1\n', '.github/workflows/a.yml': cli('--gates paper-mode') });
    expect(runCli(['doctor', other]).code).toBe(1);
  });

  it('warns on an exception near expiry and errs on an expired one', () => {
    const policy = (expires: string) =>
      `version: 1\nexceptions:\n  entries:\n    - rule: live-trading-endpoint\n      path: a.py\n      reason: r\n      owner: "@o"\n      expires: ${expires}\n`;
    const soon = makeRepo({ '.github/paperguard.yml': policy(inDays(3)), '.github/workflows/pg.yml': WORKFLOW });
    const warn = runCli(['doctor', soon]);
    expect(warn.stdout).toMatch(/^\[WARN\]\s+exceptions\s+exception for live-trading-endpoint on a\.py expires on/m);
    expect(warn.code).toBe(0);
    const past = makeRepo({ '.github/paperguard.yml': policy('2020-01-01'), '.github/workflows/pg.yml': WORKFLOW });
    const err = runCli(['doctor', past]);
    expect(err.stdout).toMatch(/^\[ERR\]\s+exceptions\s+.*expired on 2020-01-01 \(owner @o\)/m);
    expect(err.code).toBe(1);
  });

  it('an invalid policy is an error line naming file and line, exit 1', () => {
    const dir = makeRepo({ '.github/paperguard.yml': 'version: 1\nbogus: true\n' });
    const r = runCli(['doctor', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\[ERR\]\s+policy\s+policy does not load: .*paperguard\.yml:2: \$\.bogus: unknown key "bogus"/m);
  });

  it('no repository policy is a warning, and an unknown flag a usage error', () => {
    const dir = makeRepo({ '.github/workflows/pg.yml': WORKFLOW });
    expect(runCli(['doctor', dir]).stdout).toMatch(/^\[WARN\]\s+policy\s+no \.github\/paperguard\.yml/m);
    expect(runCli(['doctor', dir, '--nope']).code).toBe(2);
  });
});
