/**
 * `paperguard doctor`: is this repository's own governance set up? One line per check, `[OK]`,
 * `[WARN]` or `[ERR]`; ready (exit 0) when no check is an error. Each check is a small function
 * of the same context, so a gate can add its own without touching the others.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeError, UsageError } from '../core/errors.js';
import { isExpired } from '../core/exceptions.js';
import { loadPolicy, locateRepoPolicy, type LoadedPolicy } from '../core/policy.js';
import { REPOSITORY_URL } from '../core/docs.js';
import type { Gate } from '../gates/types.js';
import type { PolicySectionOwner } from '../core/policy-schema.js';
import type { PaperModePolicy } from '../gates/paper-mode/policy.js';
import type { ScriptRiskPolicy } from '../gates/script-risk/policy.js';
import { GitRepo } from '../core/git.js';
import { Inventory } from '../core/inventory.js';
import { compileGlobs } from '../core/scope.js';
import { syncManifest } from './manifest.js';

export type Level = 'OK' | 'WARN' | 'ERR';

export interface DoctorLine {
  level: Level;
  check: string;
  message: string;
}

export interface DoctorContext {
  root: string;
  loaded: LoadedPolicy;
  now: Date;
  /** The policy file the user named, if any (checks that re-load it pass it on). */
  policyArg?: string;
  cwd: string;
}

export type DoctorCheck = (ctx: DoctorContext) => DoctorLine[] | Promise<DoctorLine[]>;

/** Exceptions and allowlist entries this close to expiry are worth a warning. */
export const EXPIRY_WARNING_DAYS = 14;

const ACTION_REPO = new URL(REPOSITORY_URL).pathname.slice(1);

/** Every job step of every workflow, as `uses` and `run` strings. */
function workflowSteps(root: string): { file: string; uses?: string; run?: string; gatesInput?: string }[] {
  const dir = path.join(root, '.github', 'workflows');
  if (!existsSync(dir)) return [];
  const out: { file: string; uses?: string; run?: string; gatesInput?: string }[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = `.github/workflows/${name}`;
    let wf: { jobs?: Record<string, { steps?: { uses?: unknown; run?: unknown; with?: Record<string, unknown> }[] }> };
    try {
      wf = parseYaml(readFileSync(path.join(dir, name), 'utf8')) ?? {};
    } catch (err) {
      throw new UsageError(`${file}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    for (const job of Object.values(wf.jobs ?? {})) {
      for (const step of job?.steps ?? []) {
        out.push({
          file,
          uses: typeof step.uses === 'string' ? step.uses : undefined,
          run: typeof step.run === 'string' ? step.run : undefined,
          gatesInput: typeof step.with?.gates === 'string' ? step.with.gates : undefined,
        });
      }
    }
  }
  return out;
}

/** Which workflow runs a gate: its own action, the root action (all or named gates), or the CLI. */
export const workflowsRunGates: DoctorCheck = (ctx) => {
  const steps = workflowSteps(ctx.root);
  return ctx.loaded.policy.gates.map((gate) => {
    const runner = steps.find((s) => {
      if (s.uses?.includes(`/actions/${gate}@`)) return true;
      if (s.uses?.startsWith(`${ACTION_REPO}@`) || s.uses === './') return !s.gatesInput || s.gatesInput.split(',').map((g) => g.trim()).includes(gate);
      return !!s.run && /\bpaperguard(?:\.js)?\s+check\b/.test(s.run) && (!/--gates/.test(s.run) || new RegExp(`--gates[ =][^\\n]*\\b${gate}\\b`).test(s.run));
    });
    return runner
      ? { level: 'OK' as Level, check: 'workflow', message: `gate ${gate} runs in ${runner.file}` }
      : { level: 'ERR' as Level, check: 'workflow', message: `no workflow runs gate ${gate}: run \`paperguard init\` or add actions/${gate}` };
  });
};

