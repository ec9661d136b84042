/**
 * The WORM upload against real S3-protocol servers on loopback: moto (enforces Object Lock and
 * versioning) for the happy path, re-runs and tampering in the store; s3rver (ignores Object Lock,
 * checks signatures) for the fail-closed paths.
 */
import { PutObjectCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanError, UsageError } from '../../src/core/errors.js';
import type { EvidencePolicy } from '../../src/evidence/policy.js';
import { storeSource } from '../../src/evidence/sources.js';
import { parseS3Url, S3Store, credentialsFromEnv } from '../../src/evidence/store/s3.js';
import type { EvidenceStore, StoredObject } from '../../src/evidence/store/types.js';
import { uploadBundle } from '../../src/evidence/upload.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { uploadToStore } from '../../src/evidence/worm.js';
import { runCli } from '../helpers/cli.js';
import { cleanupTempDirs, tempDir } from '../helpers/repo.js';
import { bundle, evidenceRepo, quiet } from './fixture.js';
import { CREDS, MOTO_AVAILABLE, S3RVER_CREDS, createBucket, freePort, s3Client, startMoto, startS3rver, warnIfNoMoto, type Moto } from './s3-servers.js';

const MOTO_TESTS = [
  'moto: uploads under COMPLIANCE lock and HeadObject confirms mode, retain-until and SHA-256',
  'moto: a re-run is idempotent',
  'moto: GOVERNANCE only when the policy says so',
  'moto: a bucket without Object Lock is refused',
  'moto: an existing key with other content is never overwritten',
  'moto: verify s3:// names a file replaced by a newer version in the store',
  'moto: checksum mismatch reported by the store fails',
  'CLI: evidence upload --s3 then evidence verify s3://… (endpoint from the policy, credentials from AWS_*)',
];
warnIfNoMoto(MOTO_TESTS);

const store = (endpoint: string, bucket: string, creds = CREDS) => new S3Store({ bucket, region: 'us-east-1', endpoint, timeoutMs: 5_000 }, creds);
const policy = (bucket: string, endpoint: string, mode: 'COMPLIANCE' | 'GOVERNANCE' = 'COMPLIANCE'): EvidencePolicy => ({
  retention: { pull_request: { days: 30 }, main: { days: 180 }, release_tag: { years: 7 }, break_glass: { years: 7 } },
  main_branches: ['main'],
  collect: [],
  store: { bucket, prefix: 'evidence', region: 'us-east-1', endpoint, mode },
});
const ENV = { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey };

afterAll(cleanupTempDirs);

