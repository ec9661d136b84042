/**
 * Test jobs in GitHub Actions: which steps run tests, and with which trading mode, for every
 * matrix combination and through local reusable workflows.
 */
import path from 'node:path/posix';
import type { RawFinding } from '../../core/finding.js';
import {
  comboLabel,
  resolveTemplate,
  shellCommands,
  substituteExpressions,
  type EnvBlock,
  type ExpressionContext,
  type MatrixCombo,
  type Resolved,
  type Workflow,
  type WorkflowJob,
  type WorkflowStep,
} from '../../core/workflows.js';
import type { PaperModePolicy } from './policy.js';
import { RULES } from './rules.js';

/** What a pytest-like command covers, for the guardrail check. */
export interface TestRun {
  workflow: string;
  job: string;
  line: number;
  /** Repo-relative directories or files it collects; `['']` is the whole repository. */
  paths: string[];
  /** Paths passed to `--ignore`/`--deselect`. */
  ignored: string[];
}

/** Where a value of the mode variable came from, for messages and for where a finding points. */
interface Traced {
  value: Resolved;
  from: string;
}

type Verdict = { kind: 'paper' } | { kind: 'not-paper'; detail: string } | { kind: 'unresolved'; detail: string };

const PLACEHOLDER = '\u0000expr\u0000';

/** Wrappers that run the command after them: `uv run pytest` runs pytest. */
const WRAPPERS: string[][] = [
  ['uv', 'run'], ['poetry', 'run'], ['pipenv', 'run'], ['pdm', 'run'], ['hatch', 'run'], ['rye', 'run'],
  ['conda', 'run'], ['npx'], ['pnpm', 'exec'], ['yarn', 'exec'], ['bunx'], ['sudo'], ['time'], ['xvfb-run'],
  ['coverage', 'run', '-m'], ['python', '-m', 'coverage', 'run', '-m'],
];

/** Options of the wrappers that take a value as the next word. */
const WRAPPER_VALUE_OPTIONS = new Set([
  '--project', '--with', '--with-requirements', '--with-editable', '--python', '-p', '--extra', '--group', '--package',
  '--directory', '--env-file', '--index', '--index-url', '-n', '--name', '-e', '--env', '--prefix', '-u', '--user',
]);

/** Commands that collect Python tests from paths (for the guardrail): the rest run something else. */
const PYTEST_LIKE = [['pytest'], ['python', '-m', 'pytest'], ['py.test']];
/** These run the project's configured suite; we do not read tox.ini, noxfile.py or Makefiles, so they count as the whole tree. */
const SUITE_RUNNERS = [['tox'], ['nox'], ['make', 'test']];

export interface CiAnalysis {
  findings: RawFinding[];
  runs: TestRun[];
  testSteps: number;
}

