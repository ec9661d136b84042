import { existsSync } from 'node:fs';
import path from 'node:path';
import { configFormat } from '../../core/config-files.js';
import { CORE_RULES, coreRuleMeta } from '../../core/exceptions.js';
import { ScanError } from '../../core/errors.js';
import type { RawFinding } from '../../core/finding.js';
import { extensionOf } from '../../core/inventory.js';
import { withPythonTree } from '../../core/python.js';
import { compileScope } from '../../core/scope.js';
import type { Gate, GateContext, GateResult } from '../types.js';
import { agentModeHits, mayMentionAgentMode } from './agent-mode.js';
import { readManifest, type ManifestEntry } from './manifest.js';
import { policySchema, type ScriptRiskPolicy } from './policy.js';
import { checkPythonGuard } from './python-guard.js';
import { GATE_ID, RULES } from './rules.js';
import { checkShellGuard, type GuardVerdict } from './shell-guard.js';
import { ShellSyntaxError } from './shell-lexer.js';
import { executablePaths, trackedScripts } from './scripts.js';

/** Gate B: the script-risk manifest matches the scripts, guarded scripts guard first, no committed AGENT_MODE=EXECUTE. */
export const scriptRiskGate: Gate<ScriptRiskPolicy> = {
  id: GATE_ID,
  title: 'Script risk',
  docs: 'docs/rules/script-risk.md',
  rules: [...Object.values(RULES), coreRuleMeta(GATE_ID, CORE_RULES.expired)],
  policySchema,
  run: runScriptRisk,
};

async function runScriptRisk(ctx: GateContext<ScriptRiskPolicy>): Promise<GateResult> {
  const policy = ctx.policy;
  const findings: RawFinding[] = [];
  const scripts = trackedScripts(policy, ctx.inventory, await executablePaths(ctx.root, ctx.git, ctx.inventory));
  // Whether a file is a script is decided for every tracked file (path, mode, shebang), so all of them
  // were examined: a repository with no scripts and no config has still been checked, an empty one has not.
  const filesScanned = ctx.inventory.files.length;
  let configFiles = 0;

  const manifestPath = policy.manifest;
  const text = ctx.inventory.has(manifestPath) ? ctx.inventory.text(manifestPath) : undefined;
  if (text === undefined) {
    if (scripts.length > 0) {
      const onDisk = existsSync(path.join(ctx.root, manifestPath));
      findings.push({
        rule: RULES.manifestMissing.id,
        severity: 'error',
        path: manifestPath,
        line: 1,
        column: 1,
        matched: manifestPath,
        message: onDisk
          ? `${manifestPath} exists but is not tracked by git, and ${scripts.length} tracked script(s) need it: commit it.`
          : `No script-risk manifest at ${manifestPath}, and the repository tracks ${scripts.length} script(s).`,
        help: RULES.manifestMissing.help,
      });
      findings.push(...scripts.map((s) => notInManifest(s.path, s.why)));
    }
  } else {
    const read = text === null ? null : readManifest(text);
    if (read === null || !read.ok) {
      const problems = read?.problems ?? [{ line: 1, column: 1, message: 'is a binary file, not JSON', matched: 'binary' }];
      for (const p of problems) {
        findings.push({
          rule: RULES.manifestInvalid.id,
          severity: 'error',
          path: manifestPath,
          line: p.line,
          column: p.column,
          matched: p.matched,
          message: `Invalid script-risk manifest: ${p.message}.`,
          help: RULES.manifestInvalid.help,
        });
      }
    } else {
      findings.push(...(await entryFindings(ctx, read.entries)));
      const listed = new Set(read.entries.map((e) => e.path));
      findings.push(...scripts.filter((s) => !listed.has(s.path)).map((s) => notInManifest(s.path, s.why)));
    }
  }

  const inAgentScope = compileScope(policy.agent_mode.scope);
  for (const { path: file } of ctx.inventory.files) {
    const format = inAgentScope(file) ? configFormat(file) : null;
    if (!format) continue;
    const content = ctx.inventory.text(file);
    configFiles++;
    if (content === null || !mayMentionAgentMode(content, format)) continue;
    for (const hit of agentModeHits(file, content, format)) {
      findings.push({
        rule: RULES.agentModeExecute.id,
        severity: 'error',
        path: file,
        line: hit.line,
        column: hit.column,
        matched: hit.what,
        message: `Committed configuration sets ${hit.what}: agents would execute for real by default.`,
        help: RULES.agentModeExecute.help,
      });
    }
  }

  return { findings, stats: { filesScanned, rulesRun: Object.keys(RULES).length, scripts: scripts.length, configFiles } };
}

