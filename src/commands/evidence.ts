/**
 * `paperguard evidence collect|upload|verify|compare`: thin flag parsing over src/evidence/. This and
 * the action handler are the only places that read GITHUB_* / RUNNER_* / AWS_* (passed on as data).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { parseArgs } from 'node:util';
import { isHelpFlag, parseFlags, subcommand } from './args.js';
import { CAPABILITIES } from '../capabilities/registry.js';
import { EXIT, UsageError, type ExitCode } from '../core/errors.js';
import { loadPolicy, locateRepoPolicy, type LoadedPolicy } from '../core/policy.js';
import { collectEvidence } from '../evidence/collect.js';
import { compareBundles, loadContent, renderComparison } from '../evidence/compare.js';
import type { EvidencePolicy } from '../evidence/policy.js';
import { dirSource, storeSource, zipSource, type BundleSource } from '../evidence/sources.js';
import { parseS3Url } from '../evidence/store/s3.js';
import { openStore, uploadBundle } from '../evidence/upload.js';
import { verifyBundle, type Verification } from '../evidence/verify.js';
import { GATES } from '../gates/registry.js';
import type { CliContext } from '../cli.js';

export const EVIDENCE_HELP = `Usage:
  paperguard evidence collect [PATH] --out DIR [--base REF] [--include FILE]... [--from DIR] [--policy FILE]
      gather this job's reports, decision logs, SARIF, test results, the script-risk manifest (and its
      diff against --base), repo_state and provenance into DIR, and write DIR/evidence.json
      (--from defaults to $RUNNER_TEMP/paperguard when RUNNER_TEMP is set)
  paperguard evidence upload DIR [--artifact] [--s3 s3://bucket/prefix] [--policy FILE]
      upload a verified bundle: GitHub artifact (retention from its class, refused when the repository
      cannot keep it that long) and/or the WORM store (S3 Object Lock, confirmed by reading it back)
  paperguard evidence verify DIR|ZIP|s3://bucket/key [--policy FILE]
      re-hash every file, validate evidence.json and its digest; exit 1 naming each tampered,
      missing or extra file
  paperguard evidence compare A B [--format text|json] [--policy FILE]
      gate statuses, findings and exceptions added/removed, manifest and repo_state changes
S3 credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN); the endpoint
and region from the policy's evidence.store, else AWS_ENDPOINT_URL_S3 / AWS_REGION.`;

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: Options): { values: Values; positionals: string[] } {
  return parseFlags({ args, allowPositionals: true, strict: true, options: { ...options, policy: { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }, EVIDENCE_HELP) as {
    values: Values;
    positionals: string[];
  };
}

export function loadFor(root: string, policyFlag: string | undefined, cwd: string): LoadedPolicy {
  return loadPolicy({ root, repoPolicy: locateRepoPolicy(root, policyFlag, cwd), gates: GATES, capabilities: CAPABILITIES, cwd });
}

export const evidencePolicy = (loaded: LoadedPolicy): EvidencePolicy => loaded.policy.sections['evidence'] as EvidencePolicy;

export async function evidenceCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${EVIDENCE_HELP}\n`);
    return EXIT.pass;
  }
  switch (subcommand('evidence', sub, ['collect', 'upload', 'verify', 'compare'])) {
    case 'collect':
      return collect(rest, ctx);
    case 'upload':
      return upload(rest, ctx);
    case 'verify':
      return verify(rest, ctx);
    case 'compare':
      return compare(rest, ctx);
  }
}

async function collect(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' }, base: { type: 'string' }, include: { type: 'string', multiple: true }, from: { type: 'string' } });
  if (values.help) return help();
  const [target = '.', ...extra] = positionals;
  if (extra.length) throw new UsageError(`evidence collect takes one PATH, got also: ${extra.join(' ')}`);
  if (typeof values.out !== 'string' || !values.out) throw new UsageError('evidence collect: --out DIR is required');
  const root = path.resolve(ctx.cwd, target);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${target}: no such directory`);
  const from = jobDir(values.from as string | undefined, ctx);
  const { dir, doc } = await collectEvidence({
    root,
    out: path.resolve(ctx.cwd, values.out),
    from,
    includes: ((values.include as string[] | undefined) ?? []).map((f) => path.resolve(ctx.cwd, f)),
    ...(values.base ? { base: values.base as string } : {}),
    loaded: loadFor(root, values.policy as string | undefined, ctx.cwd),
    env: ctx.env,
    logger: ctx.logger,
  });
  process.stdout.write(`${dir}/evidence.json: ${doc.files.length} files, digest ${doc.digest}, class ${doc.retention.class}, retain until ${doc.retention.retain_until}\n`);
  return EXIT.pass;
}

/** --from, else $RUNNER_TEMP/paperguard when it exists; an explicit --from that does not exist is an error. */
function jobDir(flag: string | undefined, ctx: CliContext): string | null {
  if (flag) {
    const abs = path.resolve(ctx.cwd, flag);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`--from ${flag}: no such directory`);
    return abs;
  }
  const temp = ctx.env['RUNNER_TEMP'];
  if (!temp) return null;
  const dir = path.join(temp, 'paperguard');
  if (existsSync(dir)) return dir;
  ctx.logger.warn(`evidence: ${dir} does not exist; no job outputs (reports, decision logs) to collect`);
  return null;
}

