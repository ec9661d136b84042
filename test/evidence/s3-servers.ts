/**
 * Real S3-protocol servers on loopback for the WORM tests: moto's server (enforces Object Lock and
 * versioning) as a child process, and s3rver (ignores Object Lock, checks signatures) in-process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { tempDir } from '../helpers/repo.js';

export const MOTO_AVAILABLE = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
export const CREDS = { accessKeyId: 'AKIAPAPERGUARDTEST01', secretAccessKey: 'paperguard-test-secret-key-0000000000000' };
export const S3RVER_CREDS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** When moto is missing the suite still runs the rest, and says loudly which tests it could not run. */
export function warnIfNoMoto(tests: string[]): void {
  if (MOTO_AVAILABLE) return;
  console.warn(
    `\n!!! python3 moto is not installed (pip install 'moto[server]'): these WORM tests did NOT run:\n${tests.map((t) => `!!!   - ${t}`).join('\n')}\n`,
  );
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  // Wait until it answers; give up (loudly) if the process exits first.
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`moto server exited before answering on ${url}`);
    try {
      await fetch(`${url}/moto-api/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}

export function s3Client(endpoint: string, credentials = CREDS): S3Client {
  return new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
}

export async function createBucket(endpoint: string, bucket: string, objectLock: boolean, credentials = CREDS): Promise<void> {
  await s3Client(endpoint, credentials).send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: objectLock || undefined }));
}

export async function startS3rver(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: tempDir('s3rver-') });
  await server.run();
  return { url: `http://127.0.0.1:${port}`, stop: async () => void (await server.close()) };
}