export function analyseWorkflows(workflows: Workflow[], policy: PaperModePolicy, testPaths: (cwd: string) => string[] | null): CiAnalysis {
  const byPath = new Map(workflows.map((w) => [w.path, w]));
  const findings: RawFinding[] = [];
  const runs: TestRun[] = [];
  let testSteps = 0;
  const testCommands = policy.test_commands.map((c) => c.trim().split(/\s+/));
  const called = new Set<string>();
  for (const w of workflows) for (const j of w.jobs) if (j.uses?.startsWith('./')) called.add(normalise(j.uses));

  const visit = (w: Workflow, inputs: Map<string, Resolved> | null, via: string, stack: string[]) => {
    for (const job of w.jobs) {
      if (job.uses) {
        if (!job.uses.startsWith('./')) continue; // another repository's workflow: not ours to read
        const target = normalise(job.uses);
        const callee = byPath.get(target);
        const label = `${w.path} job ${job.id}`;
        if (!callee) {
          findings.push({
            rule: RULES.unresolved.id, severity: 'error', path: w.path, line: job.line, column: job.column,
            matched: `${via}${job.id} uses ${target}`,
            message: `Job ${job.id} calls ${job.uses}, which is not in the repository: its test jobs cannot be checked.`,
            help: RULES.unresolved.help,
          });
          continue;
        }
        if (stack.includes(target) || stack.length > 8) continue; // GitHub rejects cycles; nothing more to learn
        for (const combo of combosOf(job)) {
          const ctx: ExpressionContext = { matrix: combo, env: null, inputs };
          const passed = new Map<string, Resolved>();
          for (const [name, input] of callee.callInputs) passed.set(name, { ok: true, value: input.default ?? '' });
          for (const [name, kv] of job.with) passed.set(name, resolveTemplate(kv.value, ctx));
          const suffix = combo && Object.keys(combo).length ? ` (${comboLabel(combo)})` : '';
          visit(callee, passed, `${via}${label}${suffix} -> `, [...stack, target]);
        }
        continue;
      }
      const stepVerdicts = new Map<WorkflowStep, { verdicts: { combo: MatrixCombo | null; v: Verdict }[]; command: string }>();
      for (const combo of combosOf(job)) {
        const env = new Map<string, Traced>();
        const ctxFor = (): ExpressionContext => ({ matrix: combo, env: resolvedEnv(env), inputs });
        apply(env, w.env, 'the workflow env', ctxFor, policy.mode_variable);
        apply(env, job.env, `job ${job.id} env`, ctxFor, policy.mode_variable);
        const githubEnv = new Map<string, Traced>();
        for (const step of job.steps) {
          const stepEnv = new Map(env);
          for (const [k, v] of githubEnv) stepEnv.set(k, v);
          apply(stepEnv, step.env, `the env of step ${stepName(step)}`, () => ({ matrix: combo, env: resolvedEnv(stepEnv), inputs }), policy.mode_variable);
          const ctx: ExpressionContext = { matrix: combo, env: resolvedEnv(stepEnv), inputs };
          const record = (v: Verdict, command: string) => {
            const entry = stepVerdicts.get(step) ?? { verdicts: [], command };
            entry.verdicts.push({ combo, v });
            stepVerdicts.set(step, entry);
          };
          if (step.uses && policy.test_actions.some((a) => step.uses === a || step.uses?.startsWith(`${a}@`))) {
            record(verdictOf(stepEnv.get(policy.mode_variable), policy), step.uses);
          }
          if (step.run === null) continue;
          const script = substituteExpressions(step.run, ctx, PLACEHOLDER);
          const exported = new Map<string, Traced>();
          let cwd = resolveCwd(step.workingDirectory ?? job.workingDirectory, ctx);
          for (const cmd of shellCommands(script)) {
            for (const [k, v] of cmd.exports) exported.set(k, traceShell(v, `an export in step ${stepName(step)}`));
            for (const [k, v] of cmd.githubEnv) {
              githubEnv.set(k, { value: shellValue(v), from: `$GITHUB_ENV, written by step ${stepName(step)}` });
            }
            if (cmd.words[0] === 'cd' && cwd !== null) {
              const to = cmd.words[1];
              cwd = to && !to.includes(PLACEHOLDER) && !to.includes('$') && !to.startsWith('/') && !to.startsWith('~') ? path.normalize(path.join(cwd, to)).replace(/^\.$/, '') : null;
              continue;
            }
            const words = unwrap(cmd.words);
            const matched = testCommands.find((t) => startsWith(words, t));
            if (!matched) continue;
            const inline = cmd.assignments.get(policy.mode_variable);
            const traced = inline !== undefined ? traceShell(inline, 'the command prefix') : (exported.get(policy.mode_variable) ?? stepEnv.get(policy.mode_variable));
            record(verdictOf(traced, policy), words.join(' '));
            const covered = coverage(words, cwd, testPaths);
            if (covered) runs.push({ workflow: w.path, job: job.id, line: step.line, ...covered });
          }
        }
      }

      const jobSetsSomething = mentions(w.env, policy.mode_variable) || mentions(job.env, policy.mode_variable) ||
        job.steps.some((s) => mentions(s.env, policy.mode_variable) || (s.run ?? '').includes(policy.mode_variable));
      let reportedAtJob = false;
      for (const [step, { verdicts, command }] of stepVerdicts) {
        testSteps++;
        const where = `${via ? `${via}` : ''}job ${job.id}, step ${stepName(step)}`;
        const matched = `${via}${job.id}/${step.id ?? step.name ?? step.index}: ${command}`;
        const unresolved = verdicts.filter((x) => x.v.kind === 'unresolved');
        const notPaper = verdicts.filter((x) => x.v.kind === 'not-paper');
        if (unresolved.length) {
          findings.push({
            rule: RULES.unresolved.id, severity: 'error', path: w.path, line: step.line, column: step.column, matched,
            message: `${cap(where)} runs tests (${command}) with ${policy.mode_variable} not known statically${combos(unresolved)}: ${detail(unresolved[0]!.v)}.`,
            help: RULES.unresolved.help,
          });
        }
        if (notPaper.length) {
          const atJob = !jobSetsSomething;
          if (atJob && reportedAtJob) continue;
          reportedAtJob ||= atJob;
          findings.push({
            rule: RULES.testJobNotPaper.id, severity: 'error', path: w.path,
            line: atJob ? job.line : step.line, column: atJob ? job.column : step.column,
            matched: atJob ? `${via}${job.id}: unset` : matched,
            message: atJob
              ? `${cap(via)}Job ${job.id} runs tests (${command}, line ${step.line}) and sets no ${policy.mode_variable}: it must be ${policy.paper_value}.`
              : `${cap(where)} runs tests (${command}) with ${detail(notPaper[0]!.v)}${combos(notPaper)}; it must be ${policy.mode_variable}=${policy.paper_value}.`,
            help: RULES.testJobNotPaper.help,
          });
        }
      }
    }
  };

  for (const w of workflows) {
    // A workflow only other workflows call is checked through its callers, with what they pass.
    const onlyCalled = w.events.length > 0 && w.events.every((e) => e === 'workflow_call') && called.has(w.path);
    if (onlyCalled) continue;
    visit(w, null, '', [w.path]);
  }
  return { findings, runs, testSteps };
}

