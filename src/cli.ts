#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCheck } from './commands/check.js';
import { DEFAULT_CHECKS, renderDoctor, runDoctor } from './commands/doctor.js';
import { runInit } from './commands/init.js';
import { PRESET_IDS } from './gates/paper-mode/policy.js';
import { manifestCommand, syncManifest } from './commands/manifest.js';
import { tagCommand } from './commands/tag.js';
import { protectionCommand } from './commands/protection.js';
import { evidenceCommand } from './commands/evidence.js';
import { breakGlassCommand } from './commands/break-glass.js';
import { decisionRecords, writeDecisionLog } from './core/decision-log.js';
import { describeError, EXIT, exitCodeOf, UsageError, type ExitCode } from './core/errors.js';
import { NoReviewContextOracle } from './core/review.js';
import { countFindings, allFindings, type Report } from './core/report.js';
import { CAPABILITIES } from './capabilities/registry.js';
import { GATES } from './gates/registry.js';
import type { Logger } from './gates/types.js';
import { renderGithub } from './reporters/github.js';
import { renderReport } from './reporters/index.js';
import { TOOL_VERSION } from './version.js';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `paperguard ${TOOL_VERSION} — policy-as-code for trading-system repositories

Usage:
  paperguard check [PATH] [options]   run the policy's gates on PATH (default: .)
  paperguard init [PATH] [--force]    detect the trading frameworks, write .github/paperguard.yml with
                                      their presets, the workflow running every gate as its own job,
                                      and the script-risk manifest
  paperguard doctor [PATH] [--policy FILE]
                                      readiness of the repository's governance set-up:
                                      one [OK]/[WARN]/[ERR] line per check; exit 1 when not ready
  paperguard manifest sync [PATH] [--policy FILE] [--check]   sync the script-risk manifest with the tracked scripts
  paperguard tag verify TAG [PATH] [--policy FILE] [--format FMT] [--output FILE] [--remote NAME] [--repo OWNER/NAME]
                                      verify a release tag: name, signature by a trusted signer, source branch,
                                      green checks (with --repo and GITHUB_TOKEN), changelog, version order
  paperguard protection export [PATH] [--out DIR]
                                      write the branch and tag rulesets of the policy as rulesets-API JSON
  paperguard protection verify [PATH] --repo OWNER/NAME
                                      compare the live rulesets and classic protection with the policy
                                      (token from GITHUB_TOKEN); exit 1 on a missing or weaker setting
  paperguard evidence collect [PATH] --out DIR [--base REF] [--include FILE]... [--from DIR]
                                      seal this job's reports, test results, manifest, repo_state and
                                      provenance into an evidence bundle (DIR/evidence.json)
  paperguard evidence upload DIR [--artifact] [--s3 s3://bucket/prefix]
                                      upload a bundle: GitHub artifact and/or WORM store (S3 Object Lock)
  paperguard evidence verify DIR|ZIP|s3://bucket/key    re-hash a bundle; exit 1 naming each changed file
  paperguard evidence compare A B [--format text|json]  what changed between two bundles
  paperguard break-glass audit [--repo OWNER/NAME] [--policy FILE]
                                      exit 1 when a break-glass follow-up issue is open past its due time
  paperguard --help | --version

Options for check:
  --policy FILE     repository policy (default: PATH/.github/paperguard.yml if present);
                    it extends the built-in recommended policy
  --gates ID,ID     gates to run (default: the policy's "gates"); known: ${GATES.map((g) => g.id).join(', ')}
  --format FMT      text | json | sarif | github (default: text)
  --output FILE     write the report to FILE instead of standard output
  --base REF        compare against REF (e.g. origin/main): allowlist changes need review
  --jobs N          threads for scanning large trees (default: the machine's cores)
  --decision-log FILE
                    write config-bounds decision records (JSON Lines, schemas/decision.schema.json) to FILE

Exit codes: 0 pass, 1 policy violations, 2 usage or configuration error,
            3 internal error, unreadable or unparsable file, or nothing checked.
The format never changes the exit code.`;

/** What a command gets from the CLI: where it stands, its environment, and where to log. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

type Command = (args: string[], ctx: CliContext) => Promise<ExitCode>;

/** Each command parses its own flags; only this module turns results and errors into exit codes. */
const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  doctor: doctorCommand,
  init: initCommand,
  manifest: manifestCommand,
  tag: tagCommand,
  protection: protectionCommand,
  evidence: evidenceCommand,
  'break-glass': breakGlassCommand,
};

async function main(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) return fail(new UsageError(`no command given\n\n${HELP}`));
  if (first === '--help' || first === '-h') return out(HELP);
  if (first === '--version' || first === '-v') return out(TOOL_VERSION);
  const command = COMMANDS[first];
  if (!command) return fail(new UsageError(`unknown command "${first}"; run "paperguard --help"`));
  try {
    return await command(rest, { cwd, env, logger: stderrLogger(rest.includes('--verbose')) });
  } catch (err) {
    return fail(err);
  }
}

