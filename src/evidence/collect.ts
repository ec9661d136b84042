/**
 * `evidence collect`: gathers this job's paperguard outputs, test results, the script-risk manifest
 * (and its diff against the base), repo_state and provenance into a bundle directory and seals it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { ScanError, UsageError } from '../core/errors.js';
import { GitRepo } from '../core/git.js';
import type { LoadedPolicy } from '../core/policy.js';
import type { Logger } from '../gates/types.js';
import { byCodePoint, listBundleFiles, sealBundle, type EvidenceDocument, type FileKind } from './bundle.js';
import type { EvidencePolicy, RetentionClass } from './policy.js';
import { provenanceFrom } from './provenance.js';
import { repoState } from './repo-state.js';
import { classify, isoSeconds, retainUntil } from './retention.js';
import { sniff, TAG_VERIFY_FILE } from './sniff.js';

export interface ExtraFile {
  /** Path inside the bundle. */
  path: string;
  content: string;
  kind: FileKind;
}

export interface CollectOptions {
  root: string;
  out: string;
  /** The job's paperguard output directory; null: none. */
  from: string | null;
  includes: string[];
  base?: string;
  loaded: LoadedPolicy;
  env: Readonly<Record<string, string | undefined>>;
  /** Set by break-glass; otherwise the class follows the event and ref. */
  retentionClass?: RetentionClass;
  extra?: ExtraFile[];
  now?: Date;
  logger: Logger;
}

