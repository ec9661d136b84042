/**
 * The trusted signers, read from files kept in the repository (policy paths): OpenPGP public keys
 * (files or a directory of them), an SSH allowed_signers file, and an SSH revocation list.
 * A file the policy names that cannot be read or parsed is a configuration error, never "no signers".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { ConfigError } from '../core/errors.js';
import { sshFingerprint } from './ssh-wire.js';
import type { AllowedSigner, SshTrust } from './ssh-verify.js';

export interface TrustedSignersPolicy {
  openpgp: string[];
  ssh_allowed_signers: string;
  ssh_revoked: string;
}

function inside(root: string, rel: string, what: string): string {
  const abs = path.resolve(root, rel);
  const r = path.relative(root, abs);
  if (r.startsWith('..') || path.isAbsolute(r)) throw new ConfigError(`${what} ${rel} is outside the repository`);
  return abs;
}

function read(abs: string, rel: string): string {
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read trusted signers file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, rel);
  }
}

export async function loadOpenPgpKeys(root: string, paths: string[]): Promise<openpgp.PublicKey[]> {
  const keys: openpgp.PublicKey[] = [];
  for (const rel of paths) {
    const abs = inside(root, rel, 'signed-tag.trusted_signers.openpgp');
    if (!existsSync(abs)) continue; // a path with no keys yet: no OpenPGP signer is trusted
    const files = statSync(abs).isDirectory()
      ? readdirSync(abs)
          .filter((f) => /\.(asc|gpg|pgp|pub|key)$/i.test(f))
          .sort()
          .map((f) => ({ abs: path.join(abs, f), rel: path.posix.join(rel, f) }))
      : [{ abs, rel }];
    for (const f of files) {
      const text = read(f.abs, f.rel);
      let found: openpgp.Key[];
      try {
        found = await openpgp.readKeys({ armoredKeys: text });
      } catch (err) {
        throw new ConfigError(`not an armored OpenPGP public key: ${(err as Error).message}`, f.rel);
      }
      for (const k of found) {
        if (k.isPrivate()) throw new ConfigError('holds a PRIVATE key; keep only public keys in the repository', f.rel);
        keys.push(k as openpgp.PublicKey);
      }
    }
  }
  return keys;
}

/** Splits on whitespace outside double quotes. */
function fields(line: string): string[] {
  return line.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

const KEY_TYPE = /^(ssh-|ecdsa-|sk-)/;

function sshTime(value: string, file: string, line: number): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z)?$/.exec(value);
  if (!m) throw new ConfigError(`invalid time "${value}": use YYYYMMDD[HHMM[SS]][Z]`, file, line);
  const [y, mo, d, h = '00', mi = '00', s = '00'] = m.slice(1) as string[];
  // Without Z ssh-keygen reads local time; we read UTC so a verdict does not depend on the machine.
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

export function parseAllowedSigners(text: string, file: string): AllowedSigner[] {
  const out: AllowedSigner[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const f = fields(trimmed);
    const principals = (f[0] ?? '').replace(/^"|"$/g, '').split(',').filter(Boolean);
    let at = 1;
    let options: string[] = [];
    if (f[1] !== undefined && !KEY_TYPE.test(f[1])) {
      options = f[1].split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      at = 2;
    }
    const keyType = f[at];
    const b64 = f[at + 1];
    if (!principals.length || !keyType || !b64 || !KEY_TYPE.test(keyType)) {
      throw new ConfigError('expected "principals [options] keytype base64-key [comment]"', file, line);
    }
    const entry: AllowedSigner = { principals, namespaces: null, validAfter: null, validBefore: null, certAuthority: false, keyType, blob: Buffer.from(b64, 'base64'), line };
    for (const opt of options) {
      const [name = '', ...rest] = opt.split('=');
      const value = rest.join('=').replace(/^"|"$/g, '');
      switch (name.toLowerCase()) {
        case 'namespaces':
          entry.namespaces = value.split(',');
          break;
        case 'valid-after':
          entry.validAfter = sshTime(value, file, line);
          break;
        case 'valid-before':
          entry.validBefore = sshTime(value, file, line);
          break;
        case 'cert-authority':
          entry.certAuthority = true;
          break;
        default:
          throw new ConfigError(`unknown allowed_signers option "${name}"`, file, line);
      }
    }
    out.push(entry);
  });
  return out;
}

/** A text revocation list: one public key (`keytype base64 [comment]`) or `SHA256:…` fingerprint a line. */
export function parseRevocations(raw: Buffer, file: string): Set<string> {
  if (raw.subarray(0, 6).toString('latin1') === 'SSHKRL') {
    throw new ConfigError('binary KRL files are not supported: list the revoked public keys (one a line) instead', file);
  }
  const out = new Set<string>();
  raw
    .toString('utf8')
    .split(/\r?\n/)
    .forEach((l, i) => {
      const t = l.trim();
      if (!t || t.startsWith('#')) return;
      if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(t)) return void out.add(t);
      const f = t.split(/\s+/);
      if (f[0] && KEY_TYPE.test(f[0]) && f[1]) return void out.add(sshFingerprint(Buffer.from(f[1], 'base64')));
      throw new ConfigError('expected a public key line or a SHA256: fingerprint', file, i + 1);
    });
  return out;
}

export function loadSshTrust(root: string, policy: TrustedSignersPolicy): SshTrust {
  const signersAbs = inside(root, policy.ssh_allowed_signers, 'signed-tag.trusted_signers.ssh_allowed_signers');
  const revokedAbs = inside(root, policy.ssh_revoked, 'signed-tag.trusted_signers.ssh_revoked');
  const signers = existsSync(signersAbs) ? parseAllowedSigners(read(signersAbs, policy.ssh_allowed_signers), policy.ssh_allowed_signers) : [];
  let revoked = new Set<string>();
  if (existsSync(revokedAbs)) {
    let raw: Buffer;
    try {
      raw = readFileSync(revokedAbs);
    } catch (err) {
      throw new ConfigError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, policy.ssh_revoked);
    }
    revoked = parseRevocations(raw, policy.ssh_revoked);
  }
  return { signers, revoked };
}
