/**
 * `paperguard protection export [PATH] [--out DIR]` writes the policy's rulesets as rulesets-API JSON;
 * `paperguard protection verify [PATH] --repo OWNER/NAME` compares them with the live settings
 * (rulesets incl. org-level, and classic protection) and exits 1 on each missing or weaker setting.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isHelpFlag, parseFlags, subcommand } from './args.js';
import { EXIT, UsageError, type ExitCode } from '../core/errors.js';
import { createGitHubClient, DEFAULT_API_URL } from '../core/github.js';
import { classicProtection, defaultBranch, listRulesets, type ClassicProtection } from '../core/github-release.js';
import { loadPolicy, locateRepoPolicy } from '../core/policy.js';
import { CAPABILITIES } from '../capabilities/registry.js';
import { GATES } from '../gates/registry.js';
import type { ProtectionPolicy } from '../protection/policy.js';
import { branchRuleset, tagRuleset } from '../protection/rulesets.js';
import { verifyProtection } from '../protection/verify.js';
import type { SignedTagPolicy } from '../signed-tag/policy.js';
import type { CliContext } from '../cli.js';
import { parseRepo } from './tag.js';

export const PROTECTION_HELP = `Usage:
  paperguard protection export [PATH] [--policy FILE] [--out DIR]
      writes DIR/branch-ruleset.json and DIR/tag-ruleset.json (default DIR: paperguard-rulesets)
  paperguard protection verify [PATH] [--policy FILE] --repo OWNER/NAME [--format text|json]
      token from GITHUB_TOKEN (administration: read for classic protection), API URL from GITHUB_API_URL`;

function policies(target: string, ctx: CliContext, policyFile: string | undefined): { protection: ProtectionPolicy; prefix: string } {
  const root = path.resolve(ctx.cwd, target);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${target}: no such directory`);
  const loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, policyFile, ctx.cwd), gates: GATES, capabilities: CAPABILITIES, cwd: ctx.cwd });
  return {
    protection: loaded.policy.sections['protection'] as ProtectionPolicy,
    prefix: (loaded.policy.sections['signed-tag'] as SignedTagPolicy).prefix,
  };
}

export async function protectionCommand(args: string[], ctx: CliContext): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${PROTECTION_HELP}\n`);
    return EXIT.pass;
  }
  subcommand('protection', sub, ['export', 'verify']);
  const { values, positionals } = parseFlags(
    {
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { policy: { type: 'string' }, out: { type: 'string' }, repo: { type: 'string' }, format: { type: 'string', default: 'text' }, verbose: { type: 'boolean' } },
    },
    PROTECTION_HELP,
  );
  const [target = '.', ...extra] = positionals;
  if (extra.length) throw new UsageError(`protection ${sub} takes one PATH, got also: ${extra.join(' ')}`);
  const { protection, prefix } = policies(target, ctx, values.policy);

  if (sub === 'export') {
    if (values.repo !== undefined) throw new UsageError('protection export takes no --repo');
    const out = path.resolve(ctx.cwd, values.out ?? 'paperguard-rulesets');
    const files = { 'branch-ruleset.json': branchRuleset(protection), 'tag-ruleset.json': tagRuleset(protection, prefix) };
    try {
      mkdirSync(out, { recursive: true });
      for (const [name, body] of Object.entries(files)) writeFileSync(path.join(out, name), `${JSON.stringify(body, null, 2)}\n`);
    } catch (err) {
      throw new UsageError(`--out ${out}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    process.stdout.write(`${Object.keys(files).map((f) => `wrote ${path.join(out, f)}`).join('\n')}\nimport them: Settings → Rules → Rulesets → New ruleset → Import a ruleset, or POST /repos/OWNER/NAME/rulesets\n`);
    return EXIT.pass;
  }

  if (values.out !== undefined) throw new UsageError('protection verify takes no --out');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format ${values.format}: use text or json`);
  if (values.repo === undefined) throw new UsageError('protection verify needs --repo OWNER/NAME');
  const repo = parseRepo(values.repo, '--repo');
  const token = ctx.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('protection verify needs a token in GITHUB_TOKEN (metadata: read; administration: read for classic protection)');
  const client = createGitHubClient({ token, apiUrl: ctx.env.GITHUB_API_URL || DEFAULT_API_URL });
  const mainBranch = await defaultBranch(client, repo);
  const rulesets = await listRulesets(client, repo);
  const classic = new Map<string, ClassicProtection | null>();
  // Classic protection is read per branch; patterns are covered by rulesets only.
  for (const b of protection.branches.filter((x) => !/[*?[]/.test(x))) classic.set(b, await classicProtection(client, repo, b));
  const result = verifyProtection(protection, prefix, rulesets, classic, mainBranch);

  if (values.format === 'json') {
    process.stdout.write(`${JSON.stringify({ repo: `${repo.owner}/${repo.repo}`, status: result.drift.length ? 'fail' : 'pass', ...result }, null, 2)}\n`);
  } else {
    const lines = [`protection of ${repo.owner}/${repo.repo}: ${result.drift.length ? `${result.drift.length} missing or weaker settings` : 'matches the policy'}`];
    lines.push(`read: ${result.sources.join('; ') || 'no active ruleset and no classic protection'}`);
    for (const d of result.drift) lines.push(`  MISSING ${d.target} ${d.setting}: ${d.message}`);
    for (const a of result.advisory) lines.push(`  advisory ${a}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.drift.length ? EXIT.violations : EXIT.pass;
}
