import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../src/core/errors.js';
import { loadPolicy, locateRepoPolicy, mergePolicy } from '../../src/core/policy.js';
import { GATES } from '../../src/gates/registry.js';
import { CAPABILITIES } from '../../src/capabilities/registry.js';
import { cleanupTempDirs, tempDir, writeFiles } from '../helpers/repo.js';
import path from 'node:path';

afterAll(cleanupTempDirs);

function loadWith(yaml: string) {
  const root = tempDir();
  writeFiles(root, { '.github/paperguard.yml': yaml });
  return loadPolicy({ root, repoPolicy: path.join(root, '.github/paperguard.yml'), gates: GATES, capabilities: CAPABILITIES });
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('policy', () => {
  it('loads the built-in recommended policy alone', () => {
    const root = tempDir();
    const loaded = loadPolicy({ root, repoPolicy: null, gates: GATES, capabilities: CAPABILITIES });
    expect(loaded.policy.gates).toEqual(['live-endpoints']);
    expect(loaded.policy.exceptions.inline).toBe(true);
    expect(loaded.sources).toEqual(['paperguard:policies/recommended.yml']);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets the repository replace a list and merge a mapping key by key', () => {
    const loaded = loadWith(
      'version: 1\nlive-endpoints:\n  scope:\n    exclude: ["vendor/**"]\n  severity:\n    shared: error\n',
    );
    const section = loaded.policy.sections['live-endpoints'] as {
      scope: { include: string[]; exclude: string[] };
      severity: Record<string, string>;
    };
    expect(section.scope.exclude).toEqual(['vendor/**']);
    expect(section.scope.include.length).toBeGreaterThan(3); // kept from the default
    expect(section.severity).toEqual({ market_data: 'note', shared: 'error', non_runtime: 'note' });
  });

  it('reports an unknown key with its JSON path, file and line', () => {
    const err = configError(() => loadWith('version: 1\nlive-endpoints:\n  scope:\n    includ: ["src/**"]\n'));
    expect(err.message).toBe('$["live-endpoints"].scope.includ: unknown key "includ"');
    expect(err.file).toMatch(/paperguard\.yml$/);
    expect(err.line).toBe(4);
  });

  it('reports an unknown top-level key', () => {
    const err = configError(() => loadWith('version: 1\n\ngatez: [live-endpoints]\n'));
    expect(err.message).toContain('unknown key "gatez"');
    expect(err.line).toBe(3);
  });

  it('rejects an exception without a reason, at the entry line', () => {
    const err = configError(() =>
      loadWith('version: 1\nexceptions:\n  entries:\n    - rule: x\n      path: a.py\n      owner: me\n      expires: 2999-01-01\n'),
    );
    expect(err.message).toContain('$.exceptions.entries[0]');
    expect(err.message).toContain("must have required property 'reason'");
    expect(err.line).toBe(4);
  });

  it('rejects an exception that covers nothing in particular', () => {
    const err = configError(() =>
      loadWith('version: 1\nexceptions:\n  entries:\n    - rule: x\n      reason: r\n      owner: me\n      expires: 2999-01-01\n'),
    );
    expect(err.message).toContain('needs a path or a fingerprint');
  });

  it('rejects a malformed expiry date', () => {
    const err = configError(() =>
      loadWith('version: 1\nexceptions:\n  entries:\n    - rule: x\n      path: a\n      reason: r\n      owner: me\n      expires: next week\n'),
    );
    expect(err.message).toContain('$.exceptions.entries[0].expires');
    expect(err.line).toBe(8);
  });

  it('rejects an unknown gate id with the allowed values', () => {
    const err = configError(() => loadWith('version: 1\ngates: [live-endpoint]\n'));
    expect(err.message).toMatch(/^\$\.gates\[0\]: must be one of .*"live-endpoints"/);
    expect(err.line).toBe(2);
  });

  it('reports invalid YAML with its line', () => {
    const err = configError(() => loadWith('version: 1\nlive-endpoints:\n  scope: [unclosed\n'));
    expect(err.message).toMatch(/^invalid YAML/);
    expect(err.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a duplicate key', () => {
    const err = configError(() => loadWith('version: 1\nversion: 1\n'));
    expect(err.message).toMatch(/invalid YAML/);
  });

  it('rejects a policy that is not a mapping', () => {
    expect(configError(() => loadWith('- a\n- b\n')).message).toContain('must be a YAML mapping');
  });

  it('fails on an explicit policy path that does not exist', () => {
    expect(() => locateRepoPolicy(tempDir(), 'nope.yml', '/')).toThrow(UsageError);
  });

  it('locates the key that set a value, in the source that set it', () => {
    const loaded = loadWith('version: 1\n\nlive-endpoints:\n  allowlist:\n    - host: api.alpaca.markets\n      reason: r\n      owner: o\n      expires: 2999-01-01\n');
    expect(loaded.locate(['live-endpoints', 'allowlist', 0])).toEqual({ path: '.github/paperguard.yml', line: 5 });
  });

  it('merges mappings recursively and replaces lists', () => {
    expect(mergePolicy({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
  });
});