function normalise(uses: string): string {
  return path.normalize(uses.replace(/@.*$/, '')).replace(/^\.\//, '');
}

/** Null is "the matrix is an expression": each step is then evaluated once with matrix.* unresolvable. */
function combosOf(job: WorkflowJob): (MatrixCombo | null)[] {
  return job.matrix.opaque !== null ? [null] : job.matrix.combos;
}

function resolvedEnv(env: Map<string, Traced>): Map<string, Resolved> {
  return new Map([...env].map(([k, v]) => [k, v.value]));
}

function apply(env: Map<string, Traced>, block: EnvBlock, from: string, ctx: () => ExpressionContext, variable: string): void {
  if (block.opaque !== null) {
    // The whole block is computed at run time: it may set the mode to anything.
    env.set(variable, { value: { ok: false, reason: `${from} is the expression ${block.opaque}` }, from });
    return;
  }
  for (const [name, kv] of block.vars) env.set(name, { value: resolveTemplate(kv.value, ctx()), from: `${from} (line ${kv.line})` });
}

function mentions(block: EnvBlock, variable: string): boolean {
  return block.opaque !== null || block.vars.has(variable);
}

function traceShell(value: string, from: string): Traced {
  return { value: shellValue(value), from };
}

/** A shell word is literal unless it expands something at run time. */
function shellValue(v: string): Resolved {
  if (v.includes(PLACEHOLDER)) return { ok: false, reason: `"${v.replaceAll(PLACEHOLDER, '${{ … }}')}" holds an expression known only at run time` };
  if (/[$`]/.test(v)) return { ok: false, reason: `"${v}" expands a shell variable or command at run time` };
  return { ok: true, value: v };
}

function verdictOf(t: Traced | undefined, policy: PaperModePolicy): Verdict {
  if (!t) return { kind: 'not-paper', detail: `${policy.mode_variable} unset` };
  if (!t.value.ok) return { kind: 'unresolved', detail: `${t.value.reason} (from ${t.from})` };
  if (t.value.value === policy.paper_value) return { kind: 'paper' };
  return { kind: 'not-paper', detail: `${policy.mode_variable}=${JSON.stringify(t.value.value)} from ${t.from}` };
}

function detail(v: Verdict): string {
  return v.kind === 'paper' ? '' : v.detail;
}

function combos(list: { combo: MatrixCombo | null }[]): string {
  const labels = list.map((x) => (x.combo ? comboLabel(x.combo) : '')).filter(Boolean);
  if (labels.length === 0) return '';
  const shown = labels.slice(0, 3).map((l) => `{${l}}`).join(', ');
  return ` for matrix ${shown}${labels.length > 3 ? ` and ${labels.length - 3} more` : ''}`;
}

function stepName(step: WorkflowStep): string {
  return step.name ? `"${step.name}"` : step.id ? `"${step.id}"` : `${step.index + 1} (line ${step.line})`;
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function startsWith(words: string[], prefix: string[]): boolean {
  return prefix.length <= words.length && prefix.every((p, i) => words[i] === p);
}

/** Strips wrappers and interpreter spellings: `python3.12 -m pytest` is `python -m pytest`. */
export function unwrap(input: string[]): string[] {
  let words = input.map((w, i) => (i === 0 || input[i - 1] === 'run' || input[i - 1] === 'exec' ? w.replace(/^(?:.*\/)?python(?:3(?:\.\d+)?)?$/, 'python') : w));
  if (words[0] === 'env') {
    words = words.slice(1);
    while (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words = words.slice(1);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of WRAPPERS) {
      if (startsWith(words, w) && words.length > w.length) {
        let rest = words.slice(w.length);
        // The wrapper's own options come before the command: `uv run --project x --no-sync pytest`.
        while (rest[0]?.startsWith('-') && !(w[w.length - 1] === '-m')) {
          const opt = rest[0] as string;
          rest = rest.slice(WRAPPER_VALUE_OPTIONS.has(opt) ? 2 : 1);
        }
        words = rest.map((x, i) => (i === 0 ? x.replace(/^(?:.*\/)?python(?:3(?:\.\d+)?)?$/, 'python') : x));
        changed = true;
      }
    }
    if (words[0] === 'python' && words[1] === '-m' && words[2] === 'coverage' && words[3] === 'run' && words[4] === '-m') {
      words = words.slice(5);
      changed = true;
    }
  }
  if (words[0] === 'coverage' && words[1] === 'run') words = words.slice(2);
  if (words[0] === '-m' && words[1] === 'pytest') words = ['python', ...words];
  return words;
}

/** pytest options that take a value as the next word. */
const VALUE_OPTIONS = new Set([
  '-k', '-m', '-p', '-c', '-o', '-n', '-W', '-r', '--maxfail', '--junitxml', '--junit-xml', '--cov', '--cov-report', '--cov-config',
  '--cov-fail-under', '--rootdir', '--confcutdir', '--basetemp', '--durations', '--tb', '--log-level', '--timeout', '--dist',
  '--numprocesses', '--reruns', '--reruns-delay', '--only-rerun', '--override-ini', '--ignore', '--ignore-glob', '--deselect', '--import-mode', '--capture',
  '--html', '--color', '--log-cli-level', '--randomly-seed', '--splits', '--group', '--benchmark-json',
]);

function coverage(words: string[], cwd: string | null, testPaths: (cwd: string) => string[] | null): { paths: string[]; ignored: string[] } | null {
  if (cwd === null) return null;
  if (SUITE_RUNNERS.some((r) => startsWith(words, r))) return { paths: [cwd], ignored: [] };
  const runner = PYTEST_LIKE.find((r) => startsWith(words, r));
  if (!runner) return null;
  const args = words.slice(runner.length);
  const paths: string[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--pyargs') return null; // packages by import name: we do not map them to files
    if (a.startsWith('-')) {
      const [opt, inlineValue] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      let value = inlineValue;
      if (value === undefined && VALUE_OPTIONS.has(opt)) {
        const next = args[i + 1];
        if (opt === '--cov' && (next === undefined || next.startsWith('-'))) continue;
        value = next;
        i++;
      }
      if ((opt === '--ignore' || opt === '--deselect') && value) ignored.push(join(cwd, value.replace(/::.*$/, '')));
      continue;
    }
    if (a.includes(PLACEHOLDER) || a.includes('$')) return null; // a path known only at run time covers nothing we can show
    paths.push(join(cwd, a.replace(/::.*$/, '')));
  }
  if (paths.length === 0) {
    const configured = testPaths(cwd);
    return { paths: configured ?? [cwd], ignored };
  }
  return { paths, ignored };
}

function join(cwd: string, rel: string): string {
  const p = path.normalize(path.join(cwd, rel)).replace(/\/$/, '');
  return p === '.' ? '' : p;
}

function resolveCwd(wd: string | null, ctx: ExpressionContext): string | null {
  if (wd === null) return '';
  const r = resolveTemplate(wd, ctx);
  if (!r.ok || r.value.startsWith('/') || r.value.includes('$')) return null;
  return join('', r.value);
}
