import { ruleDocsUrl } from '../../src/core/docs.js';
import type { Finding, RuleMeta } from '../../src/core/finding.js';
import { type GateReport, type Report, REPORT_VERSION, gateStatus, overallStatus } from '../../src/core/report.js';

/** Synthetic reports covering every shape a reporter must render. */

export const LIVE_RULES: RuleMeta[] = [
  {
    id: 'live-host',
    title: 'Live broker or exchange endpoint in runtime code',
    description: 'Runtime code must only talk to paper or sandbox endpoints; a live host lets a bug trade real money.',
    defaultSeverity: 'error',
    help: 'Use the sandbox host from the endpoint catalog, or add the host to the allowlist with a security review.',
    helpUri: ruleDocsUrl('live-endpoints', 'live-host'),
  },
  {
    id: 'live-config',
    title: 'Live endpoint in configuration',
    description: 'Configuration files must not point at a live endpoint.',
    defaultSeverity: 'warning',
    help: 'Point the setting at the sandbox endpoint.',
    helpUri: ruleDocsUrl('live-endpoints', 'live-config'),
  },
  {
    id: 'live-doc',
    title: 'Live endpoint mentioned in documentation',
    description: 'Documentation that names a live endpoint invites copy-paste into code.',
    defaultSeverity: 'note',
    help: 'Name the sandbox endpoint in examples.',
    helpUri: ruleDocsUrl('live-endpoints', 'live-doc'),
  },
];

export const PAPER_RULES: RuleMeta[] = [
  {
    id: 'job-not-paper',
    title: 'CI job runs tests without TRADING_MODE=paper',
    description: 'Every CI job that runs tests must set TRADING_MODE=paper.',
    defaultSeverity: 'error',
    help: 'Add `TRADING_MODE: paper` to the job env.',
    helpUri: ruleDocsUrl('paper-mode', 'job-not-paper'),
  },
];

export const IMPORT_RULES: RuleMeta[] = [
  {
    id: 'syntax',
    title: 'File does not compile',
    description: 'Every Python, TypeScript and JavaScript file must compile.',
    defaultSeverity: 'error',
    help: 'Fix the syntax error.',
    helpUri: ruleDocsUrl('import-smoke', 'syntax'),
  },
];

export function finding(overrides: Partial<Finding> & Pick<Finding, 'rule' | 'path' | 'line' | 'column'>): Finding {
  return {
    gate: 'live-endpoints',
    severity: 'error',
    message: `finding of ${overrides.rule} at ${overrides.path}`,
    help: 'Do the right thing.',
    fingerprint: `fp-${overrides.rule}-${overrides.path}`,
    ...overrides,
  };
}

function gate(g: Omit<GateReport, 'status'> & { status?: GateReport['status'] }): GateReport {
  return { ...g, status: g.status ?? gateStatus(g.findings) };
}

function report(gates: GateReport[], base: Report['base'] = null): Report {
  return {
    version: REPORT_VERSION,
    tool: { name: 'paperguard', version: '0.1.0' },
    repo: { root: '/home/dev/trading-bot', commit: 'a'.repeat(40) },
    policy: { sources: ['.github/paperguard.yml'], sha256: 'b'.repeat(64) },
    base,
    inventory: { files: 120, skipped: { binary: 2, tooLarge: 1, outsideRepo: 0 } },
    status: overallStatus(gates),
    gates,
  };
}