/** Policy exceptions and gate allowlists: expired ones are errors, those about to expire warnings. */
export const exceptionsExpiry: DoctorCheck = (ctx) => {
  const soon = new Date(ctx.now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
  const entries: { what: string; expires: string; owner: string }[] = ctx.loaded.policy.exceptions.entries.map((e) => ({
    what: `exception for ${e.rule}${e.path ? ` on ${e.path}` : ''}`,
    expires: e.expires,
    owner: e.owner,
  }));
  for (const [gate, section] of Object.entries(ctx.loaded.policy.sections)) {
    const allowlist = (section as { allowlist?: { host?: string; expires?: string; owner?: string }[] }).allowlist ?? [];
    for (const a of allowlist) if (a.expires) entries.push({ what: `${gate} allowlist entry for ${a.host}`, expires: a.expires, owner: a.owner ?? '?' });
  }
  const lines: DoctorLine[] = entries.flatMap((e) => {
    if (isExpired(e.expires, ctx.now)) return [{ level: 'ERR' as Level, check: 'exceptions', message: `${e.what} expired on ${e.expires} (owner ${e.owner})` }];
    if (isExpired(e.expires, soon)) return [{ level: 'WARN' as Level, check: 'exceptions', message: `${e.what} expires on ${e.expires} (owner ${e.owner})` }];
    return [];
  });
  return lines.length ? lines : [{ level: 'OK', check: 'exceptions', message: `${entries.length} exceptions and allowlist entries, none expiring within ${EXPIRY_WARNING_DAYS} days` }];
};

/** The script-risk manifest exists and lists exactly the tracked scripts (a dry-run sync changes nothing). */
export const manifestInSync: DoctorCheck = async (ctx) => {
  if (!ctx.loaded.policy.gates.includes('script-risk')) return [];
  const { file, plan } = await syncManifest({ path: ctx.root, cwd: ctx.cwd, policy: ctx.policyArg, check: true });
  if (plan.created) return [{ level: 'ERR', check: 'manifest', message: `${file} is missing: run \`paperguard manifest sync\`, then classify each script` }];
  if (plan.changed) {
    return [{ level: 'ERR', check: 'manifest', message: `${file} is out of sync (${plan.added.length} scripts to add, ${plan.removed.length} entries to remove): run \`paperguard manifest sync\`` }];
  }
  return [{ level: 'OK', check: 'manifest', message: `${file} lists every tracked script` }];
};

/** The paper-mode guardrail test is committed where the policy says. */
export const guardrailPresent: DoctorCheck = (ctx) => {
  if (!ctx.loaded.policy.gates.includes('paper-mode')) return [];
  const { guardrail } = ctx.loaded.policy.sections['paper-mode'] as PaperModePolicy;
  return existsSync(path.join(ctx.root, guardrail))
    ? [{ level: 'OK', check: 'guardrail', message: `${guardrail} exists` }]
    : [{ level: 'ERR', check: 'guardrail', message: `${guardrail} is missing: add a test that fails unless TRADING_MODE is paper` }];
};

/**
 * The exec guard that high-risk scripts call is implemented in the repository (outside tests): a
 * Python function of one of the configured names, or a shell library matching the configured
 * pattern. Only asked when the manifest has a script that requires the guard.
 */
export const runtimeGuardPresent: DoctorCheck = async (ctx) => {
  if (!ctx.loaded.policy.gates.includes('script-risk')) return [];
  const policy = ctx.loaded.policy.sections['script-risk'] as ScriptRiskPolicy;
  const guarded = guardedScripts(path.join(ctx.root, policy.manifest), policy.guard_categories);
  if (guarded === 0) return [{ level: 'OK', check: 'exec-guard', message: 'no script in the manifest requires the exec guard' }];
  const inventory = await Inventory.build(ctx.root, await GitRepo.open(ctx.root), { maxFileSize: ctx.loaded.policy.inventory.max_file_size });
  const isTest = compileGlobs(policy.tests);
  const shellLib = compileGlobs([policy.shell_guard.source, `**/${policy.shell_guard.source}`]);
  const names = policy.python_guards.map((n) => n.slice(n.lastIndexOf('.') + 1));
  const def = new RegExp(`^\\s*(?:async\\s+)?def\\s+(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*\\(`, 'm');
  const found = inventory.files.find(
    (f) => !isTest(f.path) && (shellLib(f.path) || (f.path.endsWith('.py') && def.test(inventory.text(f.path) ?? ''))),
  );
  return found
    ? [{ level: 'OK', check: 'exec-guard', message: `exec guard implemented in ${found.path} (${guarded} scripts require it)` }]
    : [{ level: 'ERR', check: 'exec-guard', message: `${guarded} scripts require the exec guard but none is implemented (a Python \`def ${names.join('`/`def ')}\` or a shell library ${policy.shell_guard.source})` }];
};

/** Entries that require the guard; 0 when the manifest is missing or unreadable (the manifest check reports that). */
function guardedScripts(file: string, guardCategories: string[]): number {
  if (!existsSync(file)) return 0;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { scripts?: { category?: string; requires_exec_guard?: boolean }[] };
    return (manifest.scripts ?? []).filter((e) => e.requires_exec_guard === true || guardCategories.includes(e.category ?? '')).length;
  } catch {
    return 0;
  }
}

export const DEFAULT_CHECKS: DoctorCheck[] = [manifestInSync, guardrailPresent, runtimeGuardPresent, workflowsRunGates, exceptionsExpiry];

export interface DoctorOptions {
  path: string;
  cwd: string;
  policy?: string;
  gates: readonly Gate[];
  capabilities: readonly PolicySectionOwner[];
  checks: DoctorCheck[];
  now?: Date;
}

/** Runs every check; a policy that does not load is itself the first error, and stops the rest. */
export async function runDoctor(opts: DoctorOptions): Promise<DoctorLine[]> {
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root)) throw new UsageError(`${opts.path}: no such directory`);
  let loaded: LoadedPolicy;
  try {
    loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: opts.gates, capabilities: opts.capabilities, cwd: opts.cwd });
  } catch (err) {
    return [{ level: 'ERR', check: 'policy', message: `policy does not load: ${describeError(err)}` }];
  }
  const lines: DoctorLine[] = [
    loaded.repoFile
      ? { level: 'OK', check: 'policy', message: `${loaded.repoFile} is valid (${loaded.sources.length} sources, sha256 ${loaded.sha256.slice(0, 12)})` }
      : { level: 'WARN', check: 'policy', message: 'no .github/paperguard.yml: only the built-in policy applies (run `paperguard init`)' },
  ];
  const ctx: DoctorContext = { root, loaded, now: opts.now ?? new Date(), policyArg: opts.policy, cwd: opts.cwd };
  for (const check of opts.checks) {
    try {
      lines.push(...(await check(ctx)));
    } catch (err) {
      lines.push({ level: 'ERR', check: check.name || 'check', message: describeError(err) });
    }
  }
  return lines;
}

export function renderDoctor(lines: DoctorLine[]): string {
  const width = Math.max(...lines.map((l) => l.check.length));
  return `${lines.map((l) => `[${l.level}]${' '.repeat(5 - l.level.length)}${l.check.padEnd(width)}  ${l.message}`).join('\n')}\n`;
}
