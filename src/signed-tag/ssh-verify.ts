/**
 * SSH tag signatures (SSHSIG, namespace "git") verified with node:crypto against the repository's
 * allowed_signers file. Unlike ssh-keygen, the principal must be the tagger's email, and retired keys
 * are read from a revocation list: valid-before is judged on the tagger date, which the signer chooses.
 */
import { createHash, verify as cryptoVerify } from 'node:crypto';
import { publicKeyFromBlob, sshFingerprint, WireReader, wireString } from './ssh-wire.js';
import { fail, type SignatureVerdict } from './verdict.js';

export interface AllowedSigner {
  principals: string[];
  namespaces: string[] | null;
  validAfter: Date | null;
  validBefore: Date | null;
  certAuthority: boolean;
  keyType: string;
  blob: Buffer;
  line: number;
}

export interface SshTrust {
  signers: AllowedSigner[];
  /** Fingerprints (`SHA256:…`) of revoked keys. */
  revoked: Set<string>;
}

interface SshSig {
  publicKey: Buffer;
  namespace: string;
  hashAlg: string;
  sigFormat: string;
  sig: Buffer;
}

function parseArmored(armored: string): SshSig {
  const body = armored
    .replace(/-----BEGIN SSH SIGNATURE-----/, '')
    .replace(/-----END SSH SIGNATURE-----[\s\S]*$/, '')
    .replace(/\s+/g, '');
  const blob = Buffer.from(body, 'base64');
  if (blob.subarray(0, 6).toString('latin1') !== 'SSHSIG') throw new Error('not an SSHSIG blob');
  const r = new WireReader(blob.subarray(6));
  const version = r.uint32();
  if (version !== 1) throw new Error(`SSHSIG version ${version}`);
  const publicKey = r.string();
  const namespace = r.string().toString();
  r.string(); // reserved
  const hashAlg = r.string().toString();
  const sigBlob = new WireReader(r.string());
  const sigFormat = sigBlob.string().toString();
  const sig = sigBlob.string();
  return { publicKey, namespace, hashAlg, sigFormat, sig };
}

/** ECDSA signatures come as two mpints; node wants r‖s of fixed size. */
function ecdsaP1363(sig: Buffer, size: number): Buffer {
  const r = new WireReader(sig);
  const fix = (n: Buffer): Buffer => {
    const stripped = n[0] === 0 ? n.subarray(1) : n;
    return Buffer.concat([Buffer.alloc(Math.max(0, size - stripped.length)), stripped]);
  };
  return Buffer.concat([fix(r.string()), fix(r.string())]);
}

export function verifySsh(payload: Buffer, armored: string, trust: SshTrust, taggerEmail: string | null, taggerTime: Date | null, now: Date): SignatureVerdict {
  let s: SshSig;
  try {
    s = parseArmored(armored);
  } catch (err) {
    return fail('signature-bad', `the SSH signature cannot be read: ${(err as Error).message}`);
  }
  const fpr = sshFingerprint(s.publicKey);
  if (s.namespace !== 'git') return fail('signature-bad', `the SSH signature is for namespace "${s.namespace}", not "git"`);
  if (s.hashAlg !== 'sha512' && s.hashAlg !== 'sha256') return fail('signature-unsupported', `SSH signature hash ${s.hashAlg} is not sha512 or sha256`);
  let key;
  try {
    key = publicKeyFromBlob(s.publicKey);
  } catch (err) {
    return fail('signature-unsupported', `SSH key ${fpr}: ${(err as Error).message}`);
  }
  const signed = Buffer.concat([
    Buffer.from('SSHSIG'),
    wireString(s.namespace),
    wireString(''),
    wireString(s.hashAlg),
    wireString(createHash(s.hashAlg).update(payload).digest()),
  ]);
  let ok: boolean;
  try {
    if (key.type === 'ssh-ed25519') {
      ok = s.sigFormat === 'ssh-ed25519' && cryptoVerify(null, signed, key.key, s.sig);
    } else if (key.type === 'ssh-rsa') {
      const hash = s.sigFormat === 'rsa-sha2-512' ? 'sha512' : s.sigFormat === 'rsa-sha2-256' ? 'sha256' : null;
      if (!hash) return fail('signature-unsupported', `SSH RSA signature format ${s.sigFormat} (SHA-1) is not accepted`);
      ok = cryptoVerify(hash, signed, key.key, s.sig);
    } else {
      const ec = key.ecdsa as { size: number; hash: string };
      ok = s.sigFormat === key.type && cryptoVerify(ec.hash, signed, { key: key.key, dsaEncoding: 'ieee-p1363' }, ecdsaP1363(s.sig, ec.size));
    }
  } catch (err) {
    return fail('signature-bad', `the SSH signature by ${fpr} cannot be checked: ${(err as Error).message}`);
  }

  const entries = trust.signers.filter((e) => !e.certAuthority && e.blob.equals(s.publicKey));
  if (entries.length === 0) return fail('signer-unknown', `signed by SSH key ${fpr}, which is not in the allowed signers file`);
  if (!ok) return fail('signature-bad', `the SSH signature by ${fpr} does not verify (the tag was changed after signing, or the signature is corrupt)`);
  if (trust.revoked.has(fpr)) return fail('key-revoked', `SSH key ${fpr} is in the revocation list`);
  const usable = entries.filter((e) => !e.namespaces || e.namespaces.includes('git'));
  if (usable.length === 0) return fail('signer-unknown', `SSH key ${fpr} is not allowed for namespace "git" (allowed_signers line ${entries[0]?.line})`);
  const email = (taggerEmail ?? '').toLowerCase();
  const matching = usable.filter((e) => e.principals.some((p) => p.toLowerCase() === email));
  if (!email || matching.length === 0) {
    const listed = [...new Set(usable.flatMap((e) => e.principals))].join(', ');
    return fail('signer-principal-mismatch', `SSH key ${fpr} is allowed for ${listed}, but the tagger is ${taggerEmail ?? '(none)'}`);
  }
  const entry = matching[0] as AllowedSigner;
  if (entry.validBefore && entry.validBefore.getTime() <= now.getTime()) {
    return fail('key-expired', `SSH key ${fpr} is valid only before ${entry.validBefore.toISOString()} (allowed_signers line ${entry.line})`);
  }
  if (entry.validAfter && taggerTime && entry.validAfter.getTime() > taggerTime.getTime()) {
    return fail('signer-unknown', `SSH key ${fpr} is valid only after ${entry.validAfter.toISOString()} (allowed_signers line ${entry.line})`);
  }
  return { ok: true, kind: 'ssh', signer: fpr, detail: `good SSH signature by ${email} with ${key.type} key ${fpr}` };
}