describe.skipIf(!MOTO_AVAILABLE)('WORM store on moto (Object Lock enforced)', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await createBucket(moto.url, 'locked', true);
    await createBucket(moto.url, 'unlocked', false);
  });
  afterAll(() => moto?.stop());

  it(MOTO_TESTS[0]!, async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    const res = await uploadBundle({ dir, artifact: false, policy: policy('locked', moto.url), env: ENV, logger: quiet });
    expect(res.worm).toEqual({ url: `s3://locked/evidence/${doc.digest}`, stored: doc.files.length + 1, alreadyPresent: 0 });
    const s = store(moto.url, 'locked');
    const head = await s.head(`evidence/${doc.digest}/evidence.json`);
    expect(head?.lock).toEqual({ mode: 'COMPLIANCE', retainUntil: new Date(doc.retention.retain_until) });
    expect(head?.versionId).toBeTruthy();
    const v = await verifyBundle(storeSource(s, `evidence/${doc.digest}`));
    expect(v.problems).toEqual([]);
  });

  it(MOTO_TESTS[1]!, async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    const p = policy('locked', moto.url);
    await uploadBundle({ dir, artifact: false, policy: p, env: ENV, logger: quiet });
    const again = await uploadBundle({ dir, artifact: false, policy: p, env: ENV, logger: quiet });
    expect(again.worm).toMatchObject({ stored: 0, alreadyPresent: doc.files.length + 1 });
  });

  it(MOTO_TESTS[2]!, async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    await uploadBundle({ dir, artifact: false, policy: policy('locked', moto.url, 'GOVERNANCE'), env: ENV, logger: quiet });
    expect((await store(moto.url, 'locked').head(`evidence/${doc.digest}/evidence.json`))?.lock.mode).toBe('GOVERNANCE');
  });

  it(MOTO_TESTS[3]!, async () => {
    const { dir } = await bundle(evidenceRepo());
    const err = await uploadBundle({ dir, artifact: false, policy: policy('unlocked', moto.url), env: ENV, logger: quiet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(/s3:\/\/unlocked: (GetObjectLockConfiguration .* failed|Object Lock is not enabled)/);
  });

  it(MOTO_TESTS[4]!, async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    const key = `evidence/${doc.digest}/${doc.files[0]!.path}`;
    await s3Client(moto.url).send(new PutObjectCommand({ Bucket: 'locked', Key: key, Body: 'planted first', ChecksumAlgorithm: 'SHA256' }));
    const err = await uploadBundle({ dir, artifact: false, policy: policy('locked', moto.url), env: ENV, logger: quiet }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`s3://locked/${key} already exists with other content`);
    expect((err as Error).message).toContain('never overwritten');
  });

  it(MOTO_TESTS[5]!, async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    await uploadBundle({ dir, artifact: false, policy: policy('locked', moto.url), env: ENV, logger: quiet });
    // A lock protects each version, not the key: anyone with PutObject can add a newer version on top.
    const target = doc.files.find((f) => f.kind === 'manifest')!;
    await s3Client(moto.url).send(
      new PutObjectCommand({ Bucket: 'locked', Key: `evidence/${doc.digest}/${target.path}`, Body: '{"version":1,"scripts":[]}\n', ChecksumAlgorithm: 'SHA256' }),
    );
    const v = await verifyBundle(storeSource(store(moto.url, 'locked'), `evidence/${doc.digest}`));
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.stringMatching(new RegExp(`^tampered: ${target.path} \\(sha256 `))]);
  });

  it(MOTO_TESTS[6]!, async () => {
    // moto (like s3rver) accepts a wrong x-amz-checksum-sha256 and reports back what it was sent, and
    // real S3 rejects it, so no real server here can report a checksum other than ours: a thin wrapper
    // over the real moto store alters what HeadObject reports, to prove the read-back comparison.
    const real = store(moto.url, 'locked');
    const lying: EvidenceStore = {
      location: real.location,
      assertWorm: () => real.assertWorm(),
      put: (k, b, h, l) => real.put(k, b, h, l),
      get: (k) => real.get(k),
      list: (p) => real.list(p),
      head: async (k) => {
        const o = await real.head(k);
        return o && ({ ...o, sha256: '0'.repeat(64) } satisfies StoredObject);
      },
    };
    const { dir, doc } = await bundle(evidenceRepo());
    const err = await uploadToStore(lying, dir, doc, 'mismatch', 'COMPLIANCE').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/already exists with other content|WORM retention not confirmed: SHA-256 is 0{64}, expected [0-9a-f]{64}/);
  });

  it('CLI: evidence upload --s3 then evidence verify s3://… (endpoint from the policy, credentials from AWS_*)', async () => {
    const repo = evidenceRepo();
    const { dir, doc } = await bundle(repo);
    const policyFile = path.join(tempDir(), 'policy.yml');
    writeFileSync(policyFile, `version: 1\nevidence:\n  store:\n    endpoint: ${moto.url}\n`);
    const env = { ...process.env, ...ENV, NO_COLOR: '1' };
    const up = runCli(['evidence', 'upload', dir, '--s3', 's3://locked/cli', '--policy', policyFile], { env });
    expect(up.stderr).toContain('objects stored, 0 already present; locked COMPLIANCE until');
    expect(up.stdout).toBe(`s3://locked/cli/${doc.digest}\n`);
    expect(up.code).toBe(0);
    const v = runCli(['evidence', 'verify', `s3://locked/cli/${doc.digest}`, '--policy', policyFile], { env });
    expect(v.stdout).toMatch(/^OK s3:\/\/locked\/cli\/[0-9a-f]{64}: \d+ files/);
    expect(v.code).toBe(0);
    const noCreds = runCli(['evidence', 'verify', `s3://locked/cli/${doc.digest}`, '--policy', policyFile], { env: { PATH: process.env.PATH } });
    expect(noCreds.stderr).toContain('the WORM store needs credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(noCreds.code).toBe(2);
  });

  it('moto: a bucket whose lock configuration exists is accepted by assertWorm', async () => {
    await createBucket(moto.url, 'locked-default', true);
    await s3Client(moto.url).send(
      new PutObjectLockConfigurationCommand({ Bucket: 'locked-default', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } } }),
    );
    await expect(store(moto.url, 'locked-default').assertWorm()).resolves.toBeUndefined();
  });
});