export const F = {
  liveHost: finding({
    rule: 'live-host',
    path: 'src/bot/exchange.py',
    line: 42,
    column: 17,
    endLine: 42,
    endColumn: 40,
    message: 'Live endpoint api.binance.com in runtime code.',
    help: 'Use testnet.binance.vision, or allowlist the host with a security review.',
    fingerprint: '3f2a9c1d7e8b6a5f',
  }),
  liveConfig: finding({
    rule: 'live-config',
    severity: 'warning',
    path: 'config/live.yaml',
    line: 3,
    column: 1,
    message: 'base_url points at api.kraken.com.',
  }),
  liveDoc: finding({
    rule: 'live-doc',
    severity: 'note',
    path: 'docs/setup guide#1.md',
    line: 10,
    column: 5,
  }),
  expiredException: finding({
    rule: 'expired-exception',
    path: '.github/paperguard.yml',
    line: 14,
    column: 5,
    message: 'Exception for live-host in src/legacy/feed.py expired on 2026-01-31.',
    help: 'Remove the exception or renew it with a new expiry and owner.',
  }),
  suppressedPolicy: finding({
    rule: 'live-host',
    path: 'src/legacy/feed.py',
    line: 7,
    column: 9,
    fingerprint: '9d8c7b6a5f4e3d2c',
    suppressed: {
      kind: 'policy',
      reason: 'Read-only market data feed, no order routing.',
      owner: '@risk-team',
      expires: '2026-12-31',
    },
  }),
  suppressedInline: finding({
    rule: 'live-config',
    severity: 'warning',
    path: 'src/tools/replay.ts',
    line: 12,
    column: 3,
    suppressed: { kind: 'inline', reason: 'Replays recorded public trades only.' },
  }),
  suppressedAllowlist: finding({
    rule: 'live-doc',
    severity: 'note',
    path: 'tests/fixtures/hosts.txt',
    line: 1,
    column: 1,
    suppressed: { kind: 'allowlist', reason: 'Host list fixture for the catalog test.' },
  }),
} satisfies Record<string, Finding>;

export function zeroFindingsReport(): Report {
  return report([
    gate({
      id: 'live-endpoints',
      title: 'Live endpoints',
      stats: { filesScanned: 37, rulesRun: 3 },
      rules: LIVE_RULES,
      findings: [],
    }),
  ]);
}

/** Passes: only warnings, notes and suppressed errors. */
export function passReport(): Report {
  return report(
    [
      gate({
        id: 'live-endpoints',
        title: 'Live endpoints',
        stats: { filesScanned: 37, rulesRun: 3 },
        rules: LIVE_RULES,
        findings: [F.liveConfig, F.suppressedPolicy],
      }),
    ],
    { ref: 'origin/main', commit: 'c'.repeat(40) },
  );
}

/** Fails: every severity unsuppressed and suppressed, plus a rule the gate did not declare. */
export function failReport(): Report {
  return report([
    gate({
      id: 'live-endpoints',
      title: 'Live endpoints',
      stats: { filesScanned: 37, rulesRun: 3, hostsChecked: 211 },
      rules: LIVE_RULES,
      // Deliberately not in location order: the text report sorts.
      findings: [
        F.suppressedAllowlist,
        F.liveHost,
        F.liveConfig,
        F.liveDoc,
        F.suppressedPolicy,
        F.suppressedInline,
        F.expiredException,
      ],
      summary: ['211 hosts checked against the ccxt catalog.'],
    }),
    gate({
      id: 'paper-mode',
      title: 'Paper mode',
      stats: { filesScanned: 4, rulesRun: 1 },
      rules: PAPER_RULES,
      findings: [],
    }),
  ]);
}

export const GATE_ERROR = 'src/app/main.py: cannot parse: unexpected indent at line 3, column 1';

/** Errors: one gate could not complete; another passed. */
export function errorReport(): Report {
  return report([
    gate({
      id: 'import-smoke',
      title: 'Import smoke',
      status: 'error',
      error: GATE_ERROR,
      stats: { filesScanned: 0, rulesRun: 0 },
      rules: IMPORT_RULES,
      findings: [],
    }),
    gate({
      id: 'live-endpoints',
      title: 'Live endpoints',
      stats: { filesScanned: 37, rulesRun: 3 },
      rules: LIVE_RULES,
      findings: [],
    }),
  ]);
}

export const ALL_REPORTS: Array<[string, () => Report]> = [
  ['zero findings', zeroFindingsReport],
  ['pass', passReport],
  ['fail', failReport],
  ['error', errorReport],
];
