import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  annotation,
  appendSummary,
  fitSummary,
  formatOutput,
  getInput,
  MAX_ANNOTATION_MESSAGE,
  newDelimiter,
  setOutput,
  SUMMARY_LIMIT_BYTES,
} from '../../src/core/runner-io.js';
import { parseCommandLine, parseEnvFile, stdoutLines } from './runner-protocol.js';

const HOSTILE = [
  'line one\n::set-output name=status::pass',
  '\r\n::error::forged\n',
  'literal %0A and %25 and %2C and %3A and %0D',
  '100% sure: a,b,c :: d',
  'status<<EOF\npass\nEOF',
  '##[set-output name=status;]pass',
  '%',
  '',
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperguard-runner-io-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('getInput', () => {
  it('reads the runner spelling: spaces to underscores, upper-cased, hyphens kept', () => {
    expect(getInput('sarif-file', { 'INPUT_SARIF-FILE': 'out.sarif' })).toBe('out.sarif');
    expect(getInput('my input', { INPUT_MY_INPUT: 'x' })).toBe('x');
  });

  it('falls back to the underscore spelling that composite actions pass through env', () => {
    expect(getInput('sarif-file', { INPUT_SARIF_FILE: 'c.sarif' })).toBe('c.sarif');
    expect(getInput('github-token', { INPUT_GITHUB_TOKEN: 't' })).toBe('t');
  });

  it('prefers the runner spelling when both are set, even when it is empty', () => {
    expect(getInput('sarif-file', { 'INPUT_SARIF-FILE': 'a', INPUT_SARIF_FILE: 'b' })).toBe('a');
    expect(getInput('sarif-file', { 'INPUT_SARIF-FILE': '', INPUT_SARIF_FILE: 'b' })).toBe('');
  });

  it('trims, and gives an empty string for a missing input', () => {
    expect(getInput('policy', { INPUT_POLICY: '  p.yml \n' })).toBe('p.yml');
    expect(getInput('policy', {})).toBe('');
  });
});

describe('annotation', () => {
  it('matches the escaping @actions/core produces', () => {
    expect(annotation('error', 'bad thing: 50%\nsecond line', { file: 'src/a,b.ts', line: 3, title: 'T: x' })).toBe(
      '::error file=src/a%2Cb.ts,line=3,title=T%3A x::bad thing: 50%25%0Asecond line',
    );
    expect(annotation('notice', 'plain')).toBe('::notice::plain');
  });

  it.each(HOSTILE)('round-trips %j through the runner parser as one command', (text) => {
    const line = annotation('warning', text, { file: `dir/${text}.py`, line: 7, col: 2, endLine: 7, endColumn: 9, title: text });
    expect(stdoutLines(line)).toHaveLength(1);
    const parsed = parseCommandLine(line);
    expect(parsed).not.toBeNull();
    expect(parsed?.command).toBe('warning');
    expect(parsed?.data).toBe(text);
    expect(parsed?.properties).toEqual({
      file: `dir/${text}.py`,
      line: '7',
      col: '2',
      endLine: '7',
      endColumn: '9',
      ...(text ? { title: text } : {}),
    });
  });

  it('caps messages at the runner limit without splitting a surrogate pair', () => {
    const long = `${'a'.repeat(MAX_ANNOTATION_MESSAGE - 2)}😀${'b'.repeat(100)}`;
    const data = parseCommandLine(annotation('error', long))?.data ?? '';
    expect(data.length).toBeLessThanOrEqual(MAX_ANNOTATION_MESSAGE);
    expect(data.endsWith('…')).toBe(true);
    expect(data).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const exact = 'x'.repeat(MAX_ANNOTATION_MESSAGE);
    expect(parseCommandLine(annotation('error', exact))?.data).toBe(exact);
  });

  it('writes debug lines as escaped data, without properties', () => {
    const line = annotation('debug', 'x\n::error::forged', { file: 'f', line: 1 });
    expect(line).toBe('::debug::x%0A::error::forged');
    expect(parseCommandLine(line)).toEqual({ command: 'debug', properties: {}, data: 'x\n::error::forged' });
  });

  it('leaves out line and column values that are not positive integers', () => {
    expect(annotation('error', 'm', { file: 'f', line: 0, col: -1, endLine: 2.5 })).toBe('::error file=f::m');
  });
});

describe('setOutput', () => {
  it('writes heredoc records that the runner parses back exactly, hostile values included', () => {
    const file = join(dir, 'output');
    writeFileSync(file, '');
    const env = { GITHUB_OUTPUT: file };
    const write = vi.spyOn(process.stdout, 'write');
    HOSTILE.forEach((value, i) => setOutput(`out_${i}`, value, env));
    setOutput('status', 'fail', env);

    expect(write).not.toHaveBeenCalled();
    const parsed = parseEnvFile(readFileSync(file, 'utf8'));
    expect(parsed).toEqual([...HOSTILE.map((v, i): [string, string] => [`out_${i}`, v]), ['status', 'fail']]);
  });

  it('uses a fresh random delimiter for every value', () => {
    expect(newDelimiter()).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(newDelimiter()).not.toBe(newDelimiter());
  });

  it('refuses a value that contains the delimiter, which could end the heredoc early', () => {
    const delimiter = 'ghadelimiter_fixed';
    const evil = `x\n${delimiter}\nstatus<<${delimiter}\npass`;
    expect(() => formatOutput('status', evil, delimiter)).toThrow(/delimiter/);
    // With a delimiter it does not contain, the same value is one piece of data,
    // also for the Windows runner, which reads CRLF as a line end.
    const crlf = evil.replace(/\n/g, '\r\n');
    const record = formatOutput('status', crlf, 'ghadelimiter_other');
    expect(parseEnvFile(record, 'linux')).toEqual([['status', crlf]]);
    expect(parseEnvFile(record, 'windows')).toEqual([['status', crlf]]);
  });

  it('rejects output names the env-file parser would misread', () => {
    for (const name of ['a=b', 'a<<b', 'a\nb', '', '1x']) expect(() => formatOutput(name, 'v', 'D')).toThrow(/name/);
  });

  it('throws instead of falling back to ::set-output when GITHUB_OUTPUT is unset', () => {
    const write = vi.spyOn(process.stdout, 'write');
    expect(() => setOutput('status', 'pass', {})).toThrow(/GITHUB_OUTPUT/);
    expect(write).not.toHaveBeenCalled();
  });
});

describe('step summary', () => {
  it('appends Markdown to GITHUB_STEP_SUMMARY, creating the file if needed', () => {
    const file = join(dir, 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: file };
    expect(appendSummary('# one\n', env).truncated).toBe(false);
    appendSummary('two\n', env);
    expect(readFileSync(file, 'utf8')).toBe('# one\ntwo\n');
  });

  it('throws when GITHUB_STEP_SUMMARY is unset', () => {
    expect(() => appendSummary('x', {})).toThrow(/GITHUB_STEP_SUMMARY/);
  });

  it('keeps the file within 1 MiB, cutting on a line and saying so', () => {
    const file = join(dir, 'summary.md');
    writeFileSync(file, 'p'.repeat(SUMMARY_LIMIT_BYTES - 50_000));
    const rows = Array.from({ length: 5_000 }, (_, i) => `| row ${i} | ünïcödé ✓ |`).join('\n');
    const result = appendSummary(`${rows}\n`, { GITHUB_STEP_SUMMARY: file });

    expect(result.truncated).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    const appended = readFileSync(file, 'utf8').slice(SUMMARY_LIMIT_BYTES - 50_000);
    expect(appended).toMatch(/summary truncated/);
    // Every kept row is whole: the cut landed on a line boundary.
    const kept = appended.split('\n').filter((l) => l.startsWith('|'));
    expect(kept.length).toBeGreaterThan(100);
    for (const row of kept) expect(row).toMatch(/^\| row \d+ \| ünïcödé ✓ \|$/);
  });

  it('never splits a multi-byte character, even with no line break to cut at', () => {
    const fitted = fitSummary('€'.repeat(10_000), 0, 10_000);
    expect(Buffer.byteLength(fitted.text)).toBeLessThanOrEqual(10_000);
    expect(fitted.text).not.toContain('\uFFFD');
    expect(fitted.text.startsWith('€€€')).toBe(true);
  });

  it('writes nothing when not even the truncation notice fits', () => {
    expect(fitSummary('x'.repeat(100), SUMMARY_LIMIT_BYTES - 10)).toEqual({ text: '', truncated: true });
  });
});