describe('WORM store fail-closed paths (s3rver ignores Object Lock; closed ports)', () => {
  let s3rver: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    s3rver = await startS3rver();
    await createBucket(s3rver.url, 'ignores-lock', true, S3RVER_CREDS);
  });
  afterAll(() => s3rver?.stop());

  it('lock not confirmed: a store without Object Lock support is refused with the reason, nothing is written', async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    const s = store(s3rver.url, 'ignores-lock', S3RVER_CREDS);
    const err = await uploadToStore(s, dir, doc, 'evidence', 'COMPLIANCE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(/^s3:\/\/ignores-lock: GetObjectLockConfiguration on bucket ignores-lock failed: HTTP 501 NotImplemented/);
    expect(await s.list('evidence/')).toEqual([]);
  });

  it('lock not confirmed after the upload: HeadObject without lock mode, date or checksum fails naming each', async () => {
    // Skip the bucket check to reach the read-back on a real server that silently ignores the headers.
    const real = store(s3rver.url, 'ignores-lock', S3RVER_CREDS);
    const noCheck: EvidenceStore = Object.assign(Object.create(real) as S3Store, { assertWorm: async () => {} });
    const { dir, doc } = await bundle(evidenceRepo());
    const err = await uploadToStore(noCheck, dir, doc, 'post', 'COMPLIANCE').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /WORM retention not confirmed: lock mode is not reported, expected COMPLIANCE; no retain-until date reported; no SHA-256 checksum reported/,
    );
  });

  it('wrong credentials: named as rejected credentials', async () => {
    // s3rver knows one access key id (S3RVER) and refuses others; it does not check v4 signatures.
    const s = store(s3rver.url, 'ignores-lock', { accessKeyId: 'AKIAWRONG', secretAccessKey: 'wrong' });
    const err = await s.list('evidence/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toMatch(/ListObjectsV2 evidence\/ failed: HTTP 403 InvalidAccessKeyId: the credentials were rejected \(check AWS_ACCESS_KEY_ID/);
  });

  it('store unreachable: named with the endpoint', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await store(url, 'any').assertWorm().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect((err as Error).message).toContain(`GetObjectLockConfiguration on bucket any failed: store unreachable at ${url}`);
  });

  it('upload refuses a bundle that does not verify (exit 3) and an upload with no target (exit 2)', async () => {
    const { dir, doc } = await bundle(evidenceRepo());
    const none = runCli(['evidence', 'upload', dir], { env: { ...process.env, ...ENV } });
    expect(none.stderr).toContain('evidence upload: nothing to upload to; pass --artifact and/or --s3');
    expect(none.code).toBe(2);
    appendFileSync(path.join(dir, doc.files[0]!.path), 'x');
    const tampered = runCli(['evidence', 'upload', dir, '--s3', 's3://any/x'], { env: { ...process.env, ...ENV } });
    expect(tampered.stderr).toContain(`does not verify; refusing to upload it: tampered: ${doc.files[0]!.path}`);
    expect(tampered.code).toBe(3);
  });

  it('credentials come only from the AWS_* variables', () => {
    expect(() => credentialsFromEnv({})).toThrow(UsageError);
    expect(() => credentialsFromEnv({})).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SESSION_TOKEN: 'c' })).toEqual({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' });
  });

  it('s3:// URLs are parsed strictly', () => {
    expect(parseS3Url('s3://my-bucket/a/b/')).toEqual({ bucket: 'my-bucket', key: 'a/b' });
    expect(() => parseS3Url('s3://Bad_Bucket/x')).toThrow(UsageError);
    expect(() => parseS3Url('s3://bucket/../x')).toThrow(/\.\. segments/);
  });
});