async function upload(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(args, { artifact: { type: 'boolean' }, s3: { type: 'string' } });
  if (values.help) return help();
  if (positionals.length !== 1) throw new UsageError('evidence upload takes one DIR (a bundle made by evidence collect)');
  const loaded = loadFor(ctx.cwd, values.policy as string | undefined, ctx.cwd);
  const res = await uploadBundle({
    dir: path.resolve(ctx.cwd, positionals[0]!),
    artifact: values.artifact === true,
    ...(values.s3 ? { s3: values.s3 as string } : {}),
    policy: evidencePolicy(loaded),
    env: ctx.env,
    logger: ctx.logger,
  });
  if (res.worm) process.stdout.write(`${res.worm.url}\n`);
  if (res.artifact) process.stdout.write(`artifact ${res.artifact.name} (${res.artifact.retentionDays} days)\n`);
  return EXIT.pass;
}

export function openSource(spec: string, policy: EvidencePolicy, ctx: CliContext): Promise<BundleSource> | BundleSource {
  if (spec.startsWith('s3://')) {
    const { bucket, key } = parseS3Url(spec);
    if (!key) throw new UsageError(`${spec}: give the bundle's key, s3://bucket/PREFIX/DIGEST`);
    return storeSource(openStore(bucket, policy, ctx.env), key);
  }
  const abs = path.resolve(ctx.cwd, spec);
  if (existsSync(abs) && statSync(abs).isFile()) return zipSource(abs);
  return dirSource(abs);
}

function printVerification(v: Verification): void {
  if (v.ok) process.stdout.write(`OK ${v.source}: ${v.doc!.files.length} files, digest ${v.doc!.digest}, class ${v.doc!.retention.class}, retain until ${v.doc!.retention.retain_until}\n`);
  else process.stdout.write(`FAILED ${v.source}:\n${v.problems.map((p) => `  ${p}`).join('\n')}\n`);
}

async function verify(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(args, {});
  if (values.help) return help();
  if (positionals.length !== 1) throw new UsageError('evidence verify takes one DIR, ZIP or s3://bucket/key');
  const policy = evidencePolicy(loadFor(ctx.cwd, values.policy as string | undefined, ctx.cwd));
  const v = await verifyBundle(await openSource(positionals[0]!, policy, ctx));
  printVerification(v);
  return v.ok ? EXIT.pass : EXIT.violations;
}

async function compare(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' } });
  if (values.help) return help();
  if (positionals.length !== 2) throw new UsageError('evidence compare takes two bundles, A and B');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format ${String(values.format)}: use text or json`);
  const policy = evidencePolicy(loadFor(ctx.cwd, values.policy as string | undefined, ctx.cwd));
  const [a, b] = await Promise.all(positionals.map(async (p) => openSource(p, policy, ctx)));
  const [va, vb] = [await verifyBundle(a!), await verifyBundle(b!)];
  // Comparing a bundle that does not verify would present tampered content as history.
  if (!va.ok || !vb.ok) {
    for (const v of [va, vb]) if (!v.ok) printVerification(v);
    return EXIT.violations;
  }
  const c = compareBundles(await loadContent(a!, va.doc!), await loadContent(b!, vb.doc!), { a: a!.label, b: b!.label });
  process.stdout.write(values.format === 'json' ? `${JSON.stringify(c, null, 2)}\n` : `${renderComparison(c)}\n`);
  return EXIT.pass;
}

function help(): ExitCode {
  process.stdout.write(`${EVIDENCE_HELP}\n`);
  return EXIT.pass;
}
