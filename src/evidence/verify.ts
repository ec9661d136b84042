/**
 * `evidence verify`: re-hashes every file, validates evidence.json against its schema, recomputes the
 * digest and checks the provenance and retention fields. Each tampered, missing or extra file is named.
 */
import { digestOf, EVIDENCE_SCHEMA, MANIFEST_FILE, sha256, type EvidenceDocument } from './bundle.js';
import { retainUntil, isoSeconds } from './retention.js';
import { schemaErrors, validator } from './schemas.js';
import type { BundleSource } from './sources.js';

export interface Verification {
  source: string;
  ok: boolean;
  problems: string[];
  doc: EvidenceDocument | null;
}

export async function verifyBundle(src: BundleSource): Promise<Verification> {
  const problems: string[] = [];
  const done = (doc: EvidenceDocument | null): Verification => ({ source: src.label, ok: problems.length === 0, problems, doc });
  const raw = await src.read(MANIFEST_FILE);
  if (!raw) {
    problems.push(`missing: ${MANIFEST_FILE} (not an evidence bundle, or its manifest was removed)`);
    return done(null);
  }
  let doc: EvidenceDocument;
  try {
    doc = JSON.parse(raw.toString('utf8')) as EvidenceDocument;
  } catch (err) {
    problems.push(`${MANIFEST_FILE}: not valid JSON (${(err as Error).message})`);
    return done(null);
  }
  const validate = validator(EVIDENCE_SCHEMA);
  if (!validate(doc)) {
    problems.push(...schemaErrors(validate, 20).map((e) => `${MANIFEST_FILE}: schema: ${e}`));
    return done(null);
  }
  const digest = digestOf(doc);
  if (digest !== doc.digest) problems.push(`${MANIFEST_FILE}: changed (its digest is ${doc.digest}, its content hashes to ${digest})`);
  if (src.addressedDigest !== undefined && src.addressedDigest !== doc.digest) {
    problems.push(`${MANIFEST_FILE}: stored under digest ${src.addressedDigest} but declares ${doc.digest}`);
  }
  checkMeta(doc, problems);

  const listed = new Set<string>();
  for (const f of doc.files) {
    if (listed.has(f.path)) problems.push(`${MANIFEST_FILE}: lists ${f.path} twice`);
    listed.add(f.path);
    const data = await src.read(f.path);
    if (!data) {
      problems.push(`missing: ${f.path}`);
      continue;
    }
    const hash = sha256(data);
    if (hash !== f.sha256 || data.length !== f.size) {
      problems.push(`tampered: ${f.path} (sha256 ${hash}, ${data.length} bytes; recorded ${f.sha256}, ${f.size} bytes)`);
    }
  }
  for (const rel of (await src.list()).sort()) {
    if (rel !== MANIFEST_FILE && !listed.has(rel)) problems.push(`extra: ${rel} (not listed in ${MANIFEST_FILE})`);
  }
  return done(doc);
}

function checkMeta(doc: EvidenceDocument, problems: string[]): void {
  const expected = isoSeconds(retainUntil(new Date(doc.created_at), doc.retention.window));
  if (doc.retention.retain_until !== expected) {
    problems.push(`${MANIFEST_FILE}: retention.retain_until is ${doc.retention.retain_until}, but created_at + window gives ${expected}`);
  }
  if ((doc.retention.class === 'release_tag') !== (doc.tag !== null)) {
    problems.push(`${MANIFEST_FILE}: class ${doc.retention.class} ${doc.tag ? 'must not carry' : 'must carry'} tag check results`);
  }
  const head = doc.repo_state?.head;
  // On pull_request GITHUB_SHA is the merge commit, which is also what actions/checkout checks out.
  if (head && doc.provenance.commit && head !== doc.provenance.commit) {
    problems.push(`${MANIFEST_FILE}: provenance.commit ${doc.provenance.commit} is not repo_state.head ${head}`);
  }
  if (doc.provenance.run_id !== null && (doc.provenance.repository === null || doc.provenance.run_attempt === null)) {
    problems.push(`${MANIFEST_FILE}: provenance has a run_id without repository and run_attempt`);
  }
}
