import { describe, expect, it } from 'vitest';
import { ScanError } from '../../src/core/errors.js';
import { evaluate, parseWorkflow, resolveTemplate, shellCommands, type ExpressionContext } from '../../src/core/workflows.js';

const ctx = (over: Partial<ExpressionContext> = {}): ExpressionContext => ({ matrix: null, env: new Map(), inputs: null, ...over });

describe('parseWorkflow', () => {
  it('keeps positions of jobs, steps and env values', () => {
    const w = parseWorkflow('.github/workflows/ci.yml', [
      'on: push',
      'env:',
      '  A: "1"',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    env: { B: two }',
      '    steps:',
      '      - name: t',
      '        run: |',
      '          pytest',
      '',
    ].join('\n'));
    expect(w.events).toEqual(['push']);
    expect(w.env.vars.get('A')).toMatchObject({ value: '1', line: 3 });
    const job = w.jobs[0]!;
    expect(job).toMatchObject({ id: 'test', line: 5, column: 3 });
    expect(job.env.vars.get('B')?.value).toBe('two');
    expect(job.steps[0]).toMatchObject({ line: 9, column: 9, name: 't', run: 'pytest\n', runLine: 11 });
  });

  it('expands a matrix: product, exclude, include extending and adding combinations', () => {
    const w = parseWorkflow('w.yml', [
      'on: push',
      'jobs:',
      '  t:',
      '    strategy:',
      '      matrix:',
      '        py: ["3.11", "3.12"]',
      '        os: [linux, mac]',
      '        exclude: [{ py: "3.11", os: mac }]',
      '        include:',
      '          - { py: "3.12", mode: live }',
      '          - { py: "3.13", os: linux }',
      '    steps: []',
    ].join('\n'));
    expect(w.jobs[0]!.matrix.combos).toEqual([
      { py: '3.11', os: 'linux' },
      { py: '3.12', os: 'linux', mode: 'live' },
      { py: '3.12', os: 'mac', mode: 'live' },
      { py: '3.13', os: 'linux' },
    ]);
  });

  it('marks a matrix built by an expression as opaque', () => {
    const w = parseWorkflow('w.yml', 'on: push\njobs:\n  t:\n    strategy:\n      matrix: ${{ fromJSON(needs.a.outputs.m) }}\n    steps: []\n');
    expect(w.jobs[0]!.matrix.opaque).toContain('fromJSON');
  });

  it('reads workflow_call inputs with defaults', () => {
    const w = parseWorkflow('w.yml', 'on:\n  workflow_call:\n    inputs:\n      mode: { type: string, default: paper }\n      x: { type: string }\njobs: {}\n');
    expect([...w.callInputs.values()]).toEqual([{ name: 'mode', default: 'paper' }, { name: 'x', default: null }]);
  });

  it('fails with file:line on invalid YAML', () => {
    let err: unknown;
    try {
      parseWorkflow('.github/workflows/bad.yml', 'on: push\njobs:\n  t:\n    steps: [oops\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(/^\.github\/workflows\/bad\.yml:\d+:\d+: invalid workflow YAML/);
  });
});

describe('expressions', () => {
  it('resolves matrix, env and inputs, with || and == idioms', () => {
    const c = ctx({ matrix: { mode: 'paper', cfg: { m: 'x' } }, env: new Map([['MODE', { ok: true, value: 'live' }]]), inputs: new Map([['m', { ok: true, value: 'paper' }]]) });
    expect(resolveTemplate('${{ matrix.mode }}', c)).toEqual({ ok: true, value: 'paper' });
    expect(resolveTemplate('${{ matrix.cfg.m }}-${{ env.MODE }}', c)).toEqual({ ok: true, value: 'x-live' });
    expect(resolveTemplate("${{ matrix.missing || 'paper' }}", c)).toEqual({ ok: true, value: 'paper' });
    expect(resolveTemplate("${{ matrix.mode == 'PAPER' && 'yes' || 'no' }}", c)).toEqual({ ok: true, value: 'yes' });
    expect(resolveTemplate('${{ inputs.m }}', c)).toEqual({ ok: true, value: 'paper' });
  });

  it('leaves every other context, and functions, unresolved', () => {
    for (const e of ['vars.MODE', 'secrets.X', 'github.ref', "format('{0}', matrix.a)", 'needs.a.outputs.b', 'steps.x.outputs.y']) {
      const r = evaluate(e, ctx({ matrix: { a: 'paper' } }));
      expect(r.ok, e).toBe(false);
    }
    expect(resolveTemplate('${{ inputs.x }}', ctx()).ok).toBe(false);
    expect(resolveTemplate('${{ env.X }}', ctx({ env: null })).ok).toBe(false);
    expect(resolveTemplate('${{ matrix.x }}', ctx()).ok).toBe(false);
  });

  it('an unresolved env value poisons what reads it', () => {
    const r = resolveTemplate('${{ env.MODE }}', ctx({ env: new Map([['MODE', { ok: false, reason: 'a secret' }]]) }));
    expect(r).toEqual({ ok: false, reason: 'env.MODE: a secret' });
  });
});

describe('shellCommands', () => {
  it('splits commands, reads prefixes, exports and $GITHUB_ENV writes, ignores comments', () => {
    const cmds = shellCommands('export A=1 && TRADING_MODE=paper pytest -q  # TRADING_MODE=live\necho "B=2" >> "$GITHUB_ENV"\nX=3\nfoo \\\n  bar');
    expect(cmds.map((c) => c.words.join(' '))).toEqual(['export A=1', 'pytest -q', 'echo B=2', '', 'foo bar']);
    expect(cmds[0]!.exports.get('A')).toBe('1');
    expect(cmds[1]!.assignments.get('TRADING_MODE')).toBe('paper');
    expect(cmds[2]!.githubEnv.get('B')).toBe('2');
    expect(cmds[3]!.exports.get('X')).toBe('3');
    expect(cmds[4]!.line).toBe(4);
  });

  it('skips heredoc bodies', () => {
    const cmds = shellCommands("cat <<'EOF' > x\npytest inside heredoc\nEOF\npytest");
    expect(cmds.map((c) => c.words[0])).toEqual(['cat', 'pytest']);
  });
});
