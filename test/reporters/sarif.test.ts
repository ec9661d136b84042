import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { FINGERPRINT_KEY, SARIF_CATEGORY, renderSarif } from '../../src/reporters/sarif.js';
import { ALL_REPORTS, F, GATE_ERROR, LIVE_RULES, errorReport, failReport, finding, passReport } from './fixtures.js';
import { githubSarifProblems } from './github-sarif-rules.js';
import { sarifValidator } from './validators.js';

const validate = sarifValidator();

// The SARIF log is untyped JSON to the test: read it the way GitHub would.
type Log = Record<string, any>;
const sarif = (report: Report): Log => JSON.parse(renderSarif(report)) as Log;
const run = (report: Report): Log => sarif(report).runs[0];
const resultAt = (log: Log, uri: string, line: number): Log =>
  log.results.find(
    (r: Log) =>
      r.locations[0].physicalLocation.artifactLocation.uri === uri &&
      r.locations[0].physicalLocation.region.startLine === line,
  );

describe('renderSarif: validity', () => {
  it.each(ALL_REPORTS)('%s report is valid SARIF 2.1.0 and meets GitHub upload rules', (_name, build) => {
    const log = sarif(build());
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(githubSarifProblems(log)).toEqual([]);
  });

  it('the SARIF schema check is live: a broken log is rejected', () => {
    const log = sarif(failReport());
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/runs/0/results/0/level');
    expect(paths).toContain('/runs/0/results/1/locations/0/physicalLocation/region/startLine');
  });

  it('is deterministic: same report, same bytes, no timestamps', () => {
    const a = renderSarif(failReport());
    expect(renderSarif(failReport())).toBe(a);
    expect(a).not.toMatch(/TimeUtc|"timestamp"/);
    expect(a.endsWith('}\n')).toBe(true);
  });
});

describe('renderSarif: run shape', () => {
  it('has one run with the paperguard driver and the fixed category', () => {
    const log = sarif(failReport());
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const r = log.runs[0];
    expect(r.automationDetails).toEqual({ id: SARIF_CATEGORY });
    expect(SARIF_CATEGORY).toBe('paperguard/');
    expect(r.tool.driver).toMatchObject({
      name: 'paperguard',
      version: '0.1.0',
      informationUri: 'https://github.com/paperguard/paperguard',
    });
    expect(r.originalUriBaseIds['%SRCROOT%']).toBeDefined();
    expect(r.originalUriBaseIds['%SRCROOT%'].uri).toBeUndefined();
  });

  it('declares every rule of every gate as <gate>/<rule>, then undeclared ones found in findings', () => {
    const rules = run(failReport()).tool.driver.rules;
    expect(rules.map((r: Log) => r.id)).toEqual([
      'live-endpoints/live-host',
      'live-endpoints/live-config',
      'live-endpoints/live-doc',
      'paper-mode/job-not-paper',
      'live-endpoints/expired-exception',
    ]);
    expect(rules[0]).toEqual({
      id: 'live-endpoints/live-host',
      name: 'live-endpoints/live-host',
      shortDescription: { text: LIVE_RULES[0]!.title },
      fullDescription: { text: LIVE_RULES[0]!.description },
      help: {
        text: LIVE_RULES[0]!.help,
        markdown: `${LIVE_RULES[0]!.help}\n\n[Documentation](https://github.com/paperguard/paperguard/blob/main/docs/rules/live-endpoints.md#live-host)`,
      },
      helpUri: 'https://github.com/paperguard/paperguard/blob/main/docs/rules/live-endpoints.md#live-host',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['paperguard', 'live-endpoints'] },
    });
    expect(rules[1].defaultConfiguration.level).toBe('warning');
    expect(rules[2].defaultConfiguration.level).toBe('note');
    expect(rules[4]).toMatchObject({
      shortDescription: { text: 'live-endpoints/expired-exception' },
      help: { text: F.expiredException.help },
      helpUri: 'https://github.com/paperguard/paperguard/blob/main/docs/rules/live-endpoints.md#expired-exception',
    });
  });

  it('caps rule descriptions at 1024 characters and the name at 255, visibly', () => {
    const report = failReport();
    const gate = report.gates[0]!;
    gate.rules = [{ ...LIVE_RULES[0]!, title: 'T'.repeat(2000), description: '😀'.repeat(1000), help: 'H'.repeat(5000) }];
    const rule = run(report).tool.driver.rules[0];
    expect(rule.shortDescription.text).toHaveLength(1024);
    expect(rule.shortDescription.text.endsWith('T…')).toBe(true);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.endsWith('😀…')).toBe(true);
    // help has no GitHub cap: it is not cut.
    expect(rule.help.text).toHaveLength(5000);
    expect(githubSarifProblems(sarif(report))).toEqual([]);
  });

  it('never leaves a rule text empty', () => {
    const report = failReport();
    report.gates[0]!.rules = [{ ...LIVE_RULES[0]!, title: ' ', description: '', help: '' }];
    const rule = run(report).tool.driver.rules[0];
    expect(rule.shortDescription.text).toBe('live-endpoints/live-host');
    expect(rule.fullDescription.text).toBe('live-endpoints/live-host');
    expect(rule.help.text).toBe('live-endpoints/live-host');
  });
});

