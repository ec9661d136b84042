/**
 * Gate C fails closed: a file it must read and cannot parse ends the run with exit 3, naming file:line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const GOOD_CI = 'on: push\nenv:\n  TRADING_MODE: paper\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n';
const GUARD = 'def test_paper():\n    assert True\n';

function check(files: Record<string, string>, policy?: string) {
  const dir = makeRepo({ '.github/workflows/ci.yml': GOOD_CI, 'tests/test_trading_mode_guardrail.py': GUARD, ...files, ...(policy ? { '.github/paperguard.yml': policy } : {}) });
  const r = runCli(['check', dir, '--gates', 'paper-mode', '--format', 'json']);
  const report = JSON.parse(r.stdout);
  return { code: r.code, error: report.gates[0].error as string | undefined, status: report.gates[0].status as string };
}

describe('paper-mode fault paths exit 3', () => {
  it('a workflow that is not valid YAML names file:line', () => {
    const r = check({ '.github/workflows/broken.yml': 'on: push\njobs:\n  t:\n    steps: [oops\n' });
    expect(r.code).toBe(3);
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/^\.github\/workflows\/broken\.yml:\d+:\d+: invalid workflow YAML/);
  });

  it('a workflow whose jobs is not a mapping names file:line', () => {
    const r = check({ '.github/workflows/odd.yml': 'on: push\njobs: [a, b]\n' });
    expect(r.code).toBe(3);
    expect(r.error).toBe('.github/workflows/odd.yml:2:7: `jobs` must be a mapping');
  });

  it('an unparsable Python file a preset must read names file:line', () => {
    const r = check({ 'bot/ex.py': 'import ccxt\nex = ccxt.binance({"apiKey": k\n' }, 'version: 1\npaper-mode:\n  presets: [ccxt]\n');
    expect(r.code).toBe(3);
    expect(r.error).toMatch(/^bot\/ex\.py:\d+:\d+: Python /);
  });

  it('an unparsable guardrail test names file:line', () => {
    const r = check({ 'tests/test_trading_mode_guardrail.py': 'def test_paper(:\n    pass\n' });
    expect(r.code).toBe(3);
    expect(r.error).toMatch(/^tests\/test_trading_mode_guardrail\.py:1:\d+: Python /);
  });

  it('an unparsable TypeScript file that reads a live flag names file:line', () => {
    const r = check({ 'src/c.ts': 'export const m = process.env.TRADING_MODE ?? ;\n' });
    expect(r.code).toBe(3);
    expect(r.error).toMatch(/^src\/c\.ts:1:\d+: cannot parse JavaScript\/TypeScript/);
  });

  it('an unparsable freqtrade-looking config names file:line', () => {
    const r = check({ 'config.json': '{"exchange": {"name": "binance"},, "stake_currency": "USDT"}\n' }, 'version: 1\npaper-mode:\n  presets: [freqtrade]\n');
    expect(r.code).toBe(3);
    expect(r.error).toMatch(/^config\.json:1:\d+: invalid JSON/);
  });

  it('an unparsable deployment .yml names file:line', () => {
    const r = check({ 'docker-compose.yml': 'services:\n  bot: [x\n' });
    expect(r.code).toBe(3);
    expect(r.error).toMatch(/^docker-compose\.yml:\d+: invalid YAML/);
  });

  it('the same files parsed cleanly pass, so the errors above come from the breakage', () => {
    const r = check({ 'bot/ex.py': 'import ccxt\nex = ccxt.binance()\n', 'docker-compose.yml': 'services:\n  bot: {image: x}\n' }, 'version: 1\npaper-mode:\n  presets: [ccxt]\n');
    expect(r.code).toBe(0);
  });
});
