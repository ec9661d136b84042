import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { renderText } from '../../src/reporters/text.js';
import { F, GATE_ERROR, errorReport, failReport, finding, passReport, zeroFindingsReport } from './fixtures.js';

const ESC = '\u001b';
const plain = (r: Parameters<typeof renderText>[0]): string => renderText(r, { color: false });
const lineOf = (out: string, needle: string): string => out.split('\n').find((l) => l.includes(needle)) ?? '';
const where = (f: Finding): string => `${f.path}:${f.line}:${f.column}`;

describe('renderText without colour', () => {
  const out = plain(failReport());

  it('has no ANSI escape at all', () => {
    expect(out).not.toContain(ESC);
  });

  it('shows file:line:column of every finding, suppressed ones included', () => {
    for (const f of failReport().gates.flatMap((g) => g.findings)) expect(out).toContain(where(f));
  });

  it('starts with the tool and the shared inventory counts', () => {
    expect(out.split('\n')[0]).toBe(
      'paperguard 0.1.0  120 files in inventory, skipped: 2 binary, 1 too large, 0 outside repo',
    );
  });

  it('groups by gate: heading with status, then stats including gate counters', () => {
    const lines = out.split('\n');
    const live = lines.indexOf('live-endpoints  Live endpoints  FAIL');
    const paper = lines.indexOf('paper-mode  Paper mode  PASS');
    expect(live).toBeGreaterThan(0);
    expect(paper).toBeGreaterThan(live);
    expect(lines[live + 1]).toBe('  37 files scanned, 3 rules run, hosts checked: 211');
    expect(lines[paper + 1]).toBe('  4 files scanned, 1 rule run');
    expect(lines[paper + 2]).toBe('  no findings');
  });

  it('renders a finding as path:line:column  severity  rule  message, then its help', () => {
    const lines = out.split('\n');
    const i = lines.indexOf('  src/bot/exchange.py:42:17  error    live-host  Live endpoint api.binance.com in runtime code.');
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe('      help: Use testnet.binance.vision, or allowlist the host with a security review.');
    expect(lineOf(out, where(F.liveConfig))).toBe(
      '  config/live.yaml:3:1  warning  live-config  base_url points at api.kraken.com.',
    );
    expect(lineOf(out, where(F.liveDoc))).toMatch(/^ {2}docs\/setup guide#1\.md:10:5 {2}note {5}live-doc {2}/);
  });

  it('marks suppressed findings and gives the reason, owner and expiry', () => {
    const lines = out.split('\n');
    const i = lines.findIndex((l) => l.startsWith(`  ${where(F.suppressedPolicy)}  error`));
    expect(lines[i]!.endsWith('  [suppressed]')).toBe(true);
    expect(lines[i + 1]).toBe(
      '      suppressed by policy exception: Read-only market data feed, no order routing. (owner @risk-team, expires 2026-12-31)',
    );
    expect(out).toContain('      suppressed by inline exception: Replays recorded public trades only.\n');
    expect(out).toContain('      suppressed by allowlist: Host list fixture for the catalog test.\n');
    expect(lineOf(out, where(F.liveHost))).not.toContain('[suppressed]');
  });

  it('orders findings by path, then position', () => {
    const order = [F.expiredException, F.liveConfig, F.liveDoc, F.liveHost, F.suppressedPolicy, F.suppressedInline, F.suppressedAllowlist]
      .map((f) => out.indexOf(`  ${where(f)}  `));
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('prints the gate summary lines and the total', () => {
    expect(out).toContain('\n  211 hosts checked against the ccxt catalog.\n');
    expect(out.endsWith('\n2 errors, 1 warning, 1 note, 3 suppressed  FAIL\n')).toBe(true);
  });
});

describe('renderText other outcomes', () => {
  it('a pass with only a warning and a suppressed error', () => {
    expect(plain(passReport()).endsWith('\n0 errors, 1 warning, 0 notes, 1 suppressed  PASS\n')).toBe(true);
  });

  it('zero findings', () => {
    const out = plain(zeroFindingsReport());
    expect(out).toContain('live-endpoints  Live endpoints  PASS\n  37 files scanned, 3 rules run\n  no findings\n');
    expect(out.endsWith('\n0 errors, 0 warnings, 0 notes, 0 suppressed  PASS\n')).toBe(true);
  });

  it('shows a gate error prominently, under its gate and in the total', () => {
    const out = plain(errorReport());
    expect(out).toContain(`import-smoke  Import smoke  ERROR\n  0 files scanned, 0 rules run\n  ERROR: ${GATE_ERROR}\n`);
    expect(out.endsWith('\n0 errors, 0 warnings, 0 notes, 0 suppressed  ERROR  (1 gate in error: import-smoke)\n')).toBe(true);
  });

  it('cannot be driven by escape sequences committed in the scanned repo', () => {
    const report = passReport();
    report.gates[0]!.findings = [
      finding({ rule: 'live-host', path: 'a.py', line: 1, column: 1, message: `evil ${ESC}[2J\rhidden` }),
    ];
    const out = plain(report);
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\r');
    expect(out).toContain('evil \\u{1b}[2J\\u{d}hidden');
  });

  it('keeps multi-line messages indented under the finding', () => {
    const report = passReport();
    report.gates[0]!.findings = [
      finding({ rule: 'live-host', path: 'a.py', line: 1, column: 1, message: 'first\nsecond' }),
    ];
    expect(plain(report)).toContain('  a.py:1:1  error    live-host  first\n      second\n');
  });
});

describe('renderText with colour', () => {
  const out = renderText(failReport(), { color: true });

  it('uses ANSI colours for severity and status', () => {
    expect(out).toContain(`${ESC}[31merror  ${ESC}[39m`);
    expect(out).toContain(`${ESC}[33mwarning${ESC}[39m`);
    expect(out).toContain(`${ESC}[1m${ESC}[31mFAIL${ESC}[39m${ESC}[22m`);
  });

  it('carries the same text once the escapes are removed', () => {
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(plain(failReport()));
  });

  it('still shows every location', () => {
    for (const f of failReport().gates.flatMap((g) => g.findings)) expect(out).toContain(where(f));
  });
});
