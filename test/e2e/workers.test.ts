/**
 * Large trees are scanned on worker threads; the result must be the same as a one-thread scan,
 * finding for finding, including files that workers read and an unreadable file's error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

function bigRepo(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 4500; i++) {
    const dir = `pkg${Math.floor(i / 100)}`;
    files[`${dir}/mod${i}.py`] =
      i % 997 === 3
        ? `ORDERS = "https://api.alpaca.markets/v2/orders"  # planted ${i}\n`
        : i % 1500 === 7
          ? `KLINES = "https://api.binance.com/api/v3/klines"\n`
          : `def f${i}(x):\n    return x.value + ${i}\n`;
  }
  files['cfg/ib.env'] = 'IB_PORT=4001\n';
  return makeRepo(files);
}

describe('worker threads', () => {
  const dir = bigRepo();

  it('find exactly what one thread finds', () => {
    const one = checkJson(dir, '--jobs', '1');
    const two = checkJson(dir, '--jobs', '2');
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.report.gates[0]!.stats.filesScanned).toBe(4501);
    expect(two.report.gates).toEqual(one.report.gates);
    const rules = one.report.gates[0]!.findings.map((f) => `${f.rule} ${f.path}`);
    expect(rules).toContain('ib-live-port cfg/ib.env');
    expect(rules.filter((r) => r.startsWith('live-trading-endpoint'))).toHaveLength(5);
    expect(rules.filter((r) => r.startsWith('live-market-data-endpoint'))).toHaveLength(3);
  });

  it('reject a --jobs value that is not a whole number >= 1', () => {
    expect(runCli(['check', dir, '--jobs', '0'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--jobs 0') });
  });
});
