/**
 * The S3 (and S3-compatible) WORM store: Object Lock with a retain-until date, SHA-256 checksums
 * always (`ChecksumAlgorithm: 'SHA256'`: without it the SDK drops the algorithm header and an
 * Object Lock PUT is refused), keys written once (If-None-Match plus a HeadObject first).
 */
import {
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { ScanError, UsageError } from '../../core/errors.js';
import type { StorePolicy } from '../policy.js';
import type { EvidenceStore, ObjectLock, StoredObject } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint: string;
  /** Milliseconds per request; a store that does not answer fails instead of hanging the job. */
  timeoutMs?: number;
}

/** `s3://bucket/prefix` → bucket and prefix (no leading/trailing slash). */
export function parseS3Url(url: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new UsageError(`${url}: not an s3://bucket/key URL (bucket names are 3-63 lower-case letters, digits, dots, hyphens)`);
  const key = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (key.split('/').some((p) => p === '..' || p === '.')) throw new UsageError(`${url}: key may not contain . or .. segments`);
  return { bucket: m[1]!, key };
}

/** Credentials only from the standard variables: no silent fallback to instance metadata or profiles. */
export function credentialsFromEnv(env: Env): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) {
    throw new UsageError(
      'the WORM store needs credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), e.g. from aws-actions/configure-aws-credentials',
    );
  }
  const sessionToken = env['AWS_SESSION_TOKEN'] || undefined;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** Store settings: the policy's, with AWS_REGION / AWS_ENDPOINT_URL_S3 from the environment when the policy leaves them empty. */
export function s3Settings(policy: StorePolicy, bucket: string, env: Env): S3Settings {
  return {
    bucket,
    region: policy.region || env['AWS_REGION'] || 'us-east-1',
    endpoint: policy.endpoint || env['AWS_ENDPOINT_URL_S3'] || '',
  };
}

export class S3Store implements EvidenceStore {
  readonly location: string;
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  ) {
    this.location = `s3://${settings.bucket}`;
    if (settings.endpoint && !/^https?:\/\//.test(settings.endpoint)) {
      throw new UsageError(`store endpoint ${JSON.stringify(settings.endpoint)} must be an http(s) URL`);
    }
    this.client = new S3Client({
      region: settings.region,
      credentials,
      maxAttempts: 2,
      requestHandler: { requestTimeout: settings.timeoutMs ?? 30_000, connectionTimeout: settings.timeoutMs ?? 30_000 },
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    });
  }

  async assertWorm(): Promise<void> {
    let enabled: string | undefined;
    try {
      const r = await this.client.send(new GetObjectLockConfigurationCommand({ Bucket: this.settings.bucket }));
      enabled = r.ObjectLockConfiguration?.ObjectLockEnabled;
    } catch (err) {
      throw this.failure('GetObjectLockConfiguration', `on bucket ${this.settings.bucket}`, err, 'the bucket has no Object Lock configuration (create it with Object Lock enabled)');
    }
    if (enabled !== 'Enabled') {
      throw new ScanError(`${this.location}: Object Lock is not enabled on the bucket; evidence needs a WORM bucket (create it with Object Lock enabled)`);
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key, ChecksumMode: 'ENABLED' }));
      return {
        key,
        versionId: r.VersionId ?? null,
        sha256: r.ChecksumSHA256 ? Buffer.from(r.ChecksumSHA256, 'base64').toString('hex') : null,
        lock: { mode: r.ObjectLockMode ?? null, retainUntil: r.ObjectLockRetainUntilDate ?? null },
      };
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw this.failure('HeadObject', key, err);
    }
  }

  async put(key: string, body: Buffer, sha256Hex: string, lock: ObjectLock): Promise<{ versionId: string | null }> {
    try {
      const r = await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
          ChecksumAlgorithm: 'SHA256',
          ChecksumSHA256: Buffer.from(sha256Hex, 'hex').toString('base64'),
          ObjectLockMode: lock.mode,
          ObjectLockRetainUntilDate: lock.retainUntil,
          IfNoneMatch: '*',
        }),
      );
      return { versionId: r.VersionId ?? null };
    } catch (err) {
      throw this.failure('PutObject', key, err);
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return Buffer.from(await r.Body!.transformToByteArray());
    } catch (err) {
      throw this.failure('GetObject', key, err, 'no such object');
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      let r;
      try {
        r = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (err) {
        throw this.failure('ListObjectsV2', prefix, err);
      }
      for (const o of r.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /** One line: the call, the object, why (HTTP status and S3 error code, or the network cause), what to check. */
  private failure(call: string, what: string, err: unknown, notFound?: string): ScanError {
    const status = statusOf(err);
    const code = err instanceof S3ServiceException ? err.name : (err as { code?: string; name?: string })?.code ?? (err as Error)?.name;
    let why: string;
    if (status === undefined) why = `store unreachable at ${this.settings.endpoint || `AWS ${this.settings.region}`} (${code}: ${(err as Error)?.message ?? String(err)})`;
    else if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken'].includes(String(code))) {
      why = `HTTP ${status} ${code}: the credentials were rejected (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)`;
    } else if (status === 403) why = `HTTP 403 ${code}: access denied (the credentials need s3:PutObject, s3:PutObjectRetention, s3:GetObject, s3:GetObjectRetention, s3:ListBucket, s3:GetBucketObjectLockConfiguration)`;
    else if (status === 404 && notFound) why = `HTTP 404 ${code}: ${notFound}`;
    else why = `HTTP ${status} ${code}${(err as Error)?.message && (err as Error).message !== code ? `: ${(err as Error).message}` : ''}`;
    return new ScanError(`${this.location}: ${call} ${what} failed: ${why}`);
  }
}

function statusOf(err: unknown): number | undefined {
  const meta = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return meta?.httpStatusCode;
}
