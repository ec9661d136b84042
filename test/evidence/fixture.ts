/** A real repository, a real check report in a job directory, and a bundle collected from them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CAPABILITIES } from '../../src/capabilities/registry.js';
import { loadPolicy, locateRepoPolicy, type LoadedPolicy } from '../../src/core/policy.js';
import { collectEvidence, type CollectOptions } from '../../src/evidence/collect.js';
import { GATES } from '../../src/gates/registry.js';
import type { Logger } from '../../src/gates/types.js';
import { runCli } from '../helpers/cli.js';
import { commitAll, makeRepo, tempDir, writeFiles } from '../helpers/repo.js';

export const quiet: Logger = { debug() {}, info() {}, warn() {} };

export const MANIFEST = {
  version: 1,
  scripts: [{ path: 'scripts/run.sh', category: 'safe', requires_exec_guard: false, owner: '@ops' }],
};

export const JUNIT =
  '<?xml version="1.0"?>\n<testsuite name="unit" tests="1" failures="0"><properties><property name="TRADING_MODE" value="paper"/></properties><testcase name="paper only"/></testsuite>\n';

export function evidenceRepo(extraPolicy = ''): string {
  const repo = makeRepo({
    'scripts/run.sh': '#!/bin/sh\necho hi\n',
    'scripts/ci/script_risk_policy_manifest.json': `${JSON.stringify(MANIFEST, null, 2)}\n`,
    'app/main.py': 'print("paper")\n',
    '.github/paperguard.yml': `version: 1\ngates: [script-risk, live-endpoints]\n${extraPolicy}`,
  });
  writeFiles(repo, { 'test-results/junit-unit.xml': JUNIT });
  return repo;
}

/** The job directory the check action fills: a real JSON report from the built CLI. */
export function jobDir(repo: string): string {
  const dir = tempDir('pg-job-');
  const r = runCli(['check', repo, '--format', 'json', '--output', path.join(dir, 'report-script-risk+live-endpoints.json')]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`check failed: ${r.stderr}`);
  return dir;
}

export function policyOf(repo: string, file?: string): LoadedPolicy {
  return loadPolicy({ root: repo, repoPolicy: locateRepoPolicy(repo, file, repo), gates: GATES, capabilities: CAPABILITIES });
}

export async function bundle(repo: string, opts: Partial<CollectOptions> = {}) {
  return collectEvidence({
    root: repo,
    out: path.join(tempDir('pg-bundle-'), 'bundle'),
    from: null,
    includes: [],
    loaded: policyOf(repo),
    env: {},
    logger: quiet,
    ...opts,
  });
}

export { commitAll, mkdirSync, writeFileSync };
