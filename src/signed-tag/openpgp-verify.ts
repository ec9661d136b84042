/**
 * OpenPGP tag signatures checked with openpgp.js against the repository's own key files only (never a
 * keyring or trust database). openpgp.js judges key expiry at signing time; git and gpg reject a key
 * that has expired by now, and so do we. A subkey signature maps to its primary, whose file is the allowlist.
 */
import * as openpgp from 'openpgp';
import { fail, type SignatureVerdict } from './verdict.js';

export async function verifyOpenPgp(payload: Buffer, armored: string, keys: openpgp.PublicKey[], now: Date): Promise<SignatureVerdict> {
  let signature: openpgp.Signature;
  try {
    signature = await openpgp.readSignature({ armoredSignature: armored });
  } catch (err) {
    return fail('signature-bad', `the OpenPGP signature cannot be read: ${(err as Error).message}`);
  }
  const packets = signature.packets.filter((p) => p instanceof openpgp.SignaturePacket) as openpgp.SignaturePacket[];
  if (packets.length !== 1) return fail('signature-bad', `expected exactly one OpenPGP signature, found ${packets.length}`);
  const packet = packets[0] as openpgp.SignaturePacket;
  const keyID = packet.issuerKeyID;
  const issuerFpr = packet.issuerFingerprint ? Buffer.from(packet.issuerFingerprint).toString('hex').toUpperCase() : null;
  const primary = keys.find((k) => k.getKeys(keyID).length > 0);
  if (!primary) {
    return fail('signer-unknown', `signed by OpenPGP key ${issuerFpr ?? keyID.toHex().toUpperCase()}, which is not among the trusted signers`);
  }
  const fpr = primary.getFingerprint().toUpperCase();
  const signingKey = primary.getKeys(keyID)[0] as openpgp.PublicKey | openpgp.Subkey;
  const isSubkey = signingKey !== primary;

  if (await primary.isRevoked(undefined, undefined, now)) return fail('key-revoked', `OpenPGP key ${fpr} is revoked`);
  if (isSubkey && (await (signingKey as openpgp.Subkey).isRevoked(undefined as never, undefined as never, now))) {
    return fail('key-revoked', `OpenPGP subkey ${keyID.toHex().toUpperCase()} of ${fpr} is revoked`);
  }

  const created = packet.created ?? now;
  let verified = false;
  let why = '';
  try {
    // Judged at the signature's creation time: crypto and the key's validity then; "now" is ours below.
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: new Uint8Array(payload) }),
      signature,
      verificationKeys: [primary],
      date: created,
      expectSigned: false,
    });
    const first = result.signatures[0];
    if (first) {
      await first.verified;
      verified = true;
    }
  } catch (err) {
    why = (err as Error).message;
  }
  if (!verified) {
    if (/expired/i.test(why)) return fail('key-expired', `OpenPGP key ${fpr} was expired when it signed: ${why}`);
    return fail('signature-bad', `the OpenPGP signature by ${fpr} does not verify: ${why || 'no signature result'}`);
  }
  if (packet.isExpired(now)) {
    return fail('signature-expired', `the OpenPGP signature by ${fpr} expired at ${new Date(packet.getExpirationTime() as Date).toISOString()}`);
  }
  for (const k of isSubkey ? [primary, signingKey] : [primary]) {
    const until = await k.getExpirationTime();
    if (until instanceof Date && until.getTime() <= now.getTime()) {
      return fail('key-expired', `OpenPGP ${k === primary ? 'key' : 'subkey'} ${fpr} expired at ${until.toISOString()}`);
    }
    if (until === null) return fail('key-expired', `OpenPGP key ${fpr} has no valid self-signature now`);
  }
  return {
    ok: true,
    kind: 'openpgp',
    signer: fpr,
    detail: `good OpenPGP signature by ${fpr}${isSubkey ? ` (subkey ${keyID.toHex().toUpperCase()})` : ''}`,
  };
}
