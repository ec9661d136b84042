/**
 * The example policies for common risk settings: each validates against the policy schema, and each
 * passes a configuration inside its bounds and fails one outside them, through the built CLI.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJson, summarize } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, makeRepo, PROJECT_ROOT, writeFiles } from '../helpers/repo.js';
import { loadPolicy } from '../../src/core/policy.js';
import { GATES } from '../../src/gates/registry.js';
import { CAPABILITIES } from '../../src/capabilities/registry.js';
import type { ConfigBoundsPolicy } from '../../src/gates/config-bounds/policy.js';

afterAll(cleanupTempDirs);
const DIR = path.join(PROJECT_ROOT, 'policies', 'examples');

/** Per example: files inside the bounds, then a change that breaks them, and the findings expected. */
const CASES: Record<string, { good: Record<string, string>; bad: Record<string, string>; findings: string[] }> = {
  'risk-leverage.yml': {
    good: { 'config/risk.yaml': 'risk:\n  leverage: 2\n  max_leverage: 3\n' },
    bad: { 'config/risk.yaml': 'risk:\n  leverage: 4\n  max_leverage: 8\n' },
    findings: ['error bounds config/risk.yaml:2:13', 'error bounds config/risk.yaml:3:17', 'error bounds config/risk.yaml:3:17'],
  },
  'risk-max-loss-per-trade.yml': {
    good: { 'config/risk.yaml': 'risk:\n  max_loss_per_trade: 0.01\n' },
    bad: { 'config/risk.yaml': 'risk:\n  max_loss_per_trade: 0.03\n' },
    findings: ['error bounds config/risk.yaml:2:23', 'error bounds config/risk.yaml:2:23'],
  },
  'risk-max-total-risk.yml': {
    good: { 'config/risk.yaml': 'risk:\n  max_total_risk: 0.05\n  max_open_positions: 3\n' },
    bad: { 'config/risk.yaml': 'risk:\n  max_total_risk: 0.06\n  max_open_positions: 12\n' },
    findings: ['error bounds config/risk.yaml:3:23'],
  },
  'risk-stop-loss-distance.yml': {
    good: { 'config/risk.yaml': 'risk:\n  stop_loss_distance: 0.02\n' },
    bad: { 'config/risk.yaml': 'risk:\n  stop_loss_distance: 0.025\n' },
    findings: ['error blacklist config/risk.yaml:2:23'],
  },
  'risk-recovery-sizing-off.yml': {
    good: { 'config/risk.yaml': 'risk:\n  recovery_sizing: false\n', '.env': 'RECOVERY_SIZING=false\n' },
    bad: { 'config/risk.yaml': 'risk:\n  recovery_sizing: true\n', '.env': 'RECOVERY_SIZING=true\n' },
    findings: ['error bounds .env:1:17', 'error bounds config/risk.yaml:2:20'],
  },
};

describe('example risk policies', () => {
  it('every policies/examples/risk-*.yml has a case here', () => {
    expect(readdirSync(DIR).filter((f) => /^risk-.*\.yml$/.test(f)).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (file, c) => {
    it('validates against the policy schema and governs at least one key', () => {
      const loaded = loadPolicy({ root: PROJECT_ROOT, repoPolicy: path.join(DIR, file), gates: GATES, capabilities: CAPABILITIES });
      const section = loaded.policy.sections['config-bounds'] as ConfigBoundsPolicy;
      expect(section.files.length).toBeGreaterThan(0);
      expect(loaded.policy.gates).toEqual(['config-bounds']);
    });
    it('passes inside the bounds and fails outside them', () => {
      const dir = makeRepo(c.good);
      const base = commitAll(dir, 'base');
      const policy = path.join(DIR, file);
      expect(checkJson(dir, '--policy', policy, '--base', base).code).toBe(0);
      writeFiles(dir, c.bad);
      commitAll(dir, 'change');
      const { code, report } = checkJson(dir, '--policy', policy, '--base', base);
      expect(summarize(report)).toEqual(c.findings);
      expect(code).toBe(1);
    });
  });
});