describe('renderSarif: results', () => {
  it('keeps every finding, suppressed ones included, each pointing at its rule', () => {
    const r = run(failReport());
    expect(r.results).toHaveLength(7);
    for (const res of r.results) expect(r.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it('renders an unsuppressed error with its full region and our fingerprint key only', () => {
    const res = resultAt(run(failReport()), 'src/bot/exchange.py', 42);
    expect(res).toEqual({
      ruleId: 'live-endpoints/live-host',
      ruleIndex: 0,
      level: 'error',
      message: {
        text: 'Live endpoint api.binance.com in runtime code.\nUse testnet.binance.vision, or allowlist the host with a security review.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/bot/exchange.py', uriBaseId: '%SRCROOT%' },
            region: { startLine: 42, startColumn: 17, endLine: 42, endColumn: 40 },
          },
        },
      ],
      partialFingerprints: { 'paperguard/v1': '3f2a9c1d7e8b6a5f' },
    });
    expect(FINGERPRINT_KEY).toBe('paperguard/v1');
  });

  it('maps each severity to its level and omits an unknown end', () => {
    const r = run(failReport());
    const warning = resultAt(r, 'config/live.yaml', 3);
    expect(warning.level).toBe('warning');
    expect(warning.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 1 });
    const note = resultAt(r, 'docs/setup%20guide%231.md', 10);
    expect(note.level).toBe('note');
    expect(note.ruleId).toBe('live-endpoints/live-doc');
  });

  it('percent-encodes path segments so spaces and # keep their meaning', () => {
    const uris = run(failReport()).results.map((res: Log) => res.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('docs/setup%20guide%231.md');
    expect(uris).not.toContain('docs/setup guide#1.md');
  });

  it('marks suppressed findings with the right kind, justification, owner and expiry', () => {
    const r = run(failReport());
    expect(resultAt(r, 'src/legacy/feed.py', 7).suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Read-only market data feed, no order routing.',
        properties: { source: 'policy', owner: '@risk-team', expires: '2026-12-31' },
      },
    ]);
    expect(resultAt(r, 'src/tools/replay.ts', 12).suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Replays recorded public trades only.',
        properties: { source: 'inline' },
      },
    ]);
    expect(resultAt(r, 'tests/fixtures/hosts.txt', 1).suppressions[0]).toMatchObject({
      kind: 'external',
      properties: { source: 'allowlist' },
    });
    expect(resultAt(r, 'src/bot/exchange.py', 42)).not.toHaveProperty('suppressions');
  });

  it('refuses a path that is not repo-relative instead of emitting a result GitHub drops', () => {
    for (const path of ['/abs/x.py', '../x.py', 'a/./b.py', 'C:/x.py', 'a//b.py']) {
      const report = passReport();
      report.gates[0]!.findings = [finding({ rule: 'live-host', path, line: 1, column: 1 })];
      expect(() => renderSarif(report), path).toThrow(/cannot place finding in SARIF/);
    }
  });

  it('encodes a backslash rather than passing it through', () => {
    const report = passReport();
    report.gates[0]!.findings = [finding({ rule: 'live-host', path: 'odd\\name.py', line: 1, column: 1 })];
    const res = run(report).results[0];
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('odd%5Cname.py');
  });
});

describe('renderSarif: invocation', () => {
  it('reports success for pass and fail runs, without notifications', () => {
    expect(run(passReport()).invocations).toEqual([{ executionSuccessful: true }]);
    expect(run(failReport()).invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('reports failure with one notification per gate in error', () => {
    expect(run(errorReport()).invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: `import-smoke: ${GATE_ERROR}` }, properties: { gate: 'import-smoke' } },
        ],
      },
    ]);
    expect(run(errorReport()).properties).toEqual({
      status: 'error',
      policySha256: 'b'.repeat(64),
      commit: 'a'.repeat(40),
    });
  });
});

describe('github upload-rule checker', () => {
  // The checker guards the tests above; prove it can say no.
  it('catches each rule it claims to check', () => {
    const log = sarif(failReport());
    const r = log.runs[0];
    r.tool.driver.rules[0].shortDescription.text = '';
    r.tool.driver.rules[1].fullDescription.text = 'x'.repeat(1025);
    r.tool.driver.rules[2].properties.tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    r.results[0].ruleIndex = 3;
    delete r.results[1].locations[0].physicalLocation.region.startColumn;
    r.results[2].locations[0].physicalLocation.artifactLocation.uri = '../x.py';
    r.results[3].locations[0].physicalLocation.artifactLocation.uri = 'src\\x.py';
    r.results[4].locations[0].physicalLocation.artifactLocation.uri = '/x.py';
    r.results[4].suppressions[0].justification = '';
    r.results[5].partialFingerprints = {};
    r.results[6].partialFingerprints.primaryLocationLineHash = 'abc:1';
    log.runs.push(structuredClone(r));
    const problems = githubSarifProblems(log).filter((p) => p.startsWith('$') || p.startsWith('runs[0]'));
    expect(problems).toEqual([
      '$.runs: 2 runs; paperguard emits exactly one',
      'runs[0].rules[0]: shortDescription.text missing or empty',
      'runs[0].rules[1]: fullDescription.text is 1025 > 1024',
      'runs[0].rules[2]: 21 tags > 20',
      'runs[0].results[0]: ruleIndex 3 does not point at rule live-endpoints/live-doc',
      'runs[0].results[1]: region.startColumn missing or < 1',
      'runs[0].results[2]: uri ../x.py has a dot segment',
      'runs[0].results[3]: uri src\\x.py has a backslash',
      'runs[0].results[4]: uri /x.py is absolute',
      'runs[0].results[4].suppressions[0]: justification missing',
      'runs[0].results[5]: partialFingerprints missing',
      'runs[0].results[6]: primaryLocationLineHash supplied; upload-sarif computes it and warns on mismatch',
    ]);
  });
});
