/**
 * `paperguard tag verify` on real repositories with real gpg and ssh-keygen keys, each verdict
 * cross-checked against `git verify-tag --raw` for at least one case per key type.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, tempDir, writeFiles } from '../helpers/repo.js';
import { changelog, Gpg, gitVerifyTag, sshKey } from './keys.js';


let gpg: Gpg;
let good: string; // trusted
let other: string; // not trusted
const now = Math.floor(Date.now() / 1000);

beforeAll(() => {
  gpg = new Gpg();
  good = gpg.genKey('Release Manager <rm@example.test>');
  other = gpg.genKey('Stranger <stranger@example.test>');
});
afterAll(cleanupTempDirs);

function g(dir: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A repository on main with the trusted keys and a changelog, committed. */
function repo(files: Record<string, string> = {}, keys: string[] = [good]): string {
  const dir = tempDir();
  g(dir, gpg.env, 'init', '-q', '-b', 'main');
  writeFiles(dir, {
    'CHANGELOG.md': changelog('1.2.0', '1.1.0', '1.0.0'),
    ...Object.fromEntries(keys.map((k) => [`.github/release-keys/${k.slice(-8)}.asc`, gpg.exportKey(k)])),
    ...files,
  });
  g(dir, gpg.env, 'add', '-A');
  g(dir, gpg.env, 'commit', '-q', '-m', 'release');
  return dir;
}

function signTag(dir: string, tag: string, key: string, opts: { program?: string; target?: string } = {}): void {
  const cfg = ['-c', `user.signingkey=${key}`, ...(opts.program ? ['-c', `gpg.program=${opts.program}`] : [])];
  g(dir, gpg.env, ...cfg, 'tag', '-s', tag, '-m', `release ${tag}`, ...(opts.target ? [opts.target] : []));
}

