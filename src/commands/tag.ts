/**
 * `paperguard tag verify TAG [PATH]`: every release-tag rule, as a standard Report with one entry
 * (`signed-tag`) so every reporter works. Exit 0 only when every rule passes; a rule that could not be
 * decided (git or API failure) makes the report an error (exit 3); bad usage or policy exits 2.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isHelpFlag, parseFlags, subcommand } from './args.js';
import { describeError, EXIT, ScanError, UsageError, type ExitCode } from '../core/errors.js';
import { fingerprintAll } from '../core/fingerprint.js';
import { GitRepo } from '../core/git.js';
import { createGitHubClient, DEFAULT_API_URL } from '../core/github.js';
import { loadPolicy, locateRepoPolicy } from '../core/policy.js';
import { gateStatus, overallStatus, REPORT_VERSION, type GateReport, type Report } from '../core/report.js';
import { CAPABILITIES } from '../capabilities/registry.js';
import { GATES } from '../gates/registry.js';
import { apiChecksSource } from '../signed-tag/api-checks.js';
import type { SignedTagPolicy } from '../signed-tag/policy.js';
import { CAPABILITY_ID, RULE_LIST } from '../signed-tag/rules.js';
import { verifyTag, type ChecksSource } from '../signed-tag/verify.js';
import type { Logger } from '../gates/types.js';
import { renderGithub } from '../reporters/github.js';
import { renderReport } from '../reporters/index.js';
import { TOOL_VERSION } from '../version.js';
import type { CliContext } from '../cli.js';
import { exitCodeFor } from './check.js';
import { mkdirSync, writeFileSync } from 'node:fs';

export const TAG_HELP = `Usage: paperguard tag verify TAG [PATH] [options]

Verifies a release tag: name, annotated tag object of a commit named as its ref, signature by a
trusted signer (repository key files only), source branch, green required checks, changelog
section, version order.
  --policy FILE     repository policy (default: PATH/.github/paperguard.yml if present)
  --format FMT      text | json | sarif | github (default: text)
  --output FILE     write the report to FILE instead of standard output
  --remote NAME     remote whose branches count and whose copy of the tag is compared (default: origin)
  --repo OWNER/NAME read the branch's ruleset checks and the check results from the GitHub API
                    (token from GITHUB_TOKEN, URL from GITHUB_API_URL)`;

export interface TagVerifyOptions {
  tag: string;
  path: string;
  cwd: string;
  policy?: string;
  remote: string;
  compareRemote: boolean;
  checks: ChecksSource | null;
  movedFrom?: string | null;
  now?: Date;
  logger: Logger;
}

export async function runTagVerify(opts: TagVerifyOptions): Promise<{ report: Report; exitCode: ExitCode }> {
  if (!opts.tag || opts.tag.startsWith('-') || /[\s~^:?*[\\]|\.\.|@\{/.test(opts.tag)) throw new UsageError(`"${opts.tag}" is not a valid tag name`);
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${opts.path}: no such directory`);
  const git = await GitRepo.open(root);
  if (!git) throw new UsageError(`${opts.path} is not inside a git repository`);
  const loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: GATES, capabilities: CAPABILITIES, cwd: opts.cwd });
  const policy = loaded.policy.sections[CAPABILITY_ID] as SignedTagPolicy;
  const shell = { id: CAPABILITY_ID, title: 'Signed release tag', rules: RULE_LIST };
  let gate: GateReport;
  let commit: string | null = null;
  try {
    const outcome = await verifyTag({
      root: git.topLevel,
      tag: opts.tag,
      policy,
      now: opts.now ?? new Date(),
      remote: opts.remote,
      compareRemote: opts.compareRemote,
      checks: opts.checks,
      movedFrom: opts.movedFrom ?? null,
    });
    commit = outcome.commit;
    const findings = fingerprintAll(CAPABILITY_ID, outcome.findings);
    gate = {
      ...shell,
      status: gateStatus(findings),
      stats: { filesScanned: 1, rulesRun: outcome.rulesRun },
      findings,
      summary: outcome.summary,
      data: {
        checks: outcome.checks.map((v) => ({
          context: v.context,
          green: v.green,
          why: v.why,
          check_runs: v.runs.map((r) => ({ ...r })),
          statuses: v.statuses.map((s) => ({ ...s })),
        })),
        tag: [{ name: opts.tag, commit: outcome.commit, branches: outcome.branches, verified_at: (opts.now ?? new Date()).toISOString() }],
      },
    };
  } catch (err) {
    if (!(err instanceof ScanError)) throw err;
    opts.logger.debug(err.stack ?? err.message);
    gate = { ...shell, status: 'error', error: describeError(err), stats: { filesScanned: 0, rulesRun: 0 }, findings: [] };
  }
  const report: Report = {
    version: REPORT_VERSION,
    tool: { name: 'paperguard', version: TOOL_VERSION },
    repo: { root: git.topLevel, commit },
    policy: { sources: loaded.sources, sha256: loaded.sha256 },
    base: null,
    inventory: { files: 1, skipped: { binary: 0, tooLarge: 0, outsideRepo: 0 } },
    status: overallStatus([gate]),
    gates: [gate],
  };
  return { report, exitCode: exitCodeFor(report) };
}

export function parseRepo(value: string, what: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(value);
  if (!m) throw new UsageError(`${what}: ${JSON.stringify(value)} is not OWNER/NAME`);
  return { owner: m[1] as string, repo: m[2] as string };
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

export async function tagCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${TAG_HELP}\n`);
    return EXIT.pass;
  }
  subcommand('tag', sub, ['verify']);
  const { values, positionals } = parseFlags(
    {
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string', short: 'o' },
        remote: { type: 'string', default: 'origin' },
        repo: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        verbose: { type: 'boolean' },
      },
    },
    TAG_HELP,
  );
  if (values.help) {
    process.stdout.write(`${TAG_HELP}\n`);
    return EXIT.pass;
  }
  const [tag, target = '.', ...extra] = positionals;
  if (!tag) throw new UsageError(`tag verify: give the TAG to verify\n${TAG_HELP}`);
  if (extra.length) throw new UsageError(`tag verify takes TAG and one PATH, got also: ${extra.join(' ')}`);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: use one of ${FORMATS.join(', ')}`);
  const remote = values.remote as string;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote)) throw new UsageError(`--remote ${remote}: not a remote name`);

  let checks: ChecksSource | null = null;
  if (values.repo !== undefined) {
    const repo = parseRepo(values.repo, '--repo');
    const token = ctx.env.GITHUB_TOKEN;
    if (!token) throw new UsageError('--repo needs a token in GITHUB_TOKEN (checks: read, statuses: read)');
    const client = createGitHubClient({ token, apiUrl: ctx.env.GITHUB_API_URL || DEFAULT_API_URL });
    // Branch rules need only metadata read, so a developer's token gets the action's answer; classic
    // protection needs administration read and stays the action's (its classic-protection input).
    checks = apiChecksSource(client, repo, { branchRules: true, classic: false });
  }
  const root = path.resolve(ctx.cwd, target);
  const hasRemote = existsSync(root) && (await GitRepo.open(root).catch(() => null)) !== null && (await remoteExists(root, remote));
  const { report, exitCode } = await runTagVerify({ tag, path: target, cwd: ctx.cwd, policy: values.policy, remote, compareRemote: hasRemote, checks, logger: ctx.logger });

  let rendered: string;
  if (format === 'github') {
    const { annotations, summary } = renderGithub(report);
    rendered = [...annotations, '', summary].join('\n');
  } else {
    rendered = renderReport(report, format, { color: false });
  }
  if (values.output) {
    const file = path.resolve(ctx.cwd, values.output);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, rendered.endsWith('\n') ? rendered : `${rendered}\n`);
    } catch (err) {
      throw new UsageError(`--output ${values.output}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    process.stderr.write(`paperguard: tag ${tag}: status ${report.status}; ${format} report written to ${values.output}\n`);
  } else {
    process.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
  }
  if (report.status === 'error') process.stderr.write(`paperguard: internal error: ${report.gates[0]?.error ?? 'tag verification failed'}\n`);
  return exitCode;
}

async function remoteExists(root: string, remote: string): Promise<boolean> {
  const git = await GitRepo.open(root);
  if (!git) return false;
  const remotes = (await git.git(['remote'])).split('\n');
  return remotes.includes(remote);
}
