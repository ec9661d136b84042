/**
 * Uploads a sealed bundle to a WORM store under content-addressed keys (`PREFIX/DIGEST/PATH`), then
 * reads each object back: mode, retain-until and SHA-256 must be what was asked, or the upload fails
 * with the reason. A key that already holds the same bytes under a sufficient lock is accepted as is
 * (a re-run), a key with other bytes is never overwritten.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ScanError } from '../core/errors.js';
import { MANIFEST_FILE, sha256, type EvidenceDocument } from './bundle.js';
import type { LockMode } from './policy.js';
import type { EvidenceStore, ObjectLock, StoredObject } from './store/types.js';

export interface WormUpload {
  /** `s3://bucket/PREFIX/DIGEST`: what `evidence verify` takes. */
  url: string;
  stored: number;
  alreadyPresent: number;
}

export function bundleKey(prefix: string, digest: string): string {
  return [prefix.replace(/^\/+|\/+$/g, ''), digest].filter(Boolean).join('/');
}

export async function uploadToStore(store: EvidenceStore, dir: string, doc: EvidenceDocument, prefix: string, mode: LockMode): Promise<WormUpload> {
  await store.assertWorm();
  const lock: ObjectLock = { mode, retainUntil: new Date(doc.retention.retain_until) };
  const root = bundleKey(prefix, doc.digest);
  const items = [...doc.files.map((f) => f.path), MANIFEST_FILE];
  let stored = 0;
  let alreadyPresent = 0;
  // evidence.json goes last: an interrupted upload leaves no manifest pointing at missing files.
  for (const rel of items) {
    const body = readFileSync(path.join(dir, rel));
    const hash = sha256(body);
    const key = `${root}/${rel}`;
    const existing = await store.head(key);
    if (existing) {
      if (existing.sha256 !== hash) {
        throw new ScanError(`${store.location}/${key} already exists with other content (sha256 ${existing.sha256 ?? 'not reported'}); evidence keys are never overwritten`);
      }
      confirm(store, key, existing, lock, hash);
      alreadyPresent++;
      continue;
    }
    await store.put(key, body, hash, lock);
    const after = await store.head(key);
    if (!after) throw new ScanError(`${store.location}/${key}: the object is not there after the upload`);
    confirm(store, key, after, lock, hash);
    stored++;
  }
  return { url: `${store.location}/${root}`, stored, alreadyPresent };
}

/** Anything less than the asked lock and checksum is a failure, each shortfall named. */
function confirm(store: EvidenceStore, key: string, obj: StoredObject, lock: ObjectLock, hash: string): void {
  const problems: string[] = [];
  if (obj.lock.mode !== lock.mode) problems.push(`lock mode is ${obj.lock.mode ?? 'not reported'}, expected ${lock.mode}`);
  if (!obj.lock.retainUntil) problems.push('no retain-until date reported');
  else if (obj.lock.retainUntil.getTime() < lock.retainUntil.getTime()) {
    problems.push(`retain-until is ${obj.lock.retainUntil.toISOString()}, earlier than ${lock.retainUntil.toISOString()}`);
  }
  if (obj.sha256 === null) problems.push('no SHA-256 checksum reported');
  else if (obj.sha256 !== hash) problems.push(`SHA-256 is ${obj.sha256}, expected ${hash}`);
  if (problems.length) {
    throw new ScanError(`${store.location}/${key}: WORM retention not confirmed: ${problems.join('; ')}. The store ignores Object Lock or the checksum; evidence was not safely stored.`);
  }
}