function verify(dir: string, tag: string, ...extra: string[]): { code: number | null; report: Report; rules: string[]; stderr: string } {
  const r = runCli(['tag', 'verify', tag, dir, '--format', 'json', ...extra], { env: { ...gpg.env, NO_COLOR: '1' } });
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${r.code}): ${r.stderr}`);
  }
  const rules = report.gates.flatMap((x) => x.findings).filter((f) => f.severity === 'error').map((f) => f.rule);
  return { code: r.code, report, rules, stderr: r.stderr };
}

function message(report: Report, rule: string): string {
  return report.gates[0]?.findings.find((f) => f.rule === rule)?.message ?? '';
}

/** GNUPGHOME holding only the allowlisted keys, for git's own verdict. */
function keyringWith(...keys: string[]): NodeJS.ProcessEnv {
  const only = new Gpg();
  for (const k of keys) only.run(['--import'], gpg.exportKey(k));
  return only.env;
}

describe('OpenPGP', () => {
  it('good: a tag signed by a trusted key passes, as git verify-tag agrees', () => {
    const dir = repo();
    signTag(dir, 'v1.0.0', good);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.report.gates[0]?.summary?.join('\n')).toContain(`good OpenPGP signature by ${good}`);
    const ref = gitVerifyTag(dir, 'v1.0.0', keyringWith(good));
    expect(ref.code).toBe(0);
    expect(ref.stderr).toMatch(new RegExp(`VALIDSIG ${good}`));
  });

  it('tampered: a changed message fails signature-bad, as git verify-tag agrees', () => {
    const dir = repo();
    signTag(dir, 'v1.0.0', good);
    const raw = g(dir, gpg.env, 'cat-file', 'tag', 'v1.0.0').replace('release v1.0.0', 'release v1.0.0 (hotfix)');
    const sha = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin'], { cwd: dir, env: gpg.env, input: raw, encoding: 'utf8' }).trim();
    g(dir, gpg.env, 'update-ref', 'refs/tags/v1.0.0', sha);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['signature-bad']);
    expect(r.code).toBe(1);
    const ref = gitVerifyTag(dir, 'v1.0.0', keyringWith(good));
    expect(ref.code).toBe(1);
    expect(ref.stderr).toContain('BADSIG');
  });

  it('unknown key: signed by a key not in the repository fails signer-unknown, as git (NO_PUBKEY) agrees', () => {
    const dir = repo();
    signTag(dir, 'v1.0.0', other);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['signer-unknown']);
    expect(message(r.report, 'signer-unknown')).toContain(other);
    expect(gitVerifyTag(dir, 'v1.0.0', keyringWith(good)).stderr).toContain('NO_PUBKEY');
  });

  it('expired key: a key that expired after signing fails key-expired (openpgp.js alone would pass), as git agrees', () => {
    const k = gpg.genKey('Old Key <old@example.test>', '1d', now - 3 * 86400);
    const dir = repo({}, [k]);
    signTag(dir, 'v1.0.0', k, { program: gpg.wrapper(['--faked-system-time', String(now - 2.5 * 86400)]) });
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['key-expired']);
    const ref = gitVerifyTag(dir, 'v1.0.0', keyringWith(k));
    expect(ref.code).toBe(1);
    expect(ref.stderr).toContain('EXPKEYSIG');
  });

  it('expired signature: a signature with a past expiry fails signature-expired, as git agrees', () => {
    // The key must predate the faked signing time, or gpg refuses to sign.
    const k = gpg.genKey('Short Sigs <short@example.test>', 'never', now - 3 * 86400);
    const dir = repo({}, [k]);
    signTag(dir, 'v1.0.0', k, { program: gpg.wrapper(['--faked-system-time', String(now - 2 * 86400), '--default-sig-expire', '1d']) });
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['signature-expired']);
    const ref = gitVerifyTag(dir, 'v1.0.0', keyringWith(k));
    expect(ref.code).toBe(1);
    expect(ref.stderr).toContain('EXPSIG');
  });

  it('revoked: a key revoked after signing fails key-revoked, as git agrees', () => {
    const k = gpg.genKey('Revoked <revoked@example.test>');
    const dir = repo({}, []);
    signTag(dir, 'v1.0.0', k);
    gpg.revoke(k);
    writeFiles(dir, { [`.github/release-keys/revoked.asc`]: gpg.exportKey(k) });
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['key-revoked']);
    const ref = gitVerifyTag(dir, 'v1.0.0', keyringWith(k));
    expect(ref.code).toBe(1);
    expect(ref.stderr).toContain('REVKEYSIG');
  });

  it('subkey: a signature by a signing subkey maps to its allowlisted primary and passes, as git agrees', () => {
    const k = gpg.genKey('Sub Signer <sub@example.test>');
    gpg.run(['--quick-add-key', k, 'ed25519', 'sign', 'never']);
    const [sub] = gpg.subkeyFingerprints('sub@example.test');
    const dir = repo({}, [k]);
    signTag(dir, 'v1.0.0', `${sub}!`);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual([]);
    expect(r.report.gates[0]?.summary?.join('\n')).toMatch(new RegExp(`by ${k} \\(subkey ${sub?.slice(-16)}\\)`));
    const ref = gitVerifyTag(dir, 'v1.0.0', keyringWith(k));
    expect(ref.code).toBe(0);
    expect(ref.stderr).toMatch(new RegExp(`VALIDSIG ${sub} .* ${k}`));
  });
});

describe('tag object', () => {
  it('unsigned annotated tag fails signature-missing', () => {
    const dir = repo();
    g(dir, gpg.env, 'tag', '-a', 'v1.0.0', '-m', 'unsigned');
    expect(verify(dir, 'v1.0.0').rules).toEqual(['signature-missing']);
  });

  it('lightweight tag fails tag-lightweight and says how to re-fetch the object', () => {
    const dir = repo();
    g(dir, gpg.env, 'tag', 'v1.0.0');
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['tag-lightweight']);
    expect(message(r.report, 'tag-lightweight')).toContain('git fetch --force origin "refs/tags/v1.0.0:refs/tags/v1.0.0"');
  });

  it('nested tag (a signed tag of a tag) fails tag-nested', () => {
    const dir = repo();
    signTag(dir, 'v1.0.0', good);
    signTag(dir, 'v1.1.0', good, { target: 'v1.0.0' });
    expect(verify(dir, 'v1.1.0').rules).toEqual(['tag-nested']);
  });

  it('renamed ref: a signed v1.0.0 object under refs/tags/v1.2.0 fails tag-ref-mismatch although git verify-tag passes', () => {
    const dir = repo();
    signTag(dir, 'v1.0.0', good);
    g(dir, gpg.env, 'update-ref', 'refs/tags/v1.2.0', g(dir, gpg.env, 'rev-parse', 'v1.0.0').trim());
    g(dir, gpg.env, 'tag', '-d', 'v1.0.0');
    const r = verify(dir, 'v1.2.0');
    expect(r.rules).toEqual(['tag-ref-mismatch']);
    expect(message(r.report, 'tag-ref-mismatch')).toContain('created as "v1.0.0"');
    expect(gitVerifyTag(dir, 'v1.2.0', keyringWith(good)).code).toBe(0);
  });

  it('bad names fail tag-name: build metadata, other pre-releases, missing prefix', () => {
    const dir = repo({ '.github/paperguard.yml': 'version: 1\nsigned-tag:\n  prefix: risk\n' });
    for (const t of ['risk/v1.0.0-beta.1', 'risk/v1.0', 'v1.0.0', 'risk/v01.0.0']) {
      signTag(dir, t, good);
      expect(verify(dir, t).rules, t).toContain('tag-name');
    }
    signTag(dir, 'risk/v1.0.0', good);
    expect(verify(dir, 'risk/v1.0.0').rules).toEqual([]);
  });

  it('a tag that does not exist is a usage error (exit 2)', () => {
    const dir = repo();
    const r = runCli(['tag', 'verify', 'v9.9.9', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tag v9.9.9 does not exist');
  });
});

describe('branch, changelog, order', () => {
  it('wrong branch: a release tagged on a feature branch fails source-branch', () => {
    const dir = repo();
    g(dir, gpg.env, 'checkout', '-q', '-b', 'feature');
    g(dir, gpg.env, 'commit', '-q', '--allow-empty', '-m', 'unreviewed');
    signTag(dir, 'v1.0.0', good);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['source-branch']);
    expect(message(r.report, 'source-branch')).toContain('not reachable from refs/heads/main');
  });

  it('an rc from release/* passes; a final release from release/* only fails', () => {
    const dir = repo();
    g(dir, gpg.env, 'checkout', '-q', '-b', 'release/1.1');
    g(dir, gpg.env, 'commit', '-q', '--allow-empty', '-m', 'rc fix');
    signTag(dir, 'v1.1.0-rc.1', good);
    expect(verify(dir, 'v1.1.0-rc.1').rules).toEqual([]);
    signTag(dir, 'v1.1.0', good);
    expect(verify(dir, 'v1.1.0').rules).toEqual(['source-branch']);
  });

  it('rc ordering: an rc after its final release fails rc-after-release; a lower version fails version-order', () => {
    const dir = repo();
    signTag(dir, 'v1.1.0', good);
    signTag(dir, 'v1.1.0-rc.2', good);
    const r = verify(dir, 'v1.1.0-rc.2');
    expect(r.rules).toEqual(['rc-after-release']);
    signTag(dir, 'v1.0.0', good);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['version-order']);
    expect(message(verify(dir, 'v1.0.0').report, 'version-order')).toContain('v1.1.0');
    signTag(dir, 'v1.2.0-rc.1', good);
    expect(verify(dir, 'v1.2.0-rc.1').rules).toEqual([]);
  });

  it('re-tagged: the remote holds another object under the same tag name', () => {
    const upstream = repo();
    signTag(upstream, 'v1.0.0', good);
    const clone = tempDir();
    g(clone, gpg.env, 'clone', '-q', upstream, '.');
    g(upstream, gpg.env, 'tag', '-d', 'v1.0.0');
    g(upstream, gpg.env, 'commit', '-q', '--allow-empty', '-m', 'moved');
    signTag(upstream, 'v1.0.0', good);
    writeFiles(clone, { [`.github/release-keys/${good.slice(-8)}.asc`]: gpg.exportKey(good) });
    const r = verify(clone, 'v1.0.0');
    expect(r.rules).toEqual(['version-retagged']);
    expect(message(r.report, 'version-retagged')).toContain('on origin');
  });

  it('missing changelog subsection names it, at the version heading', () => {
    const dir = repo({ 'CHANGELOG.md': '# Changelog\n\n## 1.0.0\n\n### Safety-relevant changes\nNone.\n\n### Operational impact\nNone.\n\n## 0.9.0\n\n### Config/schema changes\n' });
    signTag(dir, 'v1.0.0', good);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['changelog-subsection-missing']);
    const f = r.report.gates[0]?.findings[0];
    expect(f).toMatchObject({ path: 'CHANGELOG.md', line: 3 });
    expect(f?.message).toContain('"Config/schema changes"');
  });

  it('no changelog section for the version fails changelog-missing; 1.0.0-rc.1 is not 1.0.0', () => {
    const dir = repo({ 'CHANGELOG.md': changelog('1.0.0-rc.1') });
    signTag(dir, 'v1.0.0', good);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['changelog-missing']);
  });

  it('required checks in the policy without an API to read them is a usage error (exit 2)', () => {
    const dir = repo({ '.github/paperguard.yml': 'version: 1\nsigned-tag:\n  required_checks: [test]\n' });
    signTag(dir, 'v1.0.0', good);
    const r = runCli(['tag', 'verify', 'v1.0.0', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set GITHUB_TOKEN and --repo OWNER/NAME');
  });
});

describe('SSH', () => {
  // The tagger is the committer identity of GIT_ENV.
  const EMAIL = 'test@example.org';

  function sshRepo(allowed: string, revoked = ''): string {
    return repo({ '.github/allowed_signers': allowed, ...(revoked ? { '.github/revoked_signers': revoked } : {}) }, []);
  }
  function sshTag(dir: string, tag: string, priv: string): void {
    g(dir, gpg.env, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${priv}`, 'tag', '-s', tag, '-m', `release ${tag}`);
  }

  it.each(['ed25519', 'ecdsa', 'rsa'])('good %s signature passes, as git verify-tag with the same allowed_signers agrees', (type) => {
    const k = sshKey(tempDir(), `rm-${type}`, type);
    const dir = sshRepo(`${EMAIL} namespaces="git" ${k.pub}\n`);
    sshTag(dir, 'v1.0.0', k.priv);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual([]);
    const ref = gitVerifyTag(dir, 'v1.0.0', gpg.env, ['gpg.format=ssh', `gpg.ssh.allowedSignersFile=${path.join(dir, '.github/allowed_signers')}`]);
    expect(ref.code).toBe(0);
    expect(ref.stderr).toContain(`Good "git" signature for ${EMAIL}`);
  });

  it('tampered SSH tag fails signature-bad, as git agrees', () => {
    const k = sshKey(tempDir(), 'rm');
    const dir = sshRepo(`${EMAIL} ${k.pub}\n`);
    sshTag(dir, 'v1.0.0', k.priv);
    const raw = g(dir, gpg.env, 'cat-file', 'tag', 'v1.0.0').replace('release v1.0.0', 'release v1.0.0!');
    const sha = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin'], { cwd: dir, env: gpg.env, input: raw, encoding: 'utf8' }).trim();
    g(dir, gpg.env, 'update-ref', 'refs/tags/v1.0.0', sha);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['signature-bad']);
    expect(gitVerifyTag(dir, 'v1.0.0', gpg.env, ['gpg.format=ssh', `gpg.ssh.allowedSignersFile=${path.join(dir, '.github/allowed_signers')}`]).code).toBe(1);
  });

  it('unknown SSH key fails signer-unknown', () => {
    const k = sshKey(tempDir(), 'rm');
    const stranger = sshKey(tempDir(), 'x');
    const dir = sshRepo(`${EMAIL} ${k.pub}\n`);
    sshTag(dir, 'v1.0.0', stranger.priv);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['signer-unknown']);
  });

  it('principal differs from the tagger: fails signer-principal-mismatch although git verify-tag passes', () => {
    const k = sshKey(tempDir(), 'rm');
    const dir = sshRepo(`someone-else@example.org ${k.pub}\n`);
    sshTag(dir, 'v1.0.0', k.priv);
    const r = verify(dir, 'v1.0.0');
    expect(r.rules).toEqual(['signer-principal-mismatch']);
    expect(gitVerifyTag(dir, 'v1.0.0', gpg.env, ['gpg.format=ssh', `gpg.ssh.allowedSignersFile=${path.join(dir, '.github/allowed_signers')}`]).code).toBe(0);
  });

  it('revoked SSH key (revocation list) fails key-revoked', () => {
    const k = sshKey(tempDir(), 'rm');
    const dir = sshRepo(`${EMAIL} ${k.pub}\n`, `${k.pub}\n`);
    sshTag(dir, 'v1.0.0', k.priv);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['key-revoked']);
  });

  it('valid-before in the past fails key-expired even when the tagger date is back-dated', () => {
    const k = sshKey(tempDir(), 'rm');
    const dir = sshRepo(`${EMAIL} valid-before="20260101" ${k.pub}\n`);
    g(dir, { ...gpg.env, GIT_COMMITTER_DATE: '2025-06-01T00:00:00Z' }, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${k.priv}`, 'tag', '-s', 'v1.0.0', '-m', 'backdated');
    expect(verify(dir, 'v1.0.0').rules).toEqual(['key-expired']);
  });

  it('namespace not git: signer-unknown', () => {
    const k = sshKey(tempDir(), 'rm');
    const dir = sshRepo(`${EMAIL} namespaces="file" ${k.pub}\n`);
    sshTag(dir, 'v1.0.0', k.priv);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['signer-unknown']);
  });

  it('a malformed allowed_signers line is a configuration error naming file and line (exit 2)', () => {
    const k = sshKey(tempDir(), 'rm');
    const dir = sshRepo(`# signers\n${EMAIL} ssh-ed25519\n`);
    sshTag(dir, 'v1.0.0', k.priv);
    const r = runCli(['tag', 'verify', 'v1.0.0', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.github/allowed_signers:2');
  });
});

describe('X.509', () => {
  function x509Tag(dir: string): void {
    const head = g(dir, gpg.env, 'rev-parse', 'HEAD').trim();
    const raw = `object ${head}\ntype commit\ntag v1.0.0\ntagger Test <test@example.org> ${now} +0000\n\nrelease\n-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQExDTALBglghkgBZQMEAgEwCwYJKoZIhvcNAQcB\n-----END SIGNED MESSAGE-----\n`;
    const sha = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin'], { cwd: dir, env: gpg.env, input: raw, encoding: 'utf8' }).trim();
    g(dir, gpg.env, 'update-ref', 'refs/tags/v1.0.0', sha);
  }

  it('is unsupported by default', () => {
    const dir = repo();
    x509Tag(dir);
    expect(verify(dir, 'v1.0.0').rules).toEqual(['signature-unsupported']);
  });

  it('when the policy allows it, passes with a warning saying what was not verified', () => {
    const dir = repo({ '.github/paperguard.yml': 'version: 1\nsigned-tag:\n  allow_x509: true\n' });
    x509Tag(dir);
    const r = verify(dir, 'v1.0.0');
    expect(r.code).toBe(0);
    const w = r.report.gates[0]?.findings.find((f) => f.severity === 'warning');
    expect(w?.message).toContain('NOT verified');
  });
});

describe('faults', () => {
  it('a trusted key file that is not a key is a configuration error (exit 2)', () => {
    const dir = repo({ '.github/release-keys/broken.asc': 'not a key\n' });
    signTag(dir, 'v1.0.0', good);
    const r = runCli(['tag', 'verify', 'v1.0.0', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.github/release-keys/broken.asc');
  });

  it('a private key in the repository is refused (exit 2)', () => {
    const secret = gpg.run(['--armor', '--export-secret-keys', good]);
    const dir = repo({ '.github/release-keys/oops.asc': secret });
    signTag(dir, 'v1.0.0', good);
    const r = runCli(['tag', 'verify', 'v1.0.0', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PRIVATE key');
  });

  it('unknown subcommand and missing tag are usage errors', () => {
    expect(runCli(['tag', 'sign', 'v1']).code).toBe(2);
    expect(runCli(['tag', 'verify']).code).toBe(2);
  });

  it('text and sarif formats render the same verdict with the same exit code', () => {
    const dir = repo();
    g(dir, gpg.env, 'tag', 'v1.0.0');
    const text = runCli(['tag', 'verify', 'v1.0.0', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('tag-lightweight');
    const out = path.join(tempDir(), 'r.sarif');
    const sarif = runCli(['tag', 'verify', 'v1.0.0', dir, '--format', 'sarif', '--output', out]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((x) => x.ruleId)).toEqual(['signed-tag/tag-lightweight']);
  });
});
