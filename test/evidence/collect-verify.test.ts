/** evidence collect → verify → compare through the built CLI, on real git repositories. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_SCHEMA, type EvidenceDocument } from '../../src/evidence/bundle.js';
import { validator } from '../../src/evidence/schemas.js';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, commitAll, git, tempDir, writeFiles } from '../helpers/repo.js';
import { evidenceRepo, jobDir } from './fixture.js';

afterAll(cleanupTempDirs);

const SHA = (dir: string) => git(dir, 'rev-parse', 'HEAD').trim();
const readDoc = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'evidence.json'), 'utf8')) as EvidenceDocument;

function collect(repo: string, out: string, extra: string[] = [], env: Record<string, string> = {}) {
  return runCli(['evidence', 'collect', repo, '--out', out, ...extra], { env: { ...cleanEnv(), ...env } });
}

/** The test runner may itself run inside Actions: provenance must come only from what a test sets. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(GITHUB_|RUNNER_|TRADING_MODE$|AWS_)/.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1' };
}

/** A config-bounds decision record as schemas/decision.schema.json describes it. */
const DECISION = {
  version: 1,
  timestamp: '2026-01-01T00:00:00Z',
  gate: 'config-bounds',
  file: 'config/risk.yaml',
  key: 'risk.leverage',
  old: 2,
  new: 3,
  change: 'changed',
  decision: 'ACCEPTED',
  safety_flags: [],
  reasons: ['3 is within [1, 5]'],
  policy_sha256: 'a'.repeat(64),
  base: { ref: 'origin/main', commit: 'b'.repeat(40) },
};

function tagVerify(report: string, commit: string): string {
  const r = JSON.parse(readFileSync(report, 'utf8')) as { repo: { commit: string }; gates: Record<string, unknown>[] };
  const base = r.gates[0]!;
  r.repo.commit = commit;
  r.gates = [{ ...base, id: 'signed-tag', title: 'Signed release tag', status: 'pass', rules: [], findings: [], data: { checks: [{ name: 'ci / test', conclusion: 'success', commit }] } }];
  return `${JSON.stringify(r, null, 2)}\n`;
}

