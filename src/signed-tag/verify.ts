/**
 * `tag verify`: every rule of a release tag, run against a real git repository. Returns the findings of
 * one report entry (`signed-tag`); the command layer builds the Report and the exit code. A rule that
 * cannot be decided (git or the API failing) throws: it is never a pass.
 */
import type { RawFinding } from '../core/finding.js';
import { UsageError } from '../core/errors.js';
import { checkChangelog } from './changelog.js';
import { judgeChecks, type CheckRunInfo, type CheckVerdict, type RequiredCheck, type StatusInfo } from './checks.js';
import { TagGit } from './git-tag.js';
import { parseTagName, tagStem, type TagVersion } from './name.js';
import { verifyOpenPgp } from './openpgp-verify.js';
import type { SignedTagPolicy } from './policy.js';
import { RULES } from './rules.js';
import { verifySsh } from './ssh-verify.js';
import { parseTagObject } from './tag-object.js';
import { loadOpenPgpKeys, loadSshTrust } from './trusted-signers.js';
import type { SignatureVerdict } from './verdict.js';

export interface ChecksSource {
  /** Where the results come from, for the report. */
  describe: string;
  load(commit: string, branches: string[]): Promise<{ required: RequiredCheck[]; runs: CheckRunInfo[]; statuses: StatusInfo[] }>;
}

export interface VerifyTagInput {
  root: string;
  tag: string;
  policy: SignedTagPolicy;
  now: Date;
  /** Remote whose tracking branches count for reachability, and whose copy of the tag is compared. */
  remote: string;
  compareRemote: boolean;
  /** Null: no API; then only an empty required_checks list can pass. */
  checks: ChecksSource | null;
  /** Set by the action when the push event shows the tag ref moved (event.before is not zero). */
  movedFrom?: string | null;
}

export interface VerifyTagOutcome {
  commit: string | null;
  findings: RawFinding[];
  summary: string[];
  checks: CheckVerdict[];
  rulesRun: number;
  /** Branches the commit was found on. */
  branches: string[];
}

