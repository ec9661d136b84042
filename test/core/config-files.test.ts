import { describe, expect, it } from 'vitest';
import { configFormat, envAssignments, readConfig } from '../../src/core/config-files.js';
import { ScanError } from '../../src/core/errors.js';

const find = (entries: ReturnType<typeof readConfig>, key: string) => entries.find((e) => e.path.join('.') === key);

describe('configFormat', () => {
  it('knows config files by name and extension', () => {
    expect(configFormat('.env')).toBe('env');
    expect(configFormat('deploy/.env.production')).toBe('env');
    expect(configFormat('prod.env')).toBe('env');
    expect(configFormat('docker/Dockerfile')).toBe('dockerfile');
    expect(configFormat('Dockerfile.live')).toBe('dockerfile');
    expect(configFormat('k8s/deploy.yaml')).toBe('yaml');
    expect(configFormat('user_data/config.json')).toBe('json');
    expect(configFormat('pyproject.toml')).toBe('toml');
    expect(configFormat('setup.cfg')).toBe('ini');
    expect(configFormat('src/main.py')).toBeNull();
  });
});

describe('readConfig', () => {
  it('YAML: leaves with the value position, across documents', () => {
    const entries = readConfig('k.yaml', 'a:\n  b: 1\n  c: [x, "y"]\n---\nd: true\n', 'yaml');
    expect(find(entries, 'a.b')).toMatchObject({ value: 1, line: 2, column: 6, document: 0 });
    expect(find(entries, 'a.c.1')).toMatchObject({ value: 'y', line: 3, column: 10 });
    expect(find(entries, 'd')).toMatchObject({ value: true, line: 5, document: 1 });
  });

  it('JSON with comments: comments are not settings', () => {
    const text = '{\n  // "dry_run": true,\n  "dry_run": false, /* "x": 1 */\n  "exchange": {"name": "binance",},\n}\n';
    const entries = readConfig('config.json', text, 'jsonc');
    expect(entries.map((e) => e.path.join('.'))).toEqual(['dry_run', 'exchange.name']);
    expect(find(entries, 'dry_run')).toMatchObject({ value: false, line: 3, column: 14 });
  });

  it('JSON: a syntax error names file, line and column', () => {
    expect(() => readConfig('c.json', '{\n  "a": 1,\n  "b": \n}\n', 'json')).toThrowError(/^c\.json:4:1: invalid JSON: ValueExpected/);
    expect(() => readConfig('c.json', '{\n  // a comment does not hide\n  "a": [1,\n}\n', 'json')).toThrow(ScanError);
  });

  it('JSON: a .json file with comments and trailing commas is read as its tools read it', () => {
    // From freqtrade's config_examples/config_full.example.json and .vscode/extensions.json.
    const text = '{\n  "exchange": {\n    "password": "",\n    // "unknown_fee_rate": 1,\n    "ccxt_config": {}\n  },\n  "recommendations": [\n    "ms-python.python",\n  ]\n}\n';
    const entries = readConfig('config.json', text, 'json');
    expect(entries.map((e) => e.path.join('.'))).toEqual(['exchange.password', 'recommendations.0']);
    expect(find(entries, 'recommendations.0')).toMatchObject({ value: 'ms-python.python', line: 8, column: 5 });
  });

  it('TOML: values from the library, lines from the file', () => {
    const text = 'title = "x"\n\n[risk]\n# leverage = 99\nleverage = 3\n[live]\nenabled = false\n';
    const entries = readConfig('bot.toml', text, 'toml');
    expect(find(entries, 'risk.leverage')).toMatchObject({ value: 3, line: 5, column: 12 });
    expect(find(entries, 'live.enabled')).toMatchObject({ value: false, line: 7 });
    expect(() => readConfig('bad.toml', 'a = \n', 'toml')).toThrowError(/^bad\.toml:1:\d+: invalid TOML/);
  });

  it('INI: sections and keys', () => {
    const entries = readConfig('setup.cfg', '; comment = 1\n[trading]\nmode = live\n', 'ini');
    expect(entries).toEqual([{ path: ['trading', 'mode'], value: 'live', line: 3, column: 8 }]);
  });

  it('YAML: a syntax error names file and line', () => {
    expect(() => readConfig('bad.yml', 'a: [1, 2\nb: 3\n', 'yaml')).toThrowError(/^bad\.yml:\d+: invalid YAML/);
  });
});

describe('envAssignments', () => {
  it('.env lines, export and quotes; comments are nothing', () => {
    const text = '# TRADING_MODE=live\nexport TRADING_MODE="paper"\nDRY_RUN=false # not yet\n';
    expect(envAssignments('.env', text, 'env')).toEqual([
      { name: 'TRADING_MODE', value: 'paper', line: 2, column: 21 },
      { name: 'DRY_RUN', value: 'false', line: 3, column: 9 },
    ]);
  });

  it('Dockerfile ENV and ARG, both forms, with continuations', () => {
    const text = 'FROM python:3.12\n# ENV AGENT_MODE=EXECUTE\nENV AGENT_MODE=EXECUTE \\\n    LOG=1\nENV LEGACY value here\nARG TRADING_MODE=paper\n';
    const found = envAssignments('Dockerfile', text, 'dockerfile').map((a) => `${a.name}=${a.value}@${a.line}`);
    expect(found).toEqual(['AGENT_MODE=EXECUTE@3', 'LOG=1@3', 'LEGACY=value here@5', 'TRADING_MODE=paper@6']);
  });

  it('compose maps and lists, Kubernetes name/value items, workflow env', () => {
    const compose = 'services:\n  bot:\n    environment:\n      - TRADING_MODE=live\n      - OTHER\n  db:\n    environment:\n      AGENT_MODE: EXECUTE\n';
    expect(envAssignments('compose.yml', compose, 'yaml').map((a) => [a.name, a.value, a.line])).toEqual([
      ['TRADING_MODE', 'live', 4],
      ['AGENT_MODE', 'EXECUTE', 8],
    ]);
    const kube = 'spec:\n  containers:\n    - env:\n        - value: live\n          name: TRADING_MODE\n';
    expect(envAssignments('deploy.yaml', kube, 'yaml')).toEqual([{ name: 'TRADING_MODE', value: 'live', line: 4, column: 18 }]);
    const workflow = 'env:\n  TRADING_MODE: paper\njobs:\n  t:\n    env: { LIVE_TRADING: "1" }\n';
    expect(envAssignments('ci.yml', workflow, 'yaml').map((a) => a.name)).toEqual(['TRADING_MODE', 'LIVE_TRADING']);
  });

  it('a key named like a variable outside an env block is not an assignment', () => {
    expect(envAssignments('c.yml', 'docs:\n  TRADING_MODE: live\n', 'yaml')).toEqual([]);
  });
});
