/** Real gpg and ssh-keygen keys made in a temporary GNUPGHOME / directory, and real signed tags. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GIT_ENV, tempDir } from '../helpers/repo.js';

export class Gpg {
  readonly home: string;
  constructor() {
    this.home = tempDir('paperguard-gpg-');
    chmodSync(this.home, 0o700);
  }
  get env(): NodeJS.ProcessEnv {
    return { ...GIT_ENV, GNUPGHOME: this.home };
  }
  run(args: string[], input?: string): string {
    return execFileSync('gpg', ['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      env: this.env,
      encoding: 'utf8',
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }
  /** A new ed25519 signing key; `faked` (epoch seconds) pretends the machine clock says so. */
  genKey(uid: string, expire = 'never', faked?: number): string {
    this.run([...(faked ? ['--faked-system-time', String(faked)] : []), '--quick-gen-key', uid, 'ed25519', 'sign', expire]);
    return this.fingerprint(uid);
  }
  fingerprint(uid: string): string {
    const out = this.run(['--with-colons', '--list-keys', uid]);
    const fpr = out.split('\n').find((l) => l.startsWith('fpr:'));
    return (fpr ?? '').split(':')[9] ?? '';
  }
  subkeyFingerprints(uid: string): string[] {
    const lines = this.run(['--with-colons', '--list-keys', uid]).split('\n');
    const out: string[] = [];
    lines.forEach((l, i) => {
      if (l.startsWith('sub:')) out.push((lines[i + 1] ?? '').split(':')[9] ?? '');
    });
    return out;
  }
  exportKey(id: string): string {
    return this.run(['--armor', '--export', id]);
  }
  revoke(fpr: string): void {
    const cert = readFileSync(path.join(this.home, 'openpgp-revocs.d', `${fpr}.rev`), 'utf8').replace(/^:-----BEGIN/m, '-----BEGIN');
    this.run(['--import'], cert);
  }
  /** A gpg.program wrapper whose clock and options are set, e.g. for signing in the past. */
  wrapper(extra: string[]): string {
    const file = path.join(this.home, `gpg-${Math.random().toString(36).slice(2)}.sh`);
    writeFileSync(file, `#!/bin/sh\nexec gpg ${extra.map((a) => `'${a}'`).join(' ')} "$@"\n`);
    chmodSync(file, 0o755);
    return file;
  }
}

export function sshKey(dir: string, name: string, type = 'ed25519'): { priv: string; pub: string } {
  mkdirSync(dir, { recursive: true });
  const priv = path.join(dir, name);
  const bits = type === 'rsa' ? ['-b', '3072'] : type === 'ecdsa' ? ['-b', '256'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', name, '-f', priv]);
  return { priv, pub: readFileSync(`${priv}.pub`, 'utf8').trim() };
}

/** `git verify-tag --raw` with only the given keyring / allowed signers: the reference verdict. */
export function gitVerifyTag(repo: string, tag: string, env: NodeJS.ProcessEnv, config: string[] = []): { code: number | null; stderr: string } {
  const r = spawnSync('git', [...config.flatMap((c) => ['-c', c]), 'verify-tag', '--raw', tag], { cwd: repo, env, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

const SECTIONS = '### Safety-relevant changes\nNone.\n\n### Config/schema changes\nNone.\n\n### Operational impact\nNone.\n';
/** A changelog with a complete section per version. */
export function changelog(...versions: string[]): string {
  return `# Changelog\n\n${versions.map((v) => `## [${v}] - 2026-11-23\n\n${SECTIONS}\n`).join('')}`;
}
