/**
 * Every Gate C rule against its good and bad fixture, through the built CLI in a real git repository.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo, repoFromFixture } from '../helpers/repo.js';
import { reportValidator } from '../reporters/validators.js';

afterAll(cleanupTempDirs);
const validReport = reportValidator();

function run(fixture: string) {
  const { code, report } = checkJson(repoFromFixture(`paper-mode/${fixture}`), '--gates', 'paper-mode');
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  expect(report.gates[0]?.status).not.toBe('error');
  expect(report.gates[0]?.stats.filesScanned).toBeGreaterThan(0);
  return { code, findings: summarize(report), report };
}

const CASES: Record<string, { code: number; findings: string[] }> = {
  'test-job-not-paper': {
    code: 1,
    findings: [
      'error test-job-not-paper .github/workflows/ci.yml:17:9',
      'error test-job-not-paper .github/workflows/ci.yml:18:3',
      'error test-job-not-paper .github/workflows/other.yml:9:9',
      'error test-job-not-paper .github/workflows/other.yml:16:9',
    ],
  },
  'trading-mode-unresolved': {
    code: 1,
    findings: ['error trading-mode-unresolved .github/workflows/ci.yml:9:9', 'error trading-mode-unresolved .github/workflows/ci.yml:13:9'],
  },
  'guardrail-test-missing': { code: 1, findings: ['error guardrail-test-missing tests/test_trading_mode_guardrail.py:1:1'] },
  'guardrail-test-skipped': {
    code: 1,
    findings: [
      'error guardrail-test-skipped tests/test_trading_mode_guardrail.py:6:5',
      'error guardrail-test-skipped tests/test_trading_mode_guardrail.py:9:1',
      'error guardrail-test-skipped tests/test_trading_mode_guardrail.py:14:1',
    ],
  },
  'guardrail-test-not-run': { code: 1, findings: ['error guardrail-test-not-run tests/test_trading_mode_guardrail.py:1:1'] },
  'deploy-config-live': {
    code: 1,
    findings: [
      'error deploy-config-live .env.production:1:14',
      'error deploy-config-live .env.production:2:9',
      'error deploy-config-live Dockerfile:2:18',
      'error deploy-config-live Procfile:1:22',
      'error deploy-config-live docker-compose.yml:5:22',
      'error deploy-config-live docker-compose.yml:6:22',
      'error deploy-config-live k8s/deployment.yaml:10:22',
    ],
  },
  'unsafe-env-default': {
    code: 1,
    findings: [
      'error unsafe-env-default src/settings.py:4:34',
      'error unsafe-env-default src/settings.py:5:41',
      'error unsafe-env-default src/settings.py:6:38',
      'error unsafe-env-default web/config.ts:1:49',
      'error unsafe-env-default web/config.ts:2:49',
    ],
  },
  // A review asks a person to look; it is a warning and does not fail the check.
  'preset-non-literal': { code: 0, findings: ['warning preset-non-literal bot/client.py:5:40'] },
  'preset-freqtrade-live': { code: 1, findings: ['error preset-freqtrade-live docker-compose.yml:5:27', 'error preset-freqtrade-live user_data/config.json:5:14'] },
  'preset-alpaca-py-live': {
    code: 1,
    findings: ['error preset-alpaca-py-live bot/trade.py:4:40', 'error preset-alpaca-py-live bot/trade.py:5:34', 'error preset-alpaca-py-live bot/trade.py:6:46'],
  },
  'preset-alpaca-trade-api-live': {
    code: 1,
    findings: ['error preset-alpaca-trade-api-live .env:1:19', 'error preset-alpaca-trade-api-live bot/legacy.py:3:7', 'error preset-alpaca-trade-api-live bot/legacy.py:4:32'],
  },
  'preset-alpaca-js-live': { code: 1, findings: ['error preset-alpaca-js-live src/broker.ts:3:29', 'error preset-alpaca-js-live src/broker.ts:4:81'] },
  'preset-ccxt-live': {
    code: 1,
    findings: [
      'error preset-ccxt-live bot/exchange.py:3:12',
      'error preset-ccxt-live bot/other.py:3:6',
      'error preset-ccxt-live bot/other.py:4:1',
      'error preset-ccxt-live web/ex.ts:3:19',
    ],
  },
  'preset-python-binance-live': { code: 1, findings: ['error preset-python-binance-live bot/b.py:3:10', 'error preset-python-binance-live bot/b.py:7:18'] },
  'preset-pybit-live': { code: 1, findings: ['error preset-pybit-live bot/by.py:3:11'] },
  'preset-ib-live': { code: 1, findings: ['error preset-ib-live bot/ib.py:4:25', 'error preset-ib-live bot/ib.py:5:43'] },
  'preset-oanda-live': { code: 1, findings: ['error preset-oanda-live bot/fx.py:3:52'] },
  'preset-nautilus-live': { code: 1, findings: ['error preset-nautilus-live node.py:4:11', 'error preset-nautilus-live node.py:5:44', 'error preset-nautilus-live node.py:6:9'] },
  'preset-octobot-live': { code: 1, findings: ['error preset-octobot-live user/profiles/live/profile.json:4:27'] },
  'preset-hummingbot-live': {
    code: 1,
    findings: [
      'error preset-hummingbot-live conf/strategies/conf_pure_mm_1.yml:3:11',
      'error preset-hummingbot-live scripts/v2_arb.py:7:41',
      'error preset-hummingbot-live scripts/v2_arb.py:8:53',
      'error preset-hummingbot-live scripts/v2_arb.py:12:16',
    ],
  },
};

describe.each(Object.entries(CASES))('%s', (rule, expected) => {
  it('bad: exactly the planted findings, with the right exit code', () => {
    const { code, findings } = run(`${rule}/bad`);
    expect(findings).toEqual(expected.findings);
    expect(code).toBe(expected.code);
  });
  it('good: nothing, exit 0', () => {
    const { code, findings } = run(`${rule}/good`);
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('messages and JSON', () => {
  it('a matrix finding names the failing combination and the source of the value', () => {
    const f = run('test-job-not-paper/bad').report.gates[0]!.findings[0]!;
    expect(f.message).toContain('for matrix {python=3.12, mode=live}');
    expect(f.message).toContain('from job unit env (line 14)');
  });
  it('presets are off unless the policy lists them', () => {
    const dir = makeRepo({
      '.github/workflows/ci.yml': 'on: push\nenv:\n  TRADING_MODE: paper\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
      'tests/test_trading_mode_guardrail.py': 'def test_paper():\n    assert True\n',
      'bot.py': 'import oandapyV20\napi = oandapyV20.API(access_token="t", environment="live")\n',
    });
    const r = runCli(['check', dir, '--gates', 'paper-mode', '--format', 'json']);
    expect(r.code).toBe(0);
  });
});
