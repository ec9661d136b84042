/** `evidence upload`: a verified bundle to GitHub artifacts and/or the WORM store. */
import path from 'node:path';
import { ScanError, UsageError } from '../core/errors.js';
import { createGitHubClient, DEFAULT_API_URL } from '../core/github.js';
import { getArtifactRetention } from '../core/github-evidence.js';
import type { Logger } from '../gates/types.js';
import { listBundleFiles, type EvidenceDocument } from './bundle.js';
import { decideArtifactRetention, uploadArtifact } from './artifact.js';
import type { EvidencePolicy } from './policy.js';
import { daysNeeded } from './retention.js';
import { dirSource } from './sources.js';
import { credentialsFromEnv, parseS3Url, S3Store, s3Settings } from './store/s3.js';
import type { EvidenceStore } from './store/types.js';
import { verifyBundle } from './verify.js';
import { uploadToStore, type WormUpload } from './worm.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface UploadRequest {
  dir: string;
  artifact: boolean;
  /** `s3://bucket/prefix`; undefined: the policy's store when it names a bucket. */
  s3?: string;
  /** False: no WORM upload even when the policy names a bucket. */
  useStore?: boolean;
  policy: EvidencePolicy;
  env: Env;
  logger: Logger;
  /** Tests inject a store; otherwise S3 from the policy and the AWS_* variables. */
  store?: EvidenceStore;
}

export interface UploadResult {
  digest: string;
  worm: WormUpload | null;
  artifact: { name: string; retentionDays: number; short: boolean; id?: number } | null;
}

/** The WORM target: --s3 wins over the policy; null when neither names a bucket. */
export function wormTarget(s3: string | undefined, policy: EvidencePolicy): { bucket: string; prefix: string } | null {
  if (s3) {
    const { bucket, key } = parseS3Url(s3);
    return { bucket, prefix: key };
  }
  return policy.store.bucket ? { bucket: policy.store.bucket, prefix: policy.store.prefix } : null;
}

export function openStore(bucket: string, policy: EvidencePolicy, env: Env): EvidenceStore {
  return new S3Store(s3Settings(policy.store, bucket, env), credentialsFromEnv(env));
}

export async function uploadBundle(req: UploadRequest): Promise<UploadResult> {
  const check = await verifyBundle(dirSource(req.dir));
  if (!check.ok || !check.doc) {
    throw new ScanError(`${req.dir} does not verify; refusing to upload it: ${check.problems.slice(0, 5).join('; ')}`, req.dir);
  }
  const doc = check.doc;
  const target = req.useStore === false ? null : wormTarget(req.s3, req.policy);
  if (!req.artifact && !target) {
    throw new UsageError('evidence upload: nothing to upload to; pass --artifact and/or --s3 s3://bucket/prefix, or set evidence.store.bucket in the policy');
  }
  // The artifact decision comes first: a class artifacts cannot keep, with no WORM store, stops here.
  const plan = req.artifact ? await planArtifact(doc, req.env, target !== null) : null;
  let worm: WormUpload | null = null;
  if (target) {
    const store = req.store ?? openStore(target.bucket, req.policy, req.env);
    worm = await uploadToStore(store, req.dir, doc, target.prefix, req.policy.store.mode);
    req.logger.info(`evidence: ${worm.url}: ${worm.stored} objects stored, ${worm.alreadyPresent} already present; locked ${req.policy.store.mode} until ${doc.retention.retain_until}`);
  }
  let artifact: UploadResult['artifact'] = null;
  if (plan) {
    if (!req.env['ACTIONS_RUNTIME_TOKEN'] || !req.env['ACTIONS_RESULTS_URL']) {
      throw new UsageError('--artifact works only inside a GitHub Actions job (ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set)');
    }
    const name = `paperguard-evidence-${doc.digest.slice(0, 16)}`;
    const files = [...listBundleFiles(req.dir), 'evidence.json'].map((f) => path.join(req.dir, f));
    const res = await uploadArtifact(name, files, req.dir, plan.retentionDays);
    artifact = { name, retentionDays: plan.retentionDays, short: plan.short, ...(res.id !== undefined ? { id: res.id } : {}) };
    if (plan.short) req.logger.warn(`evidence: artifact ${name} is kept ${plan.retentionDays} days only; the WORM store holds the ${doc.retention.class} copy`);
  }
  return { digest: doc.digest, worm, artifact };
}

/** Reads the repository's artifact retention maximum and decides the days, or refuses. */
export async function planArtifact(doc: EvidenceDocument, env: Env, wormConfigured: boolean) {
  const token = env['GITHUB_TOKEN'] || env['INPUT_GITHUB_TOKEN'];
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (!owner || !repo) throw new UsageError('--artifact needs GITHUB_REPOSITORY (owner/repo) to read the artifact retention setting');
  if (!token) throw new UsageError('--artifact needs a token in GITHUB_TOKEN (actions: read) to read the artifact retention setting');
  const client = createGitHubClient({ token, apiUrl: env['GITHUB_API_URL'] || DEFAULT_API_URL });
  const { maximumAllowedDays } = await getArtifactRetention(client, { owner, repo });
  const days = daysNeeded(new Date(doc.created_at), new Date(doc.retention.retain_until));
  return decideArtifactRetention({ cls: doc.retention.class, window: doc.retention.window, days }, maximumAllowedDays, wormConfigured, `${owner}/${repo}`);
}
