/**
 * Every Gate A rule against its good and bad fixture, and each error path, through the built CLI in a
 * real git repository with the runner's real python3 and node.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, runCli, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, makeRepo, repoFromFixture } from '../helpers/repo.js';
import { reportValidator } from '../reporters/validators.js';

afterAll(cleanupTempDirs);
const validReport = reportValidator();

function run(fixture: string) {
  const dir = repoFromFixture(`import-smoke/${fixture}`);
  const { code, report, stderr } = checkJson(dir, '--gates', 'import-smoke');
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  const gate = report.gates[0]!;
  expect(gate.error, stderr).toBeUndefined();
  expect(gate.stats.filesScanned).toBeGreaterThan(0);
  return { code, dir, findings: summarize(report), messages: gate.findings.map((f) => f.message), gate };
}

/** Python must never leave bytecode in the checked repository, whether compiling or importing. */
function pycacheDirs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => path.basename(p) === '__pycache__' || p.endsWith('.pyc'));
}

describe('python-syntax-error', () => {
  it('bad: each file that does not compile is a finding with line, column and the message, exit 1', () => {
    const { code, findings, messages } = run('python-syntax-error/bad');
    expect(findings).toEqual(['error python-syntax-error src/report.py:1:29', 'error python-syntax-error src/strategy.py:2:19']);
    expect(messages[0]).toMatch(/^SyntaxError: '\(' was never closed \(does not compile with Python 3\.\d+\.\d+\)\.$/);
    expect(messages[1]).toContain("SyntaxError: expected ':'");
    expect(code).toBe(1);
  });
  it('good: compiles, exit 0, and no bytecode is written', () => {
    const { code, findings, dir, gate } = run('python-syntax-error/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
    expect(pycacheDirs(dir)).toEqual([]);
    expect(gate.summary?.[0]).toMatch(/^Python 3\.\d+\.\d+ \(.+\): 1 file\(s\) compiled, 0 failed\.$/);
  });
});

describe('sys-path-mutation', () => {
  it('bad: every form of mutation in runtime code, aliases included; comments, strings and conftest.py are not', () => {
    const { code, findings } = run('sys-path-mutation/bad');
    expect(findings).toEqual([10, 11, 12, 13, 14, 15].map((l) => `error sys-path-mutation src/app.py:${l}:1`).concat('error sys-path-mutation src/app.py:19:5'));
    expect(code).toBe(1);
  });
  it('good: reading and copying sys.path, mentions in comments and strings, tests: nothing', () => {
    const { code, findings } = run('sys-path-mutation/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('relative-import-in-script', () => {
  it('bad: a __main__ script outside a package imports relatively', () => {
    const { code, findings, messages } = run('relative-import-in-script/bad');
    expect(findings).toEqual(['error relative-import-in-script tools/backfill.py:1:1']);
    expect(messages[0]).toContain('no known parent package');
    expect(code).toBe(1);
  });
  it('good: absolute imports in scripts, relative imports inside a package', () => {
    const { code, findings } = run('relative-import-in-script/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('entrypoint-import-failed', () => {
  it('bad: an import that connects, hangs, raises, is missing, or runs as a script without its package', () => {
    const { code, findings, messages, dir } = run('entrypoint-import-failed/bad');
    expect(findings).toEqual([
      'error entrypoint-import-failed .github/paperguard.yml:5:1',
      'error entrypoint-import-failed mybot/config.py:3:1',
      'error entrypoint-import-failed mybot/feed.py:4:1',
      'error entrypoint-import-failed mybot/stuck.py:1:1',
      'error entrypoint-import-failed scripts/run_live.py:2:1',
    ]);
    expect(messages).toEqual([
      "Python entrypoint mybot.absent raised ModuleNotFoundError: No module named 'mybot.absent'.",
      "Python entrypoint mybot.config raised KeyError: 'api_key'.",
      "Python entrypoint mybot.feed reached for the network (socket.create_connection('feed.example.invalid', 443)) with the network blocked.",
      'Python entrypoint mybot.stuck did not finish within 2 s (timeout): the import hangs or waits on something.',
      "Python entrypoint scripts/run_live.py raised ModuleNotFoundError: No module named 'mybot'.",
    ]);
    expect(code).toBe(1);
    expect(pycacheDirs(dir)).toEqual([]);
  }, 30_000);
  it('good: importing does not connect; a script entrypoint does not run its __main__ block', () => {
    const { code, findings } = run('entrypoint-import-failed/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('js-parse-error', () => {
  it('bad: a TypeScript and a CommonJS file that do not parse, with line and column', () => {
    const { code, findings, messages } = run('js-parse-error/bad');
    expect(findings).toEqual(['error js-parse-error src/legacy.cjs:2:13', 'error js-parse-error src/orders.ts:5:39']);
    expect(messages[1]).toBe('src/orders.ts does not parse: Unexpected token.');
    expect(code).toBe(1);
  });
  it('good: decorators, TSX, JSX, top-level await, top-level return in CommonJS, declaration files', () => {
    const { code, findings, gate } = run('js-parse-error/good');
    expect(findings).toEqual([]);
    expect(gate.stats.jsFiles).toBe(6);
    expect(code).toBe(0);
  });
});

describe('node-entrypoint-import-failed', () => {
  it('bad: an import that connects, throws or hangs', () => {
    const { code, findings, messages } = run('node-entrypoint-import-failed/bad');
    expect(findings).toEqual([
      'error node-entrypoint-import-failed dist/boom.mjs:1:1',
      'error node-entrypoint-import-failed dist/server.js:1:1',
      'error node-entrypoint-import-failed dist/stuck.mjs:1:1',
    ]);
    expect(messages[0]).toBe('Node entrypoint dist/boom.mjs raised TypeError: BROKER_URL is not set.');
    expect(messages[1]).toMatch(/^Node entrypoint dist\/server\.js reached for the network \(net\.Socket\.connect\(.*feed\.example\.invalid.*\)\) with the network blocked\.$/);
    expect(messages[2]).toContain('did not finish within 2 s (timeout)');
    expect(code).toBe(1);
  }, 30_000);
  it('good: the module only exports a start function', () => {
    const { code, findings } = run('node-entrypoint-import-failed/good');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('error paths exit 3, never a pass', () => {
  it('no Python interpreter: the message names the interpreter and the policy key', () => {
    const dir = makeRepo({ 'bot.py': 'x = 1\n', '.github/paperguard.yml': 'version: 1\nimport-smoke:\n  python: /nonexistent/bin/python3\n' });
    const r = runCli(['check', dir, '--gates', 'import-smoke']);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('Python interpreter "/nonexistent/bin/python3" (policy key import-smoke.python) was not found');
  });
  it('an interpreter that is not Python 3 fails the gate', () => {
    const dir = makeRepo({ 'bot.py': 'x = 1\n', '.github/paperguard.yml': 'version: 1\nimport-smoke:\n  python: /bin/false\n' });
    const { code, report } = checkJson(dir, '--gates', 'import-smoke');
    expect(code).toBe(3);
    expect(report.gates[0]?.error).toMatch(/Python interpreter "\/bin\/false" .*failed while compiling/);
  });
  it('without Python files the interpreter is not needed', () => {
    const dir = makeRepo({ 'a.ts': 'export const a = 1;\n', '.github/paperguard.yml': 'version: 1\nimport-smoke:\n  python: /nonexistent/bin/python3\n' });
    expect(checkJson(dir, '--gates', 'import-smoke').code).toBe(0);
  });
  it('no file in scope is an error', () => {
    const { code, report } = checkJson(makeRepo({ 'README.md': '# x\n' }), '--gates', 'import-smoke');
    expect(code).toBe(3);
    expect(report.gates[0]?.error).toContain('saw zero files');
  });
  it('the policy rejects an unknown key and a bad entrypoint', () => {
    const bad = runCli(['check', makeRepo({ 'a.py': '' , '.github/paperguard.yml': 'version: 1\nimport-smoke:\n  entrypoints:\n    node: [server.ts]\n' }), '--gates', 'import-smoke']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('$["import-smoke"].entrypoints.node[0]');
  });
});

it('fixtures exist for every rule', () => {
  for (const rule of ['python-syntax-error', 'sys-path-mutation', 'relative-import-in-script', 'entrypoint-import-failed', 'js-parse-error', 'node-entrypoint-import-failed']) {
    for (const kind of ['good', 'bad']) expect(existsSync(path.join('fixtures/import-smoke', rule, kind)), `${rule}/${kind}`).toBe(true);
  }
});
