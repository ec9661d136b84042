/** What a signature check concludes: a verified signer, or the one rule it breaks and why. */
export type SignatureRule =
  | 'signature-missing'
  | 'signature-bad'
  | 'signature-expired'
  | 'key-expired'
  | 'key-revoked'
  | 'signer-unknown'
  | 'signer-principal-mismatch'
  | 'signature-unsupported';

export type SignatureVerdict =
  | { ok: true; kind: 'openpgp' | 'ssh' | 'x509'; signer: string; detail: string; unverified?: string }
  | { ok: false; rule: SignatureRule; message: string };

export const fail = (rule: SignatureRule, message: string): SignatureVerdict => ({ ok: false, rule, message });
