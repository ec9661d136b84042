import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/core/finding.js';
import { overallStatus, gateStatus, type GateReport, type Report } from '../../src/core/report.js';
import { escapeMarkdown, renderGithub } from '../../src/reporters/github.js';
import { SUMMARY_LIMIT_BYTES } from '../../src/core/runner-io.js';
import { parseCommandLine, stdoutLines } from './runner-protocol.js';

function finding(i: number, severity: Severity, extra: Partial<Finding> = {}): Finding {
  return {
    gate: 'live-endpoints',
    rule: 'live-host',
    severity,
    path: `src/file${String(i).padStart(6, '0')}.py`,
    line: (i % 97) + 1,
    column: 5,
    message: `Live endpoint api.example.com in runtime code (#${i})`,
    help: 'Use the paper endpoint, or add an exception with a reason.',
    fingerprint: `fp${i}`,
    ...extra,
  };
}

function gate(findings: Finding[], extra: Partial<GateReport> = {}): GateReport {
  return {
    id: 'live-endpoints',
    title: 'Live endpoints',
    status: gateStatus(findings),
    stats: { filesScanned: 42, rulesRun: 3 },
    rules: [
      {
        id: 'live-host',
        title: 'Live host',
        description: 'A live endpoint is referenced.',
        defaultSeverity: 'error',
        help: 'Use the paper endpoint.',
        helpUri: 'https://github.com/paperguard/paperguard/blob/main/docs/rules/live-endpoints.md#live-host',
      },
    ],
    findings,
    ...extra,
  };
}

function report(gates: GateReport[]): Report {
  return {
    version: 1,
    tool: { name: 'paperguard', version: '0.1.0' },
    repo: { root: '/repo', commit: 'abc123' },
    policy: { sources: ['.github/paperguard.yml'], sha256: 'f'.repeat(64) },
    base: null,
    inventory: { files: 100, skipped: { binary: 0, tooLarge: 0, outsideRepo: 0 } },
    status: overallStatus(gates),
    gates,
  };
}

const many = (n: number, severity: Severity, offset = 0): Finding[] =>
  Array.from({ length: n }, (_, i) => finding(i + offset, severity));

/** What the runner would make of our annotations printed to stdout, one per line. */
function runnerCommands(annotations: string[]) {
  const stdout = annotations.map((a) => `${a}\n`).join('');
  return stdoutLines(stdout)
    .map(parseCommandLine)
    .filter((c) => c !== null);
}

const countLevel = (annotations: string[], level: string) => runnerCommands(annotations).filter((c) => c.command === level).length;

describe('renderGithub annotations', () => {
  it('shows 10 of 25 errors and one overflow notice', () => {
    const { annotations } = renderGithub(report([gate(many(25, 'error'))]));
    expect(annotations).toHaveLength(11);
    expect(annotations.filter((a) => a.startsWith('::error '))).toHaveLength(10);
    const last = parseCommandLine(annotations[10] ?? '');
    expect(last?.command).toBe('notice');
    expect(last?.data).toBe('15 more findings not shown as annotations; see the job summary');
  });

  it('maps severities to levels and reserves a notice slot for the overflow line', () => {
    const findings = [...many(12, 'error'), ...many(3, 'warning', 100), ...many(12, 'note', 200)];
    const { annotations } = renderGithub(report([gate(findings)]));
    expect(countLevel(annotations, 'error')).toBe(10);
    expect(countLevel(annotations, 'warning')).toBe(3);
    // 9 notes + the overflow notice: the runner keeps only 10 notices per step.
    expect(countLevel(annotations, 'notice')).toBe(10);
    expect(parseCommandLine(annotations.at(-1) ?? '')?.data).toMatch(/^5 more findings/);
  });

  it('uses all 10 notice slots for notes when nothing overflows', () => {
    const { annotations } = renderGithub(report([gate(many(10, 'note'))]));
    expect(annotations).toHaveLength(10);
    expect(annotations.every((a) => a.startsWith('::notice file='))).toBe(true);
  });

  it('orders by severity, then path and line, and carries the location and rule', () => {
    const findings = [
      finding(3, 'warning'),
      finding(2, 'error', { line: 9 }),
      finding(2, 'error', { line: 4, endLine: 4, endColumn: 12 }),
      finding(1, 'note'),
    ];
    const commands = runnerCommands(renderGithub(report([gate(findings)])).annotations);
    expect(commands.map((c) => [c.command, c.properties.file, c.properties.line])).toEqual([
      ['error', 'src/file000002.py', '4'],
      ['error', 'src/file000002.py', '9'],
      ['warning', 'src/file000003.py', '4'],
      ['notice', 'src/file000001.py', '2'],
    ]);
    expect(commands[0]?.properties).toMatchObject({ col: '5', endLine: '4', endColumn: '12', title: 'paperguard live-endpoints/live-host' });
    expect(commands[0]?.data).toContain('How to fix: Use the paper endpoint');
  });

  it('does not annotate suppressed findings', () => {
    const suppressed = finding(1, 'error', { suppressed: { kind: 'policy', reason: 'sandbox only', owner: 'sec' } });
    expect(renderGithub(report([gate([suppressed])])).annotations).toEqual([]);
  });
});

