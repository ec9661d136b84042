import { Worker } from 'node:worker_threads';
import { ScanError } from '../../core/errors.js';
import type { Inventory } from '../../core/inventory.js';
import { readText } from '../../core/read-text.js';
import type { PortEntry } from './catalog-types.js';
import { portMatcher, type PortMatch } from './ib-ports.js';
import { hostMatcher, type HostMatch } from './scan.js';

/** What a scanner needs of the catalog and policy: plain data, so that it can be sent to a worker. */
export interface ScanSpec {
  topLevelLabels: string[];
  knownHosts: string[];
  /** null when the policy does not check IB ports. */
  ports: PortEntry[] | null;
}

export interface FileScan {
  path: string;
  binary: boolean;
  hosts: HostMatch[];
  ports: PortMatch[];
}

/** One file's outcome; `text` only when it has matches (the gate then needs it), `error` when unreadable. */
export interface RawScan {
  binary: boolean;
  hosts: HostMatch[];
  ports: PortMatch[];
  text?: string;
  error?: string;
}

export interface WorkerInput {
  root: string;
  paths: string[];
  spec: ScanSpec;
  /** Next chunk to claim, shared by the main thread and every worker (Atomics.add). */
  counter: SharedArrayBuffer;
}

export type WorkerMessage = { chunk: number; results: RawScan[] } | { done: true };

/** Files per claim: small enough to balance, large enough that messages stay few. */
export const CHUNK = 256;

export function fileScanner(spec: ScanSpec): (root: string, rel: string) => RawScan {
  const known = new Set(spec.knownHosts);
  const findHosts = hostMatcher(spec.topLevelLabels, (host) => known.has(host));
  const findPorts = spec.ports ? portMatcher(spec.ports) : () => [];
  return (root, rel) => {
    let text: string | null;
    try {
      text = readText(root, rel);
    } catch (err) {
      return { binary: false, hosts: [], ports: [], error: (err as Error).message };
    }
    if (text === null) return { binary: true, hosts: [], ports: [] };
    const hosts = findHosts(text);
    const ports = findPorts(text);
    return hosts.length || ports.length ? { binary: false, hosts, ports, text } : { binary: false, hosts, ports };
  };
}

/** Claims chunks until none is left; `each` gets every claimed chunk's results. */
export function scanChunks(input: WorkerInput, scan: (root: string, rel: string) => RawScan, each: (chunk: number, results: RawScan[]) => void): void {
  const claim = new Int32Array(input.counter);
  const chunks = Math.ceil(input.paths.length / CHUNK);
  for (let c = Atomics.add(claim, 0, 1); c < chunks; c = Atomics.add(claim, 0, 1)) {
    each(c, input.paths.slice(c * CHUNK, (c + 1) * CHUNK).map((rel) => scan(input.root, rel)));
  }
}

/**
 * Reads and matches `paths` (in order), on this thread and on `workers` worker threads that share the
 * chunks. Every read is recorded in the inventory as `inventory.text` would have; texts are kept only
 * for files with matches. A worker that fails leaves its chunks to this thread. The first unreadable
 * file in order throws, as a sequential scan would.
 */
export async function scanFiles(
  inventory: Inventory,
  paths: string[],
  spec: ScanSpec,
  workers: { count: number; script: string | null },
): Promise<FileScan[]> {
  const input: WorkerInput = { root: inventory.root, paths, spec, counter: new SharedArrayBuffer(4) };
  const chunks: (RawScan[] | undefined)[] = new Array(Math.ceil(paths.length / CHUNK));
  const store = (c: number, results: RawScan[]) => {
    chunks[c] = results;
  };
  const started = workers.script ? Array.from({ length: workers.count }, () => runWorker(workers.script as string, input, store)) : [];
  const scan = fileScanner(spec);
  scanChunks(input, scan, store);
  await Promise.all(started);

  const out: FileScan[] = [];
  for (let c = 0; c < chunks.length; c++) {
    const results = (chunks[c] ??= paths.slice(c * CHUNK, (c + 1) * CHUNK).map((rel) => scan(input.root, rel)));
    results.forEach((r, k) => {
      const rel = paths[c * CHUNK + k] as string;
      if (r.error !== undefined) throw new ScanError(r.error, rel);
      inventory.noteRead(rel, r);
      out.push({ path: rel, binary: r.binary, hosts: r.hosts, ports: r.ports });
    });
  }
  return out;
}

/** Resolves when the worker is done or gone; never rejects (undelivered chunks are scanned by the caller). */
function runWorker(script: string, input: WorkerInput, store: (c: number, results: RawScan[]) => void): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: input });
    } catch {
      resolve();
      return;
    }
    worker.on('message', (m: WorkerMessage) => {
      if ('done' in m) resolve();
      else store(m.chunk, m.results);
    });
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
}