function notInManifest(file: string, why: 'location' | 'executable'): RawFinding {
  const what = why === 'location' ? 'is under the script locations' : 'is executable with a shebang';
  return {
    rule: RULES.notInManifest.id,
    severity: 'error',
    path: file,
    line: 1,
    column: 1,
    matched: file,
    message: `${file} ${what} but has no entry in the script-risk manifest.`,
    help: RULES.notInManifest.help,
  };
}

async function entryFindings(ctx: GateContext<ScriptRiskPolicy>, entries: ManifestEntry[]): Promise<RawFinding[]> {
  const policy = ctx.policy;
  const manifestPath = policy.manifest;
  const guardCategories = new Set(policy.guard_categories);
  const categories = new Set([...policy.categories, ...policy.guard_categories]);
  const known = [...categories].join(', ');
  const out: RawFinding[] = [];
  const seen = new Map<string, ManifestEntry>();
  const at = (pos: { line: number; column: number }) => ({ path: manifestPath, line: pos.line, column: pos.column });

  for (const e of entries) {
    const first = seen.get(e.path);
    if (first) {
      out.push({
        rule: RULES.duplicate.id,
        severity: 'error',
        ...at(e.pathAt),
        matched: `duplicate ${e.path}`,
        message: `${e.path} is listed again (first at line ${first.pathAt.line}).`,
        help: RULES.duplicate.help,
      });
      continue;
    }
    seen.set(e.path, e);
    if (!ctx.inventory.has(e.path)) {
      out.push({
        rule: RULES.entryUntracked.id,
        severity: 'error',
        ...at(e.pathAt),
        matched: `untracked ${e.path}`,
        message: `Manifest entry ${e.path} names a file the repository does not track.`,
        help: RULES.entryUntracked.help,
      });
    }
    if (!categories.has(e.category)) {
      out.push({
        rule: RULES.unknownCategory.id,
        severity: 'error',
        ...at(e.categoryAt),
        matched: `${e.path} category ${e.category}`,
        message:
          e.category === 'unclassified'
            ? `${e.path} is unclassified: give it one of ${known}.`
            : `${e.path} has category "${e.category}", which the policy does not define (known: ${known}).`,
        help: RULES.unknownCategory.help,
      });
    }
    const implied = guardCategories.has(e.category);
    if (implied && !e.requires_exec_guard) {
      out.push({
        rule: RULES.guardByCategory.id,
        severity: 'error',
        ...at(e.guardAt),
        matched: `${e.path} ${e.category} requires_exec_guard false`,
        message: `${e.path} is ${e.category}, which requires the exec guard, but the entry says requires_exec_guard: false.`,
        help: RULES.guardByCategory.help,
      });
    }
    if ((implied || e.requires_exec_guard) && ctx.inventory.has(e.path)) {
      const verdict = await guardVerdict(ctx, e.path);
      if (!verdict.ok) {
        out.push({
          rule: RULES.guardMissing.id,
          severity: 'error',
          path: e.path,
          line: verdict.line,
          column: 1,
          matched: verdict.matched,
          message: `${e.path} requires the exec guard (${e.category}): ${verdict.message}.`,
          help: RULES.guardMissing.help,
        });
      }
    }
  }
  return out;
}

type Language = 'python' | 'shell' | null;

function languageOf(file: string, text: string): Language {
  const ext = extensionOf(file);
  if (ext === 'py' || ext === 'pyw') return 'python';
  if (['sh', 'bash', 'zsh', 'ksh', 'dash'].includes(ext)) return 'shell';
  const shebang = text.startsWith('#!') ? (text.split('\n')[0] as string) : '';
  if (/\b(python[\d.]*|pypy[\d.]*)(\s|$)/.test(shebang)) return 'python';
  if (/[/\s](ba|da|z|k)?sh(\s|$)/.test(shebang)) return 'shell';
  return null;
}

async function guardVerdict(ctx: GateContext<ScriptRiskPolicy>, file: string): Promise<GuardVerdict> {
  const text = ctx.inventory.text(file);
  const language = text === null ? null : languageOf(file, text);
  if (text === null || language === null) {
    return {
      ok: false,
      line: 1,
      message: 'paperguard can verify the guard only in Python and shell scripts; this one cannot be shown to call it first',
      matched: 'unsupported language',
    };
  }
  if (language === 'python') return withPythonTree(file, text, (tree) => checkPythonGuard(tree.rootNode, ctx.policy.python_guards));
  try {
    return checkShellGuard(text, ctx.policy.shell_guard);
  } catch (err) {
    if (err instanceof ShellSyntaxError) throw new ScanError(`${file}:${err.line}: cannot lex shell script: ${err.message}`, file);
    throw err;
  }
}
