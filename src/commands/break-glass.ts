/** `paperguard break-glass audit`: for a scheduled workflow; exit 1 while a follow-up is open past its due time. */
import { isHelpFlag, parseFlags, subcommand } from './args.js';
import { auditFollowUps } from '../break-glass/audit.js';
import type { BreakGlassPolicy } from '../break-glass/policy.js';
import { EXIT, UsageError, type ExitCode } from '../core/errors.js';
import { createGitHubClient, DEFAULT_API_URL } from '../core/github.js';
import type { CliContext } from '../cli.js';
import { loadFor } from './evidence.js';

export const BREAK_GLASS_HELP = `Usage: paperguard break-glass audit [--repo OWNER/NAME] [--policy FILE]

Lists open issues labelled with break-glass.follow_up.label and fails (exit 1) naming each one whose
due time has passed. Needs GITHUB_TOKEN (issues: read); --repo defaults to GITHUB_REPOSITORY.
An override itself runs in actions/break-glass (workflow .github/workflows/break-glass.yml).`;

export async function breakGlassCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${BREAK_GLASS_HELP}\n`);
    return EXIT.pass;
  }
  subcommand('break-glass', sub, ['audit']);
  const { values } = parseFlags({ args: rest, strict: true, options: { repo: { type: 'string' }, policy: { type: 'string' }, verbose: { type: 'boolean' } } }, BREAK_GLASS_HELP);
  const repoName = values.repo ?? ctx.env['GITHUB_REPOSITORY'] ?? '';
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repoName);
  if (!m) throw new UsageError(`--repo ${JSON.stringify(repoName)}: give OWNER/NAME (or set GITHUB_REPOSITORY)`);
  const token = ctx.env['GITHUB_TOKEN'];
  if (!token) throw new UsageError('break-glass audit needs GITHUB_TOKEN (issues: read) to read the follow-up issues');
  const policy = loadFor(ctx.cwd, values.policy, ctx.cwd).policy.sections['break-glass'] as BreakGlassPolicy;
  const client = createGitHubClient({ token, apiUrl: ctx.env['GITHUB_API_URL'] || DEFAULT_API_URL });
  const result = await auditFollowUps(client, { owner: m[1]!, repo: m[2]! }, policy.follow_up.label, new Date());
  const bad = [...result.overdue.map((o) => `OVERDUE ${o}`), ...result.unreadable.map((u) => `UNREADABLE ${u}`)];
  process.stdout.write(
    bad.length
      ? `${bad.join('\n')}\n${bad.length} break-glass follow-up(s) need attention (${result.open} open)\n`
      : `break-glass audit: ${result.open} open follow-up(s), none overdue\n`,
  );
  return bad.length ? EXIT.violations : EXIT.pass;
}
