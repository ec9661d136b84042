/**
 * Every Gate D rule against its good and bad fixture, through the built CLI in a real git repository.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, repoFromFixture } from '../helpers/repo.js';
import { reportValidator } from '../reporters/validators.js';

afterAll(cleanupTempDirs);
const validReport = reportValidator();

function run(fixture: string) {
  const { code, report } = checkJson(repoFromFixture(`live-endpoints/${fixture}`));
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  expect(report.gates[0]?.stats.filesScanned).toBeGreaterThan(0);
  return { code, findings: summarize(report), report };
}

describe('live-trading-endpoint', () => {
  it('bad: live order/account URLs and a live base URL in config are errors, exit 1', () => {
    const { code, findings } = run('live-trading-endpoint/bad');
    expect(code).toBe(1);
    expect(findings).toEqual([
      'error live-trading-endpoint src/broker.py:3:16',
      'error live-trading-endpoint src/broker.py:11:26',
      'error live-trading-endpoint src/config.yaml:3:8',
    ]);
  });
  it('good: paper hosts, look-alike hosts and e-mail addresses are nothing, exit 0', () => {
    const { code, findings } = run('live-trading-endpoint/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('live-market-data-endpoint', () => {
  it('bad: live public market data is a note and does not block', () => {
    const { code, findings } = run('live-market-data-endpoint/bad');
    expect(findings).toEqual([
      'note live-market-data-endpoint src/candles.py:5:12',
      'note shared-endpoint src/candles.py:9:9',
    ]);
    expect(code).toBe(0);
  });
  it('good: the testnet is nothing', () => {
    expect(run('live-market-data-endpoint/good').findings).toEqual([]);
  });
});

describe('shared-endpoint', () => {
  it('bad: a host listed for both live and demo is a note', () => {
    const { code, findings, report } = run('shared-endpoint/bad');
    expect(findings).toEqual(['note shared-endpoint src/okx.ts:1:26']);
    expect(report.gates[0]?.findings[0]?.message).toContain('www.okx.com is listed as both live and sandbox');
    expect(code).toBe(0);
  });
  it('good: no host written', () => {
    expect(run('shared-endpoint/good').findings).toEqual([]);
  });
});

describe('live-endpoint-not-runtime', () => {
  it('bad: docs, tests and comments are notes, never blocking', () => {
    const { code, findings, report } = run('live-endpoint-not-runtime/bad');
    expect(findings).toEqual([
      'note live-endpoint-not-runtime docs/going-live.md:3:43',
      'note live-endpoint-not-runtime src/client.py:1:65',
      'note live-endpoint-not-runtime tests/test_urls.py:2:25',
    ]);
    const messages = report.gates[0]!.findings.map((f) => f.message);
    expect(messages[0]).toContain('in docs or tests');
    expect(messages[1]).toContain('in a comment');
    expect(code).toBe(0);
  });
  it('good: a sandbox host in docs is nothing', () => {
    expect(run('live-endpoint-not-runtime/good').findings).toEqual([]);
  });
});

describe('ib-live-port', () => {
  it('bad: a live port in a connect call and in an IB config key', () => {
    const { code, findings } = run('ib-live-port/bad');
    expect(findings).toEqual(['error ib-live-port .env:1:17', 'error ib-live-port src/ib_bot.py:4:25']);
    expect(code).toBe(1);
  });
  it('good: paper ports, and the same number under another service key', () => {
    const { code, findings } = run('ib-live-port/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('exceptions', () => {
  it('applies policy and inline exceptions, reports expired ones and allows without reason', () => {
    const { code, report } = run('exceptions');
    const all = summarize(report, { suppressed: true });
    expect(all).toEqual([
      'error exception-expired .github/paperguard.yml:9:1',
      'error live-trading-endpoint src/covered.py:1:12',
      'error live-trading-endpoint src/feeds.py:2:15',
      'error inline-allow-invalid src/feeds.py:4:3',
      'error live-trading-endpoint src/feeds.py:5:8',
      'error live-trading-endpoint src/legacy/old.py:1:11',
    ]);
    const findings = report.gates[0]!.findings;
    const byPath = (p: string) => findings.find((f) => f.path === p && f.rule === 'live-trading-endpoint')!;
    expect(byPath('src/covered.py').suppressed).toEqual({
      kind: 'policy',
      reason: 'account reconciliation, read-only key, reviewed in SEC-7',
      owner: '@risk-team',
      expires: '2999-12-31',
    });
    expect(byPath('src/feeds.py').suppressed).toEqual({ kind: 'inline', reason: 'read-only reconciliation, INC-42' });
    expect(byPath('src/legacy/old.py').suppressed).toBeUndefined();
    expect(findings.find((f) => f.path === 'src/feeds.py' && f.line === 5)?.suppressed).toBeUndefined();
    expect(report.gates[0]!.rules.map((r) => r.id)).toContain('inline-allow-invalid');
    expect(code).toBe(1);
  });
});