export async function verifyTag(input: VerifyTagInput): Promise<VerifyTagOutcome> {
  const { tag, policy } = input;
  const git = new TagGit(input.root);
  const ref = await git.ref(tag);
  if (!ref) {
    throw new UsageError(`tag ${tag} does not exist in ${input.root}; fetch it: git fetch --force ${input.remote} "refs/tags/${tag}:refs/tags/${tag}"`);
  }
  const findings: RawFinding[] = [];
  const summary: string[] = [];
  const refPath = `refs/tags/${tag}`;
  let rulesRun = 0;
  const add = (rule: { id: string; help: string }, message: string, severity: RawFinding['severity'] = 'error', at = { path: refPath, line: 1 }): void => {
    findings.push({ rule: rule.id, severity, path: at.path, line: at.line, column: 1, message, help: rule.help, matched: `${tag} ${rule.id}` });
  };

  // Name
  rulesRun++;
  const version = parseTagName(tag, policy.prefix);
  if (!version) add(RULES.name, `${tag} is not ${tagStem(policy.prefix)}MAJOR.MINOR.PATCH or ${tagStem(policy.prefix)}MAJOR.MINOR.PATCH-rc.N`);

  // Object: annotated, of a commit, named as its ref, signed
  rulesRun += 4;
  let commit: string | null;
  if (ref.type !== 'tag') {
    add(RULES.lightweight, `${tag} is a lightweight tag (points at a ${ref.type} directly); a release tag must be an annotated, signed tag object. In Actions, re-fetch the tag object: git fetch --force origin "refs/tags/${tag}:refs/tags/${tag}"`);
    commit = await git.peel(ref.sha);
  } else {
    const obj = parseTagObject(await git.rawObject(ref.sha, 'tag'));
    if (!obj) throw new UsageError(`tag object ${ref.sha} of ${tag} cannot be parsed (no object/type/tag headers)`);
    if (obj.type !== 'commit') add(RULES.nested, `${tag} is a tag of a ${obj.type} (nested tag); a release tag must tag a commit`);
    if (obj.tag !== tag) add(RULES.refMismatch, `the tag object under ${refPath} was created as "${obj.tag}": a signed tag cannot be re-pointed under another name`);
    commit = await git.peel(ref.sha);
    const verdict = await checkSignature(input, obj);
    if (verdict.ok) {
      summary.push(`signature: ${verdict.detail}`);
      if (verdict.unverified) add(RULES.unsupported, verdict.unverified, 'warning');
    } else {
      add(RULES[ruleKey(verdict.rule)], verdict.message);
    }
  }
  if (!commit) throw new UsageError(`${tag} does not point at a commit`);
  summary.unshift(`tag ${tag} → commit ${commit}`);

  // Source branch
  rulesRun++;
  const patterns = version?.rc === null ? policy.branches.release : policy.branches.rc;
  const candidates = await git.branchesMatching(patterns, input.remote);
  const on: string[] = [];
  for (const b of candidates) if (await git.isAncestor(commit, b.ref)) on.push(b.name);
  if (on.length === 0) {
    const kind = version?.rc === null ? 'a release' : 'a release candidate';
    const where = candidates.length ? `not reachable from ${candidates.map((c) => c.ref).join(', ')}` : `no branch matching ${patterns.join(', ')} exists here (fetch full history: fetch-depth: 0)`;
    add(RULES.branch, `${tag} is ${kind}; its commit ${commit.slice(0, 12)} must be on ${patterns.join(' or ')}: ${where}`);
  } else {
    summary.push(`on branch: ${[...new Set(on)].join(', ')}`);
  }

  // Required checks
  rulesRun++;
  let verdicts: CheckVerdict[] = [];
  if (input.checks) {
    const loaded = await input.checks.load(commit, [...new Set(on.length ? on : patterns.filter((p) => !/[*?[]/.test(p)))]);
    const required = [...policy.required_checks.map((context) => ({ context })), ...loaded.required];
    verdicts = judgeChecks(required, loaded.runs, loaded.statuses);
    for (const v of verdicts.filter((x) => !x.green)) add(RULES.checks, `required check "${v.context}" is not green on ${commit.slice(0, 12)}: ${v.why}`);
    summary.push(`checks (${input.checks.describe}): ${verdicts.filter((v) => v.green).length}/${verdicts.length} green`);
  } else if (policy.required_checks.length) {
    throw new UsageError(
      `signed-tag.required_checks lists ${policy.required_checks.length} checks; reading them needs the GitHub API: set GITHUB_TOKEN and --repo OWNER/NAME`,
    );
  } else {
    summary.push('checks: none required by the policy (the action adds the branch protection checks)');
  }

  // Changelog
  rulesRun += 2;
  if (version) {
    const file = policy.changelog.file;
    const text = await git.fileAt(commit, file);
    const versions = version.rc === null ? [version.final] : [version.version.version, version.final];
    if (text === null) {
      add(RULES.changelog, `${file} does not exist at ${commit.slice(0, 12)}; it needs a section for ${version.version.version}`, 'error', { path: file, line: 1 });
    } else {
      const r = checkChangelog(text, versions, policy.changelog.required_subsections);
      if (r.line === null) add(RULES.changelog, `${file} has no heading for ${versions.join(' or ')}`, 'error', { path: file, line: 1 });
      else for (const m of r.missing) add(RULES.subsection, `the ${version.version.version} section of ${file} lacks the subsection "${m}"`, 'error', { path: file, line: r.line });
    }
  }

  // Version order and re-tagging
  rulesRun += 3;
  if (version) await checkOrder(git, input, version, ref.sha, add);

  return { commit, findings, summary, checks: verdicts, rulesRun, branches: [...new Set(on)] };
}

function ruleKey(rule: SignatureVerdict extends infer V ? (V extends { rule: infer R } ? R : never) : never): keyof typeof RULES {
  const map: Record<string, keyof typeof RULES> = {
    'signature-missing': 'missing',
    'signature-bad': 'bad',
    'signature-expired': 'expiredSig',
    'key-expired': 'expiredKey',
    'key-revoked': 'revoked',
    'signer-unknown': 'unknown',
    'signer-principal-mismatch': 'principal',
    'signature-unsupported': 'unsupported',
  };
  return map[rule] as keyof typeof RULES;
}

async function checkSignature(input: VerifyTagInput, obj: NonNullable<ReturnType<typeof parseTagObject>>): Promise<SignatureVerdict> {
  const sig = obj.signature;
  if (!sig) return { ok: false, rule: 'signature-missing', message: `${input.tag} is an annotated tag without a signature; create it with git tag -s` };
  const signers = input.policy.trusted_signers;
  if (sig.kind === 'openpgp') {
    const keys = await loadOpenPgpKeys(input.root, signers.openpgp);
    if (keys.length === 0) return { ok: false, rule: 'signer-unknown', message: `OpenPGP-signed, but no OpenPGP keys are in ${signers.openpgp.join(', ')}` };
    return verifyOpenPgp(obj.payload, sig.armored, keys, input.now);
  }
  if (sig.kind === 'ssh') {
    const trust = loadSshTrust(input.root, signers);
    const taggerTime = obj.tagger ? new Date(obj.tagger.timestamp * 1000) : null;
    return verifySsh(obj.payload, sig.armored, trust, obj.tagger?.email ?? null, taggerTime, input.now);
  }
  if (!input.policy.allow_x509) {
    return { ok: false, rule: 'signature-unsupported', message: `${input.tag} carries an X.509/gitsign signature, which paperguard does not verify; sign with OpenPGP or SSH (or set signed-tag.allow_x509)` };
  }
  return {
    ok: true,
    kind: 'x509',
    signer: 'x509',
    detail: 'X.509/gitsign signature present (allowed by policy)',
    unverified: `X.509/gitsign signature accepted by policy but NOT verified: neither the signature, the certificate chain, the signer identity nor a transparency log entry was checked`,
  };
}

async function checkOrder(
  git: TagGit,
  input: VerifyTagInput,
  version: TagVersion,
  objectSha: string,
  add: (rule: { id: string; help: string }, message: string) => void,
): Promise<void> {
  const others = (await git.tagsMatching(tagStem(input.policy.prefix)))
    .filter((t) => t !== input.tag)
    .map((t) => parseTagName(t, input.policy.prefix))
    .filter((v): v is TagVersion => v !== null);
  const finalOut = others.find((o) => o.rc === null && o.final === version.final);
  if (version.rc !== null && finalOut) {
    add(RULES.rcAfter, `${input.tag} is a release candidate of ${version.final}, which was already released as ${finalOut.name}`);
  } else {
    const newer = others.filter((o) => o.version.compare(version.version) >= 0).sort((a, b) => b.version.compare(a.version));
    if (newer[0]) add(RULES.order, `${input.tag} is not greater than the existing release tag ${newer[0].name}${newer.length > 1 ? ` (and ${newer.length - 1} more)` : ''}`);
  }
  if (input.movedFrom) add(RULES.retagged, `${input.tag} was moved: the ref pointed at ${input.movedFrom} before this push`);
  if (input.compareRemote) {
    const remote = await git.remoteTag(input.remote, input.tag);
    if (remote && remote !== objectSha) add(RULES.retagged, `${input.tag} is ${objectSha.slice(0, 12)} here but ${remote.slice(0, 12)} on ${input.remote}: a release tag is never re-tagged`);
  }
}
