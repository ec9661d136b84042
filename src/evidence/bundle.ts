/**
 * The evidence bundle: a directory of files plus `evidence.json`, which lists each file with its size
 * and SHA-256 and carries provenance, repo_state and the retention class. `digest` seals the whole
 * document (and so the sorted file list): SHA-256 of its canonical JSON without `digest`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ScanError } from '../core/errors.js';
import { canonicalJson } from '../core/policy.js';
import type { RetentionClass, RetentionWindow } from './policy.js';
import type { Provenance } from './provenance.js';
import type { RepoState } from './repo-state.js';
import { schemaErrors, validator } from './schemas.js';

export const MANIFEST_FILE = 'evidence.json';
export const EVIDENCE_SCHEMA = 'evidence.schema.json';

export const FILE_KINDS = ['report', 'sarif', 'decision-log', 'junit', 'manifest', 'manifest-diff', 'tag-checks', 'override', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface BundleFile {
  path: string;
  size: number;
  sha256: string;
  kind: FileKind;
}

export interface EvidenceDocument {
  version: 1;
  created_at: string;
  retention: { class: RetentionClass; window: RetentionWindow; retain_until: string };
  provenance: Provenance;
  /** TRADING_MODE of the collecting job, and as recorded by each test result file that records it. */
  trading_mode: { job: string | null; test_results: { path: string; value: string }[] };
  repo_state: RepoState | null;
  tag: { ref: string; commit: string | null; checks: Record<string, unknown>[] } | null;
  files: BundleFile[];
  digest: string;
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export function digestOf(doc: Omit<EvidenceDocument, 'digest'> & { digest?: string }): string {
  const { digest: _ignored, ...rest } = doc;
  return sha256(canonicalJson(rest));
}

/** Every file under `dir` except evidence.json, as bundle paths (POSIX, sorted by code point). */
export function listBundleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(abs, entry.name), childRel);
      else if (childRel !== MANIFEST_FILE) out.push(childRel);
    }
  };
  walk(dir, '');
  return out.sort(byCodePoint);
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Hashes the files of `dir` and writes a schema-valid evidence.json; returns the document. */
export function sealBundle(dir: string, meta: Omit<EvidenceDocument, 'files' | 'digest'>, kinds: ReadonlyMap<string, FileKind>): EvidenceDocument {
  const files = listBundleFiles(dir).map((rel) => {
    const data = readFileSync(path.join(dir, rel));
    return { path: rel, size: data.length, sha256: sha256(data), kind: kinds.get(rel) ?? 'other' };
  });
  const body = { ...meta, files };
  const doc: EvidenceDocument = { ...body, digest: digestOf(body) };
  const validate = validator(EVIDENCE_SCHEMA);
  // Our own output failing our own schema is a bug, not the user's fault: exit 3, with the reason.
  if (!validate(doc)) throw new ScanError(`evidence.json does not match schemas/${EVIDENCE_SCHEMA}: ${schemaErrors(validate).join('; ')}`, dir);
  writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}
