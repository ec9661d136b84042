/** SSH wire encoding (RFC 4251 strings) and public key blobs turned into node:crypto keys. */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export class WireReader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  string(): Buffer {
    if (this.at + 4 > this.buf.length) throw new Error('truncated SSH string length');
    const n = this.buf.readUInt32BE(this.at);
    this.at += 4;
    if (this.at + n > this.buf.length) throw new Error('truncated SSH string');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint32(): number {
    if (this.at + 4 > this.buf.length) throw new Error('truncated SSH uint32');
    const n = this.buf.readUInt32BE(this.at);
    this.at += 4;
    return n;
  }
  bytes(n: number): Buffer {
    if (this.at + n > this.buf.length) throw new Error('truncated SSH blob');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  get done(): boolean {
    return this.at === this.buf.length;
  }
}

export function wireString(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** `SHA256:…` as ssh-keygen prints it. */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

const b64url = (b: Buffer): string => b.toString('base64url');
const unsigned = (mpint: Buffer): Buffer => (mpint[0] === 0 ? mpint.subarray(1) : mpint);

const CURVES: Record<string, { crv: string; size: number; hash: string }> = {
  nistp256: { crv: 'P-256', size: 32, hash: 'sha256' },
  nistp384: { crv: 'P-384', size: 48, hash: 'sha384' },
  nistp521: { crv: 'P-521', size: 66, hash: 'sha512' },
};

export interface SshPublicKey {
  type: string;
  key: KeyObject;
  /** Curve size for ECDSA signature conversion. */
  ecdsa?: { size: number; hash: string };
}

/** Throws with a plain reason for key types we do not verify (certificates, sk-*, DSA). */
export function publicKeyFromBlob(blob: Buffer): SshPublicKey {
  const r = new WireReader(blob);
  const type = r.string().toString();
  if (type === 'ssh-ed25519') {
    const x = r.string();
    return { type, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(x) }, format: 'jwk' }) };
  }
  if (type === 'ssh-rsa') {
    const e = unsigned(r.string());
    const n = unsigned(r.string());
    return { type, key: createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' }) };
  }
  const ec = /^ecdsa-sha2-(nistp256|nistp384|nistp521)$/.exec(type);
  if (ec) {
    const curve = CURVES[ec[1] as string] as { crv: string; size: number; hash: string };
    r.string(); // curve name, repeated
    const q = r.string();
    if (q[0] !== 4 || q.length !== 1 + 2 * curve.size) throw new Error(`${type}: unsupported point encoding`);
    const x = q.subarray(1, 1 + curve.size);
    const y = q.subarray(1 + curve.size);
    return {
      type,
      key: createPublicKey({ key: { kty: 'EC', crv: curve.crv, x: b64url(x), y: b64url(y) }, format: 'jwk' }),
      ecdsa: { size: curve.size, hash: curve.hash },
    };
  }
  throw new Error(`SSH key type ${type} is not supported (ed25519, ecdsa-sha2-nistp256/384/521 and rsa are)`);
}
