/**
 * The one interface a WORM store implements. S3 Object Lock is the first; GCS retention locks and
 * Azure immutable blobs fit the same shape (a lock mode and a retain-until date per object, read back).
 */
import type { LockMode } from '../policy.js';

export interface ObjectLock {
  mode: LockMode;
  retainUntil: Date;
}

export interface StoredObject {
  key: string;
  versionId: string | null;
  /** Hex SHA-256 the store reports for the object; null when it reports none. */
  sha256: string | null;
  lock: { mode: string | null; retainUntil: Date | null };
}

export interface EvidenceStore {
  /** For messages: `s3://bucket`. */
  readonly location: string;
  /** Fails (with the reason) unless the store will really keep objects write-once. */
  assertWorm(): Promise<void>;
  /** The object's metadata, or null when there is no such key. */
  head(key: string): Promise<StoredObject | null>;
  /** Writes a new object with the lock and the SHA-256 checksum; never replaces an existing key. */
  put(key: string, body: Buffer, sha256Hex: string, lock: ObjectLock): Promise<{ versionId: string | null }>;
  get(key: string): Promise<Buffer>;
  /** Keys under a prefix. */
  list(prefix: string): Promise<string[]>;
}