describe('evidence collect', () => {
  let repo: string;
  let job: string;
  let out: string;
  let doc: EvidenceDocument;
  let base: string;

  beforeAll(() => {
    repo = evidenceRepo();
    base = SHA(repo);
    // A manifest change after the base, an uncommitted change and an untracked file for repo_state.
    writeFiles(repo, { 'scripts/ci/script_risk_policy_manifest.json': '{\n  "version": 1,\n  "scripts": [\n    { "path": "scripts/run.sh", "category": "ops", "requires_exec_guard": false }\n  ]\n}\n' });
    commitAll(repo, 'reclassify run.sh');
    writeFiles(repo, { 'app/main.py': 'print("paper!")\n', 'notes.txt': 'scratch\n' });
    utimesSync(path.join(repo, 'notes.txt'), new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
    job = jobDir(repo);
    writeFileSync(path.join(job, 'decisions.jsonl'), `${JSON.stringify(DECISION)}\n${JSON.stringify({ ...DECISION, key: 'risk.max_position', new: 9, decision: 'REJECTED_BY_POLICY', safety_flags: ['P0_BOUNDS'] })}\n`);
    writeFileSync(path.join(job, 'paperguard.sarif'), JSON.stringify({ version: '2.1.0', runs: [] }));
    const extra = path.join(tempDir(), 'coverage.xml');
    writeFileSync(extra, '<coverage/>\n');
    out = path.join(tempDir(), 'bundle');
    const r = collect(repo, out, ['--from', job, '--base', base, '--include', extra], {
      GITHUB_SHA: SHA(repo),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'acme/bot',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_WORKFLOW_REF: 'acme/bot/.github/workflows/ci.yml@refs/heads/main',
      GITHUB_ACTOR: 'alice',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'runner-1',
      TRADING_MODE: 'paper',
    });
    expect(r.stderr).toContain('evidence: ');
    expect(r.code).toBe(0);
    doc = readDoc(out);
  });

  it('writes a schema-valid evidence.json listing every file with size, sha256 and kind', () => {
    expect(validator(EVIDENCE_SCHEMA)(doc)).toBe(true);
    expect(doc.files.map((f) => `${f.kind} ${f.path}`)).toEqual([
      'decision-log job/decisions.jsonl',
      'sarif job/paperguard.sarif',
      'report job/report-script-risk+live-endpoints.json',
      'other include/coverage.xml',
      'manifest-diff manifest/diff.patch',
      'manifest manifest/script_risk_policy_manifest.json',
      'junit repo/test-results/junit-unit.xml',
    ].sort((a, b) => (a.split(' ')[1]! < b.split(' ')[1]! ? -1 : 1)));
    const junit = doc.files.find((f) => f.kind === 'junit')!;
    expect(junit.size).toBe(readFileSync(path.join(out, junit.path)).length);
    expect(readFileSync(path.join(out, 'manifest/diff.patch'), 'utf8')).toMatch(/-.*"category": "safe"[\s\S]*\+.*"category": "ops"/);
  });

  it('records provenance, TRADING_MODE, the main retention class and repo_state', () => {
    expect(doc.provenance).toMatchObject({
      commit: SHA(repo),
      ref: 'refs/heads/main',
      event: 'push',
      repository: 'acme/bot',
      run_id: '4242',
      run_attempt: '2',
      runner: { os: 'Linux', arch: 'X64', name: 'runner-1' },
      actor: 'alice',
      tool_version: expect.any(String),
      policy_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(doc.trading_mode).toEqual({ job: 'paper', test_results: [{ path: 'repo/test-results/junit-unit.xml', value: 'paper' }] });
    expect(doc.retention.class).toBe('main');
    expect(doc.retention.window).toEqual({ days: 180 });
    expect(Date.parse(doc.retention.retain_until) - Date.parse(doc.created_at)).toBe(180 * 86_400_000);
    expect(doc.repo_state).toMatchObject({ branch: 'main', head: SHA(repo), base: { ref: base, commit: base, ahead: 1, behind: 0 } });
    expect(doc.repo_state!.modified).toEqual([{ path: 'app/main.py', mtime: expect.any(String) }]);
    expect(doc.repo_state!.untracked).toContainEqual({ path: 'notes.txt', mtime: '2026-01-02T03:04:05.000Z' });
    expect(doc.tag).toBeNull();
  });

  it('verify passes on the untouched bundle, as a directory and as a ZIP', () => {
    const v = runCli(['evidence', 'verify', out]);
    expect(v.stdout).toMatch(/^OK .*: 7 files, digest [0-9a-f]{64}, class main/);
    expect(v.code).toBe(0);
    const zip = path.join(tempDir(), 'bundle.zip');
    execFileSync('zip', ['-qr', zip, 'bundle'], { cwd: path.dirname(out) });
    const z = runCli(['evidence', 'verify', zip]);
    expect(z.stdout).toMatch(/^OK /);
    expect(z.code).toBe(0);
  });

  it('for a tag, the signed-tag check results on the tagged commit go into evidence.json', () => {
    const tagJob = tempDir();
    writeFileSync(path.join(tagJob, 'tag-verify.json'), tagVerify(path.join(job, 'report-script-risk+live-endpoints.json'), SHA(repo)));
    const tagOut = path.join(tempDir(), 'tag');
    const r = collect(repo, tagOut, ['--from', tagJob], { GITHUB_REF: 'refs/tags/bot/v1.2.0', GITHUB_EVENT_NAME: 'push', GITHUB_SHA: SHA(repo) });
    expect(r.code).toBe(0);
    const t = readDoc(tagOut);
    expect(t.retention).toMatchObject({ class: 'release_tag', window: { years: 7 } });
    expect(t.tag).toEqual({ ref: 'refs/tags/bot/v1.2.0', commit: SHA(repo), checks: [{ name: 'ci / test', conclusion: 'success', commit: SHA(repo) }] });
    expect(t.files.map((f) => f.kind)).toContain('tag-checks');
  });
});

describe('evidence verify names each tampered, missing or extra file (exit 1)', () => {
  let pristine: string;
  beforeAll(() => {
    const repo = evidenceRepo();
    pristine = path.join(tempDir(), 'bundle');
    expect(collect(repo, pristine, ['--from', jobDir(repo)]).code).toBe(0);
  });
  const copy = () => {
    const dir = path.join(tempDir(), 'copy');
    execFileSync('cp', ['-r', pristine, dir]);
    return dir;
  };
  const verify = (dir: string) => runCli(['evidence', 'verify', dir]);

  it('a changed file', () => {
    const dir = copy();
    appendFileSync(path.join(dir, 'repo/test-results/junit-unit.xml'), '<!-- edited -->\n');
    const r = verify(dir);
    expect(r.stdout).toMatch(/^FAILED .*\n  tampered: repo\/test-results\/junit-unit\.xml \(sha256 [0-9a-f]{64}, \d+ bytes; recorded [0-9a-f]{64}, \d+ bytes\)\n$/);
    expect(r.code).toBe(1);
  });

  it('one flipped byte (same size)', () => {
    const dir = copy();
    const file = path.join(dir, 'manifest/script_risk_policy_manifest.json');
    const data = readFileSync(file);
    data[10] = data[10]! ^ 0x01;
    writeFileSync(file, data);
    const r = verify(dir);
    expect(r.stdout).toContain('tampered: manifest/script_risk_policy_manifest.json');
    expect(r.code).toBe(1);
  });

  it('an added file', () => {
    const dir = copy();
    mkdirSync(path.join(dir, 'job'), { recursive: true });
    writeFileSync(path.join(dir, 'job/late-report.json'), '{}');
    const r = verify(dir);
    expect(r.stdout).toContain('  extra: job/late-report.json (not listed in evidence.json)');
    expect(r.code).toBe(1);
  });

  it('a removed file', () => {
    const dir = copy();
    rmSync(path.join(dir, 'repo/test-results/junit-unit.xml'));
    const r = verify(dir);
    expect(r.stdout).toContain('  missing: repo/test-results/junit-unit.xml');
    expect(r.code).toBe(1);
  });

  it('an edited evidence.json (hash updated to match a swapped file) breaks the digest', () => {
    const dir = copy();
    const doc = readDoc(dir);
    doc.provenance.actor = 'mallory';
    writeFileSync(path.join(dir, 'evidence.json'), JSON.stringify(doc, null, 2));
    const r = verify(dir);
    expect(r.stdout).toMatch(/evidence\.json: changed \(its digest is [0-9a-f]{64}, its content hashes to [0-9a-f]{64}\)/);
    expect(r.code).toBe(1);
  });

  it('an evidence.json that no longer matches the schema, and one removed', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'evidence.json'), JSON.stringify({ ...readDoc(dir), files: 'none' }));
    expect(verify(dir).stdout).toContain('evidence.json: schema: /files must be array');
    rmSync(path.join(dir, 'evidence.json'));
    const r = verify(dir);
    expect(r.stdout).toContain('missing: evidence.json');
    expect(r.code).toBe(1);
  });

  it('a tampered file inside a ZIP', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'job/report-script-risk+live-endpoints.json'), '{"forged":true}\n');
    const zip = path.join(tempDir(), 'b.zip');
    execFileSync('zip', ['-qr', zip, '.'], { cwd: dir });
    const r = runCli(['evidence', 'verify', zip]);
    expect(r.stdout).toContain('tampered: job/report-script-risk+live-endpoints.json');
    expect(r.code).toBe(1);
  });
});