export async function collectEvidence(opts: CollectOptions): Promise<{ dir: string; doc: EvidenceDocument }> {
  const policy = opts.loaded.policy.sections['evidence'] as EvidencePolicy;
  const out = path.resolve(opts.out);
  prepareOut(out, opts.from);
  const kinds = new Map<string, FileKind>();
  const reports: { bundlePath: string; json: unknown }[] = [];
  const testModes: { path: string; value: string }[] = [];
  const add = (bundlePath: string, source: string, label: string): void => {
    const data = readSourceFile(source, label);
    const { kind, json, tradingModes } = sniff(path.basename(source), data, label);
    for (const value of tradingModes ?? []) testModes.push({ path: bundlePath, value });
    const dest = path.join(out, bundlePath);
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(source, dest);
    kinds.set(bundlePath, kind);
    if (kind === 'tag-checks') reports.push({ bundlePath, json });
  };

  if (opts.from) for (const rel of filesUnder(opts.from)) add(`job/${rel}`, path.join(opts.from, rel), path.join(opts.from, rel));

  const taken = new Set<string>();
  for (const file of opts.includes) {
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--include ${file}: no such file`);
    let name = path.basename(file);
    for (let i = 2; taken.has(name); i++) name = `${i}-${path.basename(file)}`;
    taken.add(name);
    add(`include/${name}`, file, file);
  }

  const ignore = ['**/node_modules/**', '**/.git/**'];
  const outRel = path.relative(opts.root, out);
  if (!outRel.startsWith('..') && !path.isAbsolute(outRel)) ignore.push(`${outRel.split(path.sep).join('/')}/**`);
  const repoFiles = await fg(policy.collect, { cwd: opts.root, ignore, onlyFiles: true, dot: false });
  for (const rel of repoFiles.sort(byCodePoint)) add(`repo/${rel}`, path.join(opts.root, rel), rel);

  const git = await GitRepo.open(opts.root);
  let base: { ref: string; commit: string } | null = null;
  if (opts.base) {
    if (!git) throw new UsageError(`--base ${opts.base}: ${opts.root} is not a git repository`);
    base = { ref: opts.base, commit: await git.resolveCommit(opts.base) };
  }
  addManifest(opts, out, kinds);
  for (const extra of opts.extra ?? []) {
    const dest = path.join(out, extra.path);
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, extra.content);
    kinds.set(extra.path, extra.kind);
  }
  if (git) await addManifestDiff(opts, out, kinds, git, base);

  const head = git ? await git.head() : null;
  const provenance = provenanceFrom(opts.env, { commit: head, policySha256: opts.loaded.sha256 });
  const retentionClass = opts.retentionClass ?? classify({ event: provenance.event, ref: provenance.ref }, policy.main_branches);
  const window = policy.retention[retentionClass];
  const created = new Date(Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000);
  const tag = tagChecks(retentionClass, provenance.ref, reports);
  const doc = sealBundle(
    out,
    {
      version: 1,
      created_at: isoSeconds(created),
      retention: { class: retentionClass, window, retain_until: isoSeconds(retainUntil(created, window)) },
      provenance,
      trading_mode: { job: opts.env['TRADING_MODE'] ?? null, test_results: testModes },
      repo_state: git ? await repoState(git, base) : null,
      tag,
    },
    kinds,
  );
  opts.logger.info(`evidence: ${doc.files.length} files sealed in ${out} (class ${retentionClass}, keep until ${doc.retention.retain_until})`);
  return { dir: out, doc };
}

/** A fresh or empty directory, not inside the directory being collected (it would collect itself). */
function prepareOut(out: string, from: string | null): void {
  if (from) {
    const rel = path.relative(path.resolve(from), out);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
      throw new UsageError(`--out ${out} is inside --from ${from}; choose a directory outside it`);
    }
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out}: exists and is not a directory`);
    if (readdirSync(out).length > 0) throw new UsageError(`--out ${out}: directory is not empty; evidence goes into a fresh directory`);
  }
  try {
    mkdirSync(out, { recursive: true });
  } catch (err) {
    throw new UsageError(`--out ${out}: cannot create: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function filesUnder(dir: string): string[] {
  try {
    return listBundleFiles(dir);
  } catch (err) {
    throw new ScanError(`cannot read ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, dir);
  }
}

function readSourceFile(file: string, label: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ScanError(`cannot read ${label}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, label);
  }
}

function manifestPath(opts: CollectOptions): string | null {
  const section = opts.loaded.policy.sections['script-risk'] as { manifest?: unknown } | undefined;
  return typeof section?.manifest === 'string' ? section.manifest : null;
}

function addManifest(opts: CollectOptions, out: string, kinds: Map<string, FileKind>): void {
  const rel = manifestPath(opts);
  if (!rel) return;
  const abs = path.join(opts.root, rel);
  if (!existsSync(abs)) {
    opts.logger.warn(`evidence: no script-risk manifest at ${rel}; the bundle has no manifest snapshot`);
    return;
  }
  const bundlePath = `manifest/${path.basename(rel)}`;
  mkdirSync(path.join(out, 'manifest'), { recursive: true });
  writeFileSync(path.join(out, bundlePath), readSourceFile(abs, rel));
  kinds.set(bundlePath, 'manifest');
}

async function addManifestDiff(opts: CollectOptions, out: string, kinds: Map<string, FileKind>, git: GitRepo, base: { commit: string } | null): Promise<void> {
  const rel = manifestPath(opts);
  if (!rel || !base) return;
  const full = git.prefix ? `${git.prefix}/${rel}` : rel;
  // Against the work tree, so the snapshot and the diff describe the same file. Empty: unchanged.
  const diff = await git.git(['diff', '--no-color', '--no-ext-diff', base.commit, '--', `:(top)${full}`]);
  mkdirSync(path.join(out, 'manifest'), { recursive: true });
  writeFileSync(path.join(out, 'manifest/diff.patch'), diff);
  kinds.set('manifest/diff.patch', 'manifest-diff');
}

/** For a tag, the signed-tag action's results on the tagged commit must be there: a release without them is not evidenced. */
function tagChecks(cls: RetentionClass, ref: string | null, reports: { bundlePath: string; json: unknown }[]): EvidenceDocument['tag'] {
  if (cls !== 'release_tag') return null;
  for (const r of reports) {
    const report = r.json as { repo: { commit: string | null }; gates: { id: string; data?: Record<string, Record<string, unknown>[]> }[] };
    const gate = report.gates.find((g) => g.id === 'signed-tag');
    if (gate?.data?.['checks']) return { ref: ref ?? '', commit: report.repo.commit, checks: gate.data['checks'] };
  }
  throw new ScanError(
    `the run is for tag ${ref ?? '(unknown)'} but no ${TAG_VERIFY_FILE} with signed-tag check results was found; run the signed-tag action in this job before collecting evidence`,
  );
}
