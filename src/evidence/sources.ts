/** Where a bundle is read from for verify and compare: a directory, a ZIP, or a WORM store prefix. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { ScanError, UsageError } from '../core/errors.js';
import { listBundleFiles, MANIFEST_FILE } from './bundle.js';
import type { EvidenceStore } from './store/types.js';

export interface BundleSource {
  label: string;
  /** Every file of the bundle, evidence.json included, as bundle paths. */
  list(): Promise<string[]>;
  read(rel: string): Promise<Buffer | null>;
  /** The digest the location itself names (a store key is content-addressed), if any. */
  addressedDigest?: string;
}

export function dirSource(dir: string): BundleSource {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such directory`);
  return {
    label: dir,
    list: async () => [...listBundleFiles(dir), ...(existsSync(path.join(dir, MANIFEST_FILE)) ? [MANIFEST_FILE] : [])],
    read: async (rel) => {
      const abs = path.join(dir, rel);
      return existsSync(abs) && statSync(abs).isFile() ? readFileSync(abs) : null;
    },
  };
}

/** A ZIP as GitHub artifacts download it: files at the root, or under one top-level directory. */
export async function zipSource(file: string): Promise<BundleSource> {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const entries = await readZip(file);
  let names = [...entries.keys()];
  const top = names.find((n) => n.endsWith(`/${MANIFEST_FILE}`) && n.split('/').length === 2);
  if (!entries.has(MANIFEST_FILE) && top) {
    const prefix = top.slice(0, -MANIFEST_FILE.length);
    if (names.every((n) => n.startsWith(prefix))) {
      for (const n of names) entries.set(n.slice(prefix.length), entries.get(n)!), entries.delete(n);
      names = [...entries.keys()];
    }
  }
  return { label: file, list: async () => names, read: async (rel) => entries.get(rel) ?? null };
}

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => reject(new ScanError(`${file}: cannot read the ZIP: ${err.message}`, file));
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return fail(err ?? new Error('no archive'));
      const out = new Map<string, Buffer>();
      zip.on('error', fail);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** `s3://bucket/PREFIX/DIGEST`: the objects under that key. */
export function storeSource(store: EvidenceStore, key: string): BundleSource {
  const root = `${key}/`;
  return {
    label: `${store.location}/${key}`,
    addressedDigest: key.split('/').pop(),
    list: async () => (await store.list(root)).map((k) => k.slice(root.length)),
    read: async (rel) => ((await store.head(`${root}${rel}`)) ? store.get(`${root}${rel}`) : null),
  };
}
