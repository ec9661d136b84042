/**
 * The test-job analysis over parsed workflows: env precedence, $GITHUB_ENV, export, inline
 * prefixes, matrices, local reusable workflows, and expressions we cannot resolve.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../../src/core/workflows.js';
import { analyseWorkflows } from '../../../src/gates/paper-mode/ci.js';
import type { PaperModePolicy } from '../../../src/gates/paper-mode/policy.js';

const POLICY = {
  mode_variable: 'TRADING_MODE',
  paper_value: 'paper',
  test_commands: ['pytest', 'python -m pytest', 'npm test', 'tox'],
  test_actions: ['acme/pytest-action'],
} as PaperModePolicy;

function run(files: Record<string, string>) {
  const wfs = Object.entries(files).map(([p, t]) => parseWorkflow(p, t));
  const r = analyseWorkflows(wfs, POLICY, () => null);
  return { ...r, summary: r.findings.map((f) => `${f.rule} ${f.path}:${f.line}`) };
}

const wf = (jobs: string, top = '') => `on: push\n${top}jobs:\n${jobs}`;

describe('env precedence', () => {
  it('step env beats job env beats workflow env', () => {
    const r = run({
      'a.yml': wf('  t:\n    env: { TRADING_MODE: live }\n    steps:\n      - env: { TRADING_MODE: paper }\n        run: pytest\n      - run: pytest\n', 'env:\n  TRADING_MODE: paper\n'),
    });
    expect(r.summary).toEqual(['test-job-not-paper a.yml:10']);
    expect(r.findings[0]!.message).toContain('TRADING_MODE="live" from job t env');
  });

  it('an unset mode points at the job, once, however many test steps', () => {
    const r = run({ 'a.yml': wf('  t:\n    steps:\n      - run: pytest\n      - run: npm test\n') });
    expect(r.summary).toEqual(['test-job-not-paper a.yml:3']);
  });

  it('a listed test action is a test step; other actions are not', () => {
    const r = run({ 'a.yml': wf('  t:\n    steps:\n      - uses: acme/pytest-action@v1\n      - uses: actions/checkout@v4\n') });
    expect(r.summary).toEqual(['test-job-not-paper a.yml:3']);
  });
});

describe('$GITHUB_ENV, export and prefixes', () => {
  it('a $GITHUB_ENV write holds for later steps only, and step env beats it', () => {
    const r = run({
      'a.yml': wf([
        '  t:',
        '    env: { TRADING_MODE: paper }',
        '    steps:',
        '      - run: |',
        '          echo "TRADING_MODE=live" >> $GITHUB_ENV',
        '          pytest',
        '      - run: pytest',
        '      - env: { TRADING_MODE: paper }',
        '        run: pytest',
        '',
      ].join('\n')),
    });
    expect(r.summary).toEqual(['test-job-not-paper a.yml:9']);
  });

  it('export holds for the rest of its script, not for later steps (a new shell each)', () => {
    const r = run({ 'a.yml': wf('  t:\n    steps:\n      - run: |\n          export TRADING_MODE=paper\n          pytest\n      - run: pytest\n') });
    expect(r.summary).toEqual(['test-job-not-paper a.yml:8']);
  });

  it('an inline prefix wins over the job env', () => {
    const r = run({ 'a.yml': wf('  t:\n    env: { TRADING_MODE: live }\n    steps:\n      - run: TRADING_MODE=paper python3 -m pytest\n') });
    expect(r.summary).toEqual([]);
  });
});

describe('matrix', () => {
  it('every combination must be paper; the failing ones are named', () => {
    const r = run({
      'a.yml': wf('  t:\n    strategy:\n      matrix:\n        mode: [paper, live]\n        py: ["3.12"]\n    env: { TRADING_MODE: "${{ matrix.mode }}" }\n    steps:\n      - run: pytest\n'),
    });
    expect(r.summary).toEqual(['test-job-not-paper a.yml:10']);
    expect(r.findings[0]!.message).toContain('for matrix {mode=live, py=3.12}');
  });

  it('all-paper combinations pass', () => {
    const r = run({ 'a.yml': wf('  t:\n    strategy:\n      matrix:\n        py: ["3.11", "3.12"]\n    env: { TRADING_MODE: "${{ matrix.mode || \'paper\' }}" }\n    steps:\n      - run: pytest\n') });
    expect(r.summary).toEqual([]);
  });

  it('a matrix from an expression makes matrix references unresolved', () => {
    const r = run({ 'a.yml': wf('  t:\n    strategy:\n      matrix: ${{ fromJSON(inputs.m) }}\n    env: { TRADING_MODE: "${{ matrix.mode }}" }\n    steps:\n      - run: pytest\n') });
    expect(r.summary).toEqual(['trading-mode-unresolved a.yml:8']);
  });
});

describe('reusable workflows', () => {
  const callee = 'on:\n  workflow_call:\n    inputs:\n      mode: { type: string, default: paper }\njobs:\n  t:\n    env: { TRADING_MODE: "${{ inputs.mode }}" }\n    steps:\n      - run: pytest\n';

  it('follows a local call with what `with:` passes, per caller matrix combination', () => {
    const r = run({
      '.github/workflows/ci.yml': wf('  call:\n    strategy:\n      matrix:\n        m: [paper, live]\n    uses: ./.github/workflows/t.yml\n    with:\n      mode: ${{ matrix.m }}\n'),
      '.github/workflows/t.yml': callee,
    });
    expect(r.summary).toEqual(['test-job-not-paper .github/workflows/t.yml:9']);
    expect(r.findings[0]!.message).toContain('.github/workflows/ci.yml job call (m=live)');
  });

  it('uses input defaults when the caller passes nothing', () => {
    const r = run({ '.github/workflows/ci.yml': wf('  call:\n    uses: ./.github/workflows/t.yml\n'), '.github/workflows/t.yml': callee });
    expect(r.summary).toEqual([]);
  });

  it('env does not reach `with:` (GitHub offers no env context there)', () => {
    const r = run({
      '.github/workflows/ci.yml': wf('  call:\n    uses: ./.github/workflows/t.yml\n    with:\n      mode: ${{ env.M }}\n', 'env:\n  M: paper\n'),
      '.github/workflows/t.yml': callee,
    });
    expect(r.summary).toEqual(['trading-mode-unresolved .github/workflows/t.yml:9']);
  });

  it('a called workflow missing from the repository is unresolved at the calling job', () => {
    const r = run({ '.github/workflows/ci.yml': wf('  call:\n    uses: ./.github/workflows/gone.yml\n') });
    expect(r.summary).toEqual(['trading-mode-unresolved .github/workflows/ci.yml:3']);
  });
});

describe('unresolvable expressions', () => {
  it('vars, secrets and shell expansions are findings, not passes', () => {
    const r = run({
      'a.yml': wf('  a:\n    env: { TRADING_MODE: "${{ vars.MODE }}" }\n    steps:\n      - run: pytest\n  b:\n    steps:\n      - run: TRADING_MODE=$(cat mode) pytest\n  c:\n    env: ${{ fromJSON(secrets.ENV) }}\n    steps:\n      - run: pytest\n'),
    });
    expect(r.summary).toEqual(['trading-mode-unresolved a.yml:6', 'trading-mode-unresolved a.yml:9', 'trading-mode-unresolved a.yml:13']);
  });
});

describe('what a pytest run covers', () => {
  it('records paths relative to the working directory, cd, and --ignore', () => {
    const r = run({
      'a.yml': wf('  t:\n    env: { TRADING_MODE: paper }\n    defaults:\n      run:\n        working-directory: pkg\n    steps:\n      - run: pytest tests/unit --ignore tests/unit/slow -k "not x"\n      - run: cd .. && uv run --no-sync pytest\n      - run: tox\n'),
    });
    expect(r.runs.map((x) => ({ paths: x.paths, ignored: x.ignored }))).toEqual([
      { paths: ['pkg/tests/unit'], ignored: ['pkg/tests/unit/slow'] },
      { paths: [''], ignored: [] },
      { paths: ['pkg'], ignored: [] },
    ]);
  });
});
