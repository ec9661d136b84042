import path from 'node:path/posix';
import picomatch from 'picomatch';
import { configFormat, envAssignments, readConfig, type EnvAssignment } from '../../core/config-files.js';
import type { RawFinding, Severity } from '../../core/finding.js';
import { withPythonTree } from '../../core/python.js';
import { compileGlobs, compileScope } from '../../core/scope.js';
import { isWorkflowPath, parseWorkflow, type Workflow } from '../../core/workflows.js';
import type { Gate, GateContext, GateResult } from '../types.js';
import { analyseWorkflows } from './ci.js';
import { jsEnvDefaults, pythonEnvDefaults } from './env-defaults.js';
import { deployedValue, Flags, procfileAssignments } from './flags.js';
import { covers, guardrailProblems } from './guardrail.js';
import { policySchema, type PaperModePolicy } from './policy.js';
import { PRESETS } from './presets/index.js';
import { isJsPath, parseJs } from './presets/js.js';
import type { Preset, PresetHit } from './presets/types.js';
import { GATE_ID, RULES } from './rules.js';

/** Gate C: CI tests run in paper mode, the guardrail test runs, and nothing committed switches to live. */
export const paperModeGate: Gate<PaperModePolicy> = {
  id: GATE_ID,
  title: 'Paper mode',
  docs: 'docs/rules/paper-mode.md',
  rules: [...Object.values(RULES), ...Object.values(PRESETS).map((p) => p.rule)],
  policySchema,
  run: runPaperMode,
};