describe('evidence collect and verify faults', () => {
  it('--out that is not empty: exit 2', () => {
    const repo = evidenceRepo();
    const out = tempDir();
    writeFileSync(path.join(out, 'old'), 'x');
    const r = collect(repo, out);
    expect(r.stderr).toContain(`--out ${out}: directory is not empty; evidence goes into a fresh directory`);
    expect(r.code).toBe(2);
  });

  it('--out inside --from: exit 2', () => {
    const repo = evidenceRepo();
    const job = tempDir();
    const r = collect(repo, path.join(job, 'bundle'), ['--from', job]);
    expect(r.stderr).toMatch(/is inside --from .*; choose a directory outside it/);
    expect(r.code).toBe(2);
  });

  it('--from that does not exist, --include that does not exist, no --out: exit 2', () => {
    const repo = evidenceRepo();
    expect(collect(repo, path.join(tempDir(), 'o'), ['--from', '/nonexistent/pg']).stderr).toContain('--from /nonexistent/pg: no such directory');
    const inc = collect(repo, path.join(tempDir(), 'o'), ['--include', '/nonexistent/x.xml']);
    expect(inc.stderr).toContain('--include /nonexistent/x.xml: no such file');
    expect(inc.code).toBe(2);
    const r = runCli(['evidence', 'collect', repo]);
    expect(r.stderr).toContain('--out DIR is required');
    expect(r.code).toBe(2);
  });

  it('an invalid evidence or break-glass policy section: exit 2 naming file and line', () => {
    const repo = evidenceRepo('evidence:\n  store:\n    mode: NONE\n');
    const r = collect(repo, path.join(tempDir(), 'o'));
    expect(r.stderr).toMatch(/\.github\/paperguard\.yml:5: .*evidence\.store\.mode/);
    expect(r.code).toBe(2);
    const both = evidenceRepo('evidence:\n  retention:\n    main: { days: 1, years: 1 }\n');
    expect(collect(both, path.join(tempDir(), 'o')).code).toBe(2);
    const bg = evidenceRepo('break-glass:\n  follow_up:\n    due_hours: 0\n');
    const b = collect(bg, path.join(tempDir(), 'o'));
    expect(b.stderr).toMatch(/paperguard\.yml:5: \$\["break-glass"\]\.follow_up\.due_hours: must be >= 1/);
    expect(b.code).toBe(2);
  });

  it('--base that is not a commit: exit 2', () => {
    const repo = evidenceRepo();
    const r = collect(repo, path.join(tempDir(), 'o'), ['--base', 'no-such-ref']);
    expect(r.stderr).toContain('--base no-such-ref: not a commit');
    expect(r.code).toBe(2);
  });

  it('a report that is not JSON, a decision log line that is not JSON: exit 3 naming file and line', () => {
    const repo = evidenceRepo();
    const job = tempDir();
    writeFileSync(path.join(job, 'report-x.json'), '{"tool": ');
    const r = collect(repo, path.join(tempDir(), 'o'), ['--from', job]);
    expect(r.stderr).toContain(`${path.join(job, 'report-x.json')}: not valid JSON`);
    expect(r.code).toBe(3);
    const job2 = tempDir();
    writeFileSync(path.join(job2, 'decisions.jsonl'), `${JSON.stringify(DECISION)}\nnot json\n`);
    const d = collect(repo, path.join(tempDir(), 'o'), ['--from', job2]);
    expect(d.stderr).toContain(`${path.join(job2, 'decisions.jsonl')}:2: decision log line is not JSON`);
    expect(d.code).toBe(3);
    const job3 = tempDir();
    writeFileSync(path.join(job3, 'decisions.jsonl'), `${JSON.stringify({ ...DECISION, decision: 'ALLOWED' })}\n`);
    const s = collect(repo, path.join(tempDir(), 'o'), ['--from', job3]);
    expect(s.stderr).toContain(`${path.join(job3, 'decisions.jsonl')}:1: decision record does not match schemas/decision.schema.json`);
    expect(s.code).toBe(3);
  });

  it('a paperguard report that does not match the report schema: exit 3', () => {
    const repo = evidenceRepo();
    const job = tempDir();
    writeFileSync(path.join(job, 'report-x.json'), JSON.stringify({ tool: { name: 'paperguard', version: '0' }, gates: [] }));
    const r = collect(repo, path.join(tempDir(), 'o'), ['--from', job]);
    expect(r.stderr).toContain('not a valid paperguard report');
    expect(r.code).toBe(3);
  });

  it('a tag run without the signed-tag results: exit 3 saying to run the signed-tag action first', () => {
    const repo = evidenceRepo();
    const r = collect(repo, path.join(tempDir(), 'o'), [], { GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_EVENT_NAME: 'push' });
    expect(r.stderr).toContain('the run is for tag refs/tags/v1.0.0 but no tag-verify.json with signed-tag check results was found');
    expect(r.code).toBe(3);
  });

  it('verify of a path that does not exist: exit 2; of a file that is not a ZIP: exit 3', () => {
    const r = runCli(['evidence', 'verify', '/nonexistent/bundle']);
    expect(r.stderr).toContain('/nonexistent/bundle: no such directory');
    expect(r.code).toBe(2);
    const notZip = path.join(tempDir(), 'x.zip');
    writeFileSync(notZip, 'not a zip');
    const z = runCli(['evidence', 'verify', notZip]);
    expect(z.stderr).toContain(`${notZip}: cannot read the ZIP`);
    expect(z.code).toBe(3);
  });

  it('unknown subcommand and bad flags: exit 2', () => {
    expect(runCli(['evidence', 'seal']).code).toBe(2);
    expect(runCli(['evidence', 'verify', '--nope', 'x']).code).toBe(2);
    expect(runCli(['evidence', 'compare', 'a', 'b', '--format', 'xml']).stderr).toContain('--format xml: use text or json');
  });
});