describe('hostile finding text', () => {
  const payloads = [
    'innocent\n::set-output name=status::pass',
    'x\r\n::error file=a.py,line=1::forged error',
    '%0A::warning::escaped newline trick %25 %0D',
    '##[set-output name=status;]pass',
    '  ::add-mask::secret',
    '::stop-commands::tok\n::endgroup::',
    'cell | breaker\n| forged | row |',
  ];
  const findings = payloads.map((message, i) =>
    finding(i, i % 2 ? 'warning' : 'error', {
      message,
      help: message,
      path: `src/${message.replace(/\n/g, '')}.py`,
      rule: `rule,${i}::x`,
    }),
  );

  it('cannot make stdout carry any command but our annotations', () => {
    const { annotations } = renderGithub(report([gate(findings)]));
    const stdout = annotations.map((a) => `${a}\n`).join('');
    const lines = stdoutLines(stdout).filter((l) => l !== '');

    expect(lines).toHaveLength(annotations.length);
    for (const line of lines) {
      // Every line that looks like a command is one of ours, and the runner
      // sees exactly the annotation we meant: level, location and message intact.
      if (line.trimStart().startsWith('::')) expect(annotations).toContain(line);
      const cmd = parseCommandLine(line);
      expect(cmd).not.toBeNull();
      expect(['error', 'warning', 'notice']).toContain(cmd?.command);
    }
    const commands = runnerCommands(annotations);
    expect(commands).toHaveLength(payloads.length);
    for (const f of findings) {
      expect(commands).toContainEqual({
        command: f.severity === 'error' ? 'error' : 'warning',
        properties: { file: f.path, line: String(f.line), col: '5', title: `paperguard live-endpoints/${f.rule}` },
        data: `${f.message}\n\nHow to fix: ${f.help}`,
      });
    }
  });

  it('cannot add rows, columns or markup to the summary tables', () => {
    const { summary } = renderGithub(report([gate(findings, { summary: ['a | b\n## forged heading'], error: 'boom\n| x |' })]));
    const rows = summary.split('\n').filter((l) => l.startsWith('| error') || l.startsWith('| warning'));
    expect(rows).toHaveLength(payloads.length);
    for (const row of rows) {
      // Four cells: five unescaped pipes.
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(5);
    }
    expect(summary).not.toMatch(/^## forged/m);
    expect(summary).not.toMatch(/^\| x \|/m);
  });
});

describe('renderGithub summary', () => {
  it('has the overall status, a gate table, gate errors, gate notes and the findings', () => {
    const ok = gate([finding(1, 'warning')], { id: 'paper-mode', title: 'Paper mode', summary: ['3 CI jobs set TRADING_MODE=paper'] });
    const broken = gate([], { id: 'import-smoke', title: 'Import smoke', status: 'error', error: 'src/x.py:3: cannot parse' });
    const failing = gate([
      finding(2, 'error'),
      finding(3, 'error', { suppressed: { kind: 'inline', reason: 'test double', owner: 'alice', expires: '2027-01-01' } }),
    ]);
    const { summary } = renderGithub(report([failing, ok, broken]));

    expect(summary).toMatch(/^## paperguard: ⚠️ error\n/);
    expect(summary).toContain('| Gate | Status | Files scanned | Errors | Warnings | Notes | Suppressed |');
    expect(summary).toContain('| live-endpoints | ❌ fail | 42 | 1 | 0 | 0 | 1 |');
    expect(summary).toContain('| paper-mode | ✅ pass | 42 | 0 | 1 | 0 | 0 |');
    expect(summary).toContain('| import-smoke | ⚠️ error | 42 | 0 | 0 | 0 | 0 |');
    expect(summary).toContain('- **import-smoke**: src/x.py:3: cannot parse');
    expect(summary).toContain('- 3 CI jobs set TRADING\\_MODE=paper');
    expect(summary).toContain(
      '| error | [live-endpoints/live-host](https://github.com/paperguard/paperguard/blob/main/docs/rules/live-endpoints.md#live-host) | src/file000002.py:3:5 |',
    );
    expect(summary).toContain('| error (suppressed) |');
    expect(summary).toContain('Suppressed (inline exception, owner alice, expires 2027-01-01): test double');
    // Unsuppressed rows come before suppressed ones.
    expect(summary.indexOf('| error (suppressed)')).toBeGreaterThan(summary.indexOf('| warning |'));
  });

  it('mentions findings that did not fit in the annotations', () => {
    expect(renderGithub(report([gate(many(12, 'error'))])).summary).toContain('2 unsuppressed findings are listed only below');
    expect(renderGithub(report([gate(many(3, 'error'))])).summary).not.toContain('listed only below');
  });

  it('stays under 1 MiB with 100k findings and says how many rows it left out', () => {
    const findings = [...many(60_000, 'error'), ...many(40_000, 'warning', 60_000)];
    const started = Date.now();
    const { summary, annotations } = renderGithub(report([gate(findings)]));
    expect(Date.now() - started).toBeLessThan(5_000);

    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThan(SUMMARY_LIMIT_BYTES);
    const shownRows = summary.split('\n').filter((l) => /^\| (error|warning) \|/.test(l)).length;
    const omitted = Number(/(\d+) more rows omitted/.exec(summary)?.[1]);
    expect(shownRows).toBeGreaterThan(1_000);
    expect(shownRows + omitted).toBe(100_000);
    expect(annotations).toHaveLength(21);
  });

  it('honours a smaller byte budget', () => {
    const { summary } = renderGithub(report([gate(many(1_000, 'error'))]), { summaryBudgetBytes: 20_000 });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(20_000);
    expect(summary).toMatch(/\d+ more rows omitted/);
  });
});

describe('escapeMarkdown', () => {
  it('neutralises table, emphasis, link, code and HTML syntax and line breaks', () => {
    expect(escapeMarkdown('a|b *c* _d_ [e](f) `g` <h> & ~i~ \\ \r\nj\nk')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` \\<h\\> \\& \\~i\\~ \\\\ <br>j<br>k',
    );
  });
});
