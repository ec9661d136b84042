/**
 * `paperguard manifest sync [PATH] [--policy FILE] [--check]`: brings the script-risk manifest in
 * step with the tracked scripts. New scripts arrive as `unclassified`, which fails the gate until
 * someone classifies them: sync records what exists, it never decides what is safe.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isHelpFlag, parseFlags, subcommand } from './args.js';
import { EXIT, ScanError, UsageError, type ExitCode } from '../core/errors.js';
import { GitRepo } from '../core/git.js';
import { Inventory } from '../core/inventory.js';
import { loadPolicy, locateRepoPolicy } from '../core/policy.js';
import { CAPABILITIES } from '../capabilities/registry.js';
import { GATES } from '../gates/registry.js';
import { syncManifestText, type SyncPlan } from '../gates/script-risk/manifest-sync.js';
import type { ScriptRiskPolicy } from '../gates/script-risk/policy.js';
import { GATE_ID } from '../gates/script-risk/rules.js';
import { executablePaths, trackedScripts } from '../gates/script-risk/scripts.js';
import type { CliContext } from '../cli.js';

export const MANIFEST_HELP = `Usage: paperguard manifest sync [PATH] [--policy FILE] [--check]

Adds tracked scripts missing from the script-risk manifest (as "unclassified", which fails the
gate until classified), removes entries of files no longer tracked, keeps order and formatting.
  --policy FILE   repository policy (default: PATH/.github/paperguard.yml if present)
  --check         write nothing; exit 1 if a sync would change the manifest`;

export interface SyncOutcome {
  file: string;
  plan: SyncPlan;
  written: boolean;
}

export async function syncManifest(opts: { path: string; cwd: string; policy?: string; check: boolean }): Promise<SyncOutcome> {
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root)) throw new UsageError(`${opts.path}: no such directory`);
  if (!statSync(root).isDirectory()) throw new UsageError(`${opts.path}: not a directory`);
  const git = await GitRepo.open(root);
  const loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: GATES, capabilities: CAPABILITIES, cwd: opts.cwd });
  const policy = loaded.policy.sections[GATE_ID] as ScriptRiskPolicy;
  const inventory = await Inventory.build(root, git, { maxFileSize: loaded.policy.inventory.max_file_size });
  const scripts = trackedScripts(policy, inventory, await executablePaths(inventory.root, git, inventory)).map((s) => s.path);

  const file = path.join(inventory.root, policy.manifest);
  let original: string | null = null;
  if (existsSync(file)) {
    try {
      original = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ScanError(`cannot read ${policy.manifest}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, policy.manifest);
    }
  }
  const plan = syncManifestText(policy.manifest, original, scripts, (p) => inventory.has(p));
  if (!plan.changed || opts.check) return { file: policy.manifest, plan, written: false };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, plan.text);
  } catch (err) {
    throw new ScanError(`cannot write ${policy.manifest}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, policy.manifest);
  }
  return { file: policy.manifest, plan, written: true };
}

/** The CLI command: parses its flags, reports on stdout, and returns the exit code. */
export async function manifestCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${MANIFEST_HELP}\n`);
    return EXIT.pass;
  }
  subcommand('manifest', sub, ['sync']);
  const { values, positionals } = parseFlags(
    {
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { policy: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' } },
    },
    MANIFEST_HELP,
  );
  if (values.help) {
    process.stdout.write(`${MANIFEST_HELP}\n`);
    return EXIT.pass;
  }
  const [target = '.', ...extra] = positionals;
  if (extra.length) throw new UsageError(`manifest sync takes one PATH, got also: ${extra.join(' ')}`);
  const check = values.check === true;
  const { file, plan, written } = await syncManifest({ path: target, cwd: ctx.cwd, policy: values.policy, check });

  const lines: string[] = [];
  if (!plan.changed) {
    lines.push(`${file}: up to date`);
  } else {
    const head = plan.created ? (check ? 'would be created' : 'created') : check ? 'would change' : 'updated';
    lines.push(`${file}: ${head} (${plan.added.length} added, ${plan.removed.length} removed)`);
    for (const p of plan.added) lines.push(`  + ${p} (unclassified: give it a category)`);
    for (const p of plan.removed) lines.push(`  - ${p} (no longer tracked)`);
    if (written && plan.added.length) lines.push('New entries are "unclassified" and fail the script-risk gate until classified.');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return check && plan.changed ? EXIT.violations : EXIT.pass;
}
