/**
 * Drift: the live settings (active rulesets, org-level included, united with classic protection) against
 * the policy. Each missing or weaker setting is named; advisory checks are reported apart and never fail.
 */
import picomatch from 'picomatch';
import type { ClassicProtection, Ruleset } from '../core/github-release.js';
import type { ProtectionPolicy } from './policy.js';
import { tagRulesetPattern } from './rulesets.js';

export interface Drift {
  /** `main`, `release/*` or the tag pattern. */
  target: string;
  setting: string;
  message: string;
}

export interface DriftReport {
  drift: Drift[];
  advisory: string[];
  sources: string[];
}

/** Does a ruleset's ref_name condition cover `ref` (a concrete ref or, for patterns, the pattern itself)? */
export function rulesetCovers(rs: Ruleset, ref: string, defaultBranch: string): boolean {
  const expand = (p: string): string => (p === '~DEFAULT_BRANCH' ? `refs/heads/${defaultBranch}` : p);
  const hit = (p: string): boolean => p === '~ALL' || expand(p) === ref || picomatch.isMatch(ref, expand(p), { dot: true });
  return rs.include.some(hit) && !rs.exclude.some(hit);
}

interface Effective {
  checks: Set<string>;
  strict: boolean;
  approvals: number;
  codeOwners: boolean;
  dismissStale: boolean;
  noForcePush: boolean;
  noDeletion: boolean;
  bypass: string[];
}

export function verifyProtection(
  p: ProtectionPolicy,
  prefix: string,
  rulesets: Ruleset[],
  classic: Map<string, ClassicProtection | null>,
  defaultBranch = 'main',
): DriftReport {
  const drift: Drift[] = [];
  const advisory: string[] = [];
  const active = rulesets.filter((r) => r.enforcement === 'active');
  const sources = active.map((r) => `ruleset "${r.name}" (${r.id}, ${r.source})`);
  for (const [b, c] of classic) if (c) sources.push(`classic protection of ${b}`);

  for (const branch of p.branches) {
    const ref = `refs/heads/${branch}`;
    const e: Effective = { checks: new Set(), strict: false, approvals: 0, codeOwners: false, dismissStale: false, noForcePush: false, noDeletion: false, bypass: [] };
    for (const rs of active.filter((r) => r.target === 'branch' && rulesetCovers(r, ref, defaultBranch))) {
      if (rs.bypassActors.length) e.bypass.push(`ruleset "${rs.name}" (${rs.bypassActors.map((a) => `${a['actor_type']}${a['actor_id'] != null ? ` ${a['actor_id']}` : ''}`).join(', ')})`);
      for (const rule of rs.rules) {
        const params = rule.parameters ?? {};
        if (rule.type === 'deletion') e.noDeletion = true;
        if (rule.type === 'non_fast_forward') e.noForcePush = true;
        if (rule.type === 'pull_request') {
          e.approvals = Math.max(e.approvals, Number(params['required_approving_review_count'] ?? 0));
          e.codeOwners ||= params['require_code_owner_review'] === true;
          e.dismissStale ||= params['dismiss_stale_reviews_on_push'] === true;
        }
        if (rule.type === 'required_status_checks') {
          e.strict ||= params['strict_required_status_checks_policy'] === true;
          const list = params['required_status_checks'];
          for (const c of Array.isArray(list) ? list : []) if (typeof (c as { context?: unknown }).context === 'string') e.checks.add((c as { context: string }).context);
        }
      }
    }
    const c = classic.get(branch);
    if (c) {
      for (const k of c.checks) e.checks.add(k.context);
      e.strict ||= c.strict;
      e.approvals = Math.max(e.approvals, c.approvals);
      e.codeOwners ||= c.codeOwners;
      e.dismissStale ||= c.dismissStale;
      e.noForcePush ||= !c.allowForcePushes;
      e.noDeletion ||= !c.allowDeletions;
    }
    const miss = (setting: string, message: string): void => void drift.push({ target: branch, setting, message });
    for (const check of p.blocking_checks) if (!e.checks.has(check)) miss('required_status_checks', `required status check "${check}" is not required on ${branch}`);
    if (p.strict_status_checks && !e.strict) miss('strict_required_status_checks_policy', `${branch} does not require branches to be up to date before merging`);
    if (e.approvals < p.required_approvals) miss('required_approving_review_count', `${branch} requires ${e.approvals} approving reviews; the policy requires ${p.required_approvals}`);
    if (p.require_code_owner_review && !e.codeOwners) miss('require_code_owner_review', `${branch} does not require a code-owner review`);
    if (p.dismiss_stale_reviews && !e.dismissStale) miss('dismiss_stale_reviews_on_push', `${branch} does not dismiss stale approvals on push`);
    if (!e.noForcePush) miss('non_fast_forward', `${branch} allows force pushes`);
    if (!e.noDeletion) miss('deletion', `${branch} can be deleted`);
    for (const b of e.bypass) miss('bypass_actors', `${branch}: ${b} has bypass actors; the policy allows none`);
    for (const a of p.advisory_checks) advisory.push(`${branch}: advisory check "${a}" is ${e.checks.has(a) ? 'required (it should be advisory)' : 'not required (as intended)'}`);
  }

  const tagRef = tagRulesetPattern(prefix);
  const probe = tagRef.replace(/\*$/, '0.0.0');
  const tagRules = new Set(active.filter((r) => r.target === 'tag' && rulesetCovers(r, probe, defaultBranch)).flatMap((r) => r.rules.map((x) => x.type)));
  for (const t of ['creation', 'update', 'deletion']) {
    if (!tagRules.has(t)) drift.push({ target: tagRef, setting: t, message: `no active tag ruleset restricts ${t} of ${tagRef}` });
  }
  return { drift, advisory, sources };
}