async function runPaperMode(ctx: GateContext<PaperModePolicy>): Promise<GateResult> {
  const policy = ctx.policy;
  const findings: RawFinding[] = [];
  const scanned = new Set<string>();
  const text = (rel: string): string | null => {
    scanned.add(rel);
    return ctx.inventory.text(rel);
  };
  const presets = policy.presets.map((id) => PRESETS[id]);
  const flags = new Flags(policy);

  // --- CI ------------------------------------------------------------------------------------
  const workflows: Workflow[] = [];
  for (const f of ctx.inventory.files) {
    if (!isWorkflowPath(f.path)) continue;
    const t = text(f.path);
    if (t !== null) workflows.push(parseWorkflow(f.path, t));
  }
  const ci = analyseWorkflows(workflows, policy, (cwd) => pytestTestPaths(ctx, cwd, text));
  findings.push(...ci.findings);
  const presetEnv = (a: EnvAssignment, file: string) => {
    for (const p of presets) {
      const h = p.env?.(a, file);
      if (h) findings.push(presetFinding(p, h, file, 'error'));
    }
  };
  for (const w of workflows) {
    const blocks = [w.env, ...w.jobs.flatMap((j) => [j.env, ...j.steps.map((s) => s.env)])];
    for (const b of blocks) for (const kv of b.vars.values()) presetEnv(kv, w.path);
  }

  // --- guardrail -------------------------------------------------------------------------------
  const guardrail = policy.guardrail.replace(/^\.\//, '');
  const guardrailText = ctx.inventory.has(guardrail) ? text(guardrail) : null;
  if (guardrailText === null) {
    findings.push({
      rule: RULES.guardrailMissing.id, severity: 'error', path: guardrail, line: 1, column: 1, matched: guardrail,
      message: `The guardrail test ${guardrail} does not exist.`, help: RULES.guardrailMissing.help,
    });
  } else {
    const { findings: skipped, tests } = await withPythonTree(guardrail, guardrailText, (tree) => guardrailProblems(guardrail, tree));
    findings.push(...skipped);
    if (tests === 0) {
      findings.push({
        rule: RULES.guardrailMissing.id, severity: 'error', path: guardrail, line: 1, column: 1, matched: `${guardrail} has no test`,
        message: `The guardrail test ${guardrail} defines no test function, so it checks nothing.`, help: RULES.guardrailMissing.help,
      });
    }
    if (!covers(ci.runs, guardrail)) {
      findings.push({
        rule: RULES.guardrailNotRun.id, severity: 'error', path: guardrail, line: 1, column: 1, matched: `${guardrail} not run`,
        message: ci.runs.length
          ? `No CI test run collects ${guardrail} (pytest runs: ${[...new Set(ci.runs.map((r) => `${r.workflow}:${r.line} ${r.paths.map((p) => p || '.').join(' ')}`))].slice(0, 3).join('; ')}).`
          : `No workflow step runs pytest (or tox/nox/make test), so ${guardrail} never runs in CI.`,
        help: RULES.guardrailNotRun.help,
      });
    }
  }

  // --- deployment config --------------------------------------------------------------------------
  const isDeploy = compileGlobs(policy.deploy_config);
  for (const f of ctx.inventory.files) {
    if (!isDeploy(f.path) || isWorkflowPath(f.path)) continue;
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    const format = configFormat(f.path);
    if (!format && base !== 'Procfile') continue;
    const t = text(f.path);
    if (t === null) continue;
    const assignments = base === 'Procfile' ? procfileAssignments(t) : envAssignments(f.path, t, format!);
    for (const a of assignments) {
      presetEnv(a, f.path);
      const value = deployedValue(a.value);
      if (value === null) continue;
      const why = flags.liveReason(a.name, value);
      if (!why) continue;
      findings.push({
        rule: RULES.deployConfigLive.id, severity: 'error', path: f.path, line: a.line, column: a.column, matched: `${a.name}=${a.value}`,
        message: `Committed deployment config: ${why}.`, help: RULES.deployConfigLive.help,
      });
    }
  }

  // --- code and framework config --------------------------------------------------------------------
  const inScope = compileScope(policy.scope);
  const nonRuntime = compileGlobs(policy.non_blocking);
  const flagMention = flagPattern(policy);
  const envReader = /getenv|environ|process\.env/;
  for (const f of ctx.inventory.files) {
    if (!inScope(f.path)) continue;
    const isPy = /\.pyw?$/.test(f.path);
    const isJs = isJsPath(f.path);
    const configPresets = presets.filter((p) => p.config?.applies(f.path));
    if (!isPy && !isJs && configPresets.length === 0) continue;
    const t = text(f.path);
    if (t === null) continue;
    const severity: Severity = nonRuntime(f.path) ? 'note' : 'error';
    const wantsEnv = envReader.test(t) && flagMention.test(t);
    if (isPy) {
      const py = presets.filter((p) => p.python?.mentions.test(t));
      if (wantsEnv || py.length) {
        await withPythonTree(f.path, t, (tree) => {
          if (wantsEnv) for (const h of pythonEnvDefaults(tree, flags)) findings.push(codeFinding(h, f.path, severity));
          for (const p of py) for (const h of p.python!.check(tree, { path: f.path, text: t })) findings.push(presetFinding(p, h, f.path, severity));
        });
      }
    } else if (isJs) {
      const js = presets.filter((p) => p.javascript?.mentions.test(t));
      if (wantsEnv || js.length) {
        const parsed = parseJs(f.path, t);
        if (wantsEnv) for (const h of jsEnvDefaults(parsed, flags)) findings.push(codeFinding(h, f.path, severity));
        for (const p of js) for (const h of p.javascript!.check(parsed, { path: f.path, text: t })) findings.push(presetFinding(p, h, f.path, severity));
      }
    }
    for (const p of configPresets) {
      if (!p.config!.mentions.test(t)) continue;
      for (const h of p.config!.check({ path: f.path, text: t })) findings.push(presetFinding(p, h, f.path, severity));
    }
  }

  const rulesRun = Object.keys(RULES).length + presets.length;
  return {
    findings,
    stats: { filesScanned: scanned.size, rulesRun, workflows: workflows.length, testSteps: ci.testSteps, testRuns: ci.runs.length },
  };
}

function codeFinding(h: PresetHit, file: string, severity: Severity): RawFinding {
  return { rule: RULES.unsafeEnvDefault.id, severity, path: file, ...position(h), matched: h.matched, message: h.message, help: RULES.unsafeEnvDefault.help };
}

function presetFinding(p: Preset, h: PresetHit, file: string, severity: Severity): RawFinding {
  const live = h.kind === 'live';
  return {
    rule: live ? p.rule.id : RULES.presetNonLiteral.id,
    // A review is a warning at most: it asks a person to look, it does not prove live.
    severity: live ? severity : severity === 'error' ? 'warning' : severity,
    path: file,
    ...position(h),
    matched: `${p.id}: ${h.matched}`,
    message: live ? `[${p.id}] ${h.message}` : `[${p.id}] ${h.message} Not shown to be paper.`,
    help: live ? p.rule.help : RULES.presetNonLiteral.help,
  };
}

function position(h: PresetHit): { line: number; column: number; endLine?: number; endColumn?: number } {
  return { line: h.line, column: h.column, ...(h.endLine ? { endLine: h.endLine, endColumn: h.endColumn } : {}) };
}

/** A cheap test for the names of the mode variable and the live flags (globs become `\w*`). */
function flagPattern(policy: PaperModePolicy): RegExp {
  const names = [policy.mode_variable, ...policy.live_flags.truthy, ...policy.live_flags.falsy];
  const parts = names.map((n) => n.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('\\w*'));
  return new RegExp(parts.join('|'));
}

/**
 * pytest without path arguments collects `testpaths` from its config file in the directory it
 * runs in (pytest.ini, pyproject.toml, tox.ini, setup.cfg, in pytest's order), or the directory.
 */
function pytestTestPaths(ctx: GateContext<PaperModePolicy>, cwd: string, text: (rel: string) => string | null): string[] | null {
  const candidates: [string, string[]][] = [
    ['pytest.ini', ['pytest', 'testpaths']],
    ['pyproject.toml', ['tool', 'pytest', 'ini_options', 'testpaths']],
    ['tox.ini', ['pytest', 'testpaths']],
    ['setup.cfg', ['tool:pytest', 'testpaths']],
  ];
  for (const [name, keyPath] of candidates) {
    const rel = cwd ? `${cwd}/${name}` : name;
    if (!ctx.inventory.has(rel)) continue;
    const t = text(rel);
    if (t === null) continue;
    const entries = readConfig(rel, t, configFormat(rel)!);
    const section = name === 'pyproject.toml' ? keyPath.slice(0, -1) : keyPath.slice(0, 1);
    const inFile = entries.some((e) => section.every((k, i) => e.path[i] === k));
    // pytest picks the first file that has a pytest section, even without testpaths.
    if (!inFile && name !== 'pytest.ini') continue;
    const values = entries.filter((e) => keyPath.every((k, i) => e.path[i] === k)).map((e) => String(e.value));
    const list = values.length === 1 ? (values[0] as string).split(/\s+/).filter(Boolean) : values;
    if (list.length === 0) return null;
    const out: string[] = [];
    for (const entry of list) {
      const p = path.normalize(path.join(cwd, entry)).replace(/\/$/, '').replace(/^\.$/, '');
      // testpaths may be globs (pytest >= 7).
      if (/[*?[]/.test(p)) {
        const match = picomatch(p, { dot: true });
        const dirs = new Set(ctx.inventory.files.map((f) => f.path).flatMap((f) => ancestors(f)).filter((d) => match(d)));
        out.push(...dirs);
      } else out.push(p);
    }
    return out;
  }
  return null;
}

function ancestors(p: string): string[] {
  const parts = p.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