async function checkCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const parsed = usageOnError(() =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: 'string' },
        gates: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string', short: 'o' },
        base: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'decision-log': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        verbose: { type: 'boolean' },
      },
    }),
  );
  const { values, positionals } = parsed;
  if (values.help) return out(HELP);
  const [target = '.', ...rest] = positionals;
  if (rest.length) throw new UsageError(`check takes one PATH, got also: ${rest.join(' ')}`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: use one of ${FORMATS.join(', ')}`);
  const gates = values.gates?.split(',').map((g) => g.trim()).filter(Boolean);
  if (values.gates !== undefined && !gates?.length) throw new UsageError('--gates: give at least one gate id');
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs ${values.jobs}: give a whole number >= 1`);

  const { report, exitCode } = await runCheck({
    path: target,
    cwd: ctx.cwd,
    policy: values.policy,
    gates,
    base: values.base,
    review: () => new NoReviewContextOracle(),
    parallelism: jobs,
    logger: ctx.logger,
  });
  // Records are validated before anything is printed: an invalid record ends the run with exit 3.
  if (values['decision-log']) writeDecisionLog(path.resolve(ctx.cwd, values['decision-log']), decisionRecords(report));
  const rendered = render(report, format, ctx.env);
  if (values.output) {
    writeOutput(path.resolve(ctx.cwd, values.output), rendered);
    process.stderr.write(`paperguard: ${summaryLine(report)}; ${format} report written to ${values.output}\n`);
  } else {
    process.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
  }
  return exitCode;
}

async function doctorCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = usageOnError(() =>
    parseArgs({ args, allowPositionals: true, strict: true, options: { policy: { type: 'string' }, verbose: { type: 'boolean' } } }),
  );
  const [target = '.', ...rest] = positionals;
  if (rest.length) throw new UsageError(`doctor takes one PATH, got also: ${rest.join(' ')}`);
  const lines = await runDoctor({ path: target, cwd: ctx.cwd, policy: values.policy, gates: GATES, capabilities: CAPABILITIES, checks: DEFAULT_CHECKS });
  process.stdout.write(renderDoctor(lines));
  return lines.some((l) => l.level === 'ERR') ? EXIT.violations : EXIT.pass;
}

async function initCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = usageOnError(() =>
    parseArgs({ args, allowPositionals: true, strict: true, options: { force: { type: 'boolean' }, verbose: { type: 'boolean' } } }),
  );
  const [target = '.', ...rest] = positionals;
  if (rest.length) throw new UsageError(`init takes one PATH, got also: ${rest.join(' ')}`);
  const presetsAvailable: ReadonlySet<string> = new Set(PRESET_IDS);
  const result = await runInit({ path: target, cwd: ctx.cwd, force: values.force === true, gates: GATES.filter((g) => !g.optIn).map((g) => g.id), presetsAvailable });
  const manifest = await syncManifest({ path: result.root, cwd: ctx.cwd, check: false });
  const found =
    result.frameworks.map((f) => `${f.preset} (${f.package} in ${f.file}${presetsAvailable.has(f.preset) ? '' : '; no preset yet, review by hand'})`).join(', ') || 'none';
  process.stdout.write(
    [
      `frameworks: ${found}`,
      ...result.written.map((f) => `wrote ${f}`),
      manifest.plan.changed ? `wrote ${manifest.file} (${manifest.plan.added.length} scripts to classify)` : `${manifest.file}: up to date`,
      'next: classify the scripts in the manifest, add the guardrail test, then run `paperguard doctor`',
    ].join('\n') + '\n',
  );
  return EXIT.pass;
}

/** Flag parsing errors (unknown flag, missing value) are usage errors, exit 2. */
function usageOnError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nRun "paperguard --help" for usage.`);
  }
}

function render(report: Report, format: Format, env: NodeJS.ProcessEnv): string {
  if (format === 'github') {
    const { annotations, summary } = renderGithub(report);
    return [...annotations, '', summary].join('\n');
  }
  return renderReport(report, format, { color: useColor(env) });
}

function useColor(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return !!process.stdout.isTTY;
}

function writeOutput(file: string, content: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content.endsWith('\n') ? content : `${content}\n`);
  } catch (err) {
    throw new UsageError(`--output ${file}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function summaryLine(report: Report): string {
  const c = countFindings(allFindings(report));
  return `status ${report.status}: ${c.error} errors, ${c.warning} warnings, ${c.note} notes, ${c.suppressed} suppressed`;
}

function stderrLogger(verbose: boolean): Logger {
  return {
    debug: (m) => verbose && process.stderr.write(`paperguard: debug: ${m}\n`),
    info: (m) => process.stderr.write(`paperguard: ${m}\n`),
    warn: (m) => process.stderr.write(`paperguard: warning: ${m}\n`),
  };
}

function out(text: string): ExitCode {
  process.stdout.write(`${text}\n`);
  return EXIT.pass;
}

function fail(err: unknown): ExitCode {
  const code = exitCodeOf(err);
  const kind = code === EXIT.usage ? 'error' : 'internal error';
  process.stderr.write(`paperguard: ${kind}: ${describeError(err)}\n`);
  return code;
}

main(process.argv.slice(2), process.env, process.cwd()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`paperguard: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
