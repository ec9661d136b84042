import picomatch from 'picomatch';
import { configFormat, readConfig, type ConfigEntry, type ConfigFormat } from '../../core/config-files.js';
import type { DecisionRecord } from '../../core/decision-log.js';
import { ScanError } from '../../core/errors.js';
import type { RawFinding } from '../../core/finding.js';
import type { Gate, GateContext, GateResult } from '../types.js';
import { asBoolean, asNumber, dottedKey, entryMap, inAllowed, isInterpolation, isPattern, keyMatcher, sameValue } from './keys.js';
import { policySchema, type ConfigBoundsPolicy, type GovernedFile, type KeyBounds } from './policy.js';
import { CODES, GATE_ID, RULES, type RuleKey } from './rules.js';

/** Governs changes to trading configuration the way a promotion loop governs parameter changes. */
export const configBoundsGate: Gate<ConfigBoundsPolicy> = {
  id: GATE_ID,
  title: 'Config bounds',
  docs: 'docs/rules/config-bounds.md',
  rules: Object.values(RULES),
  policySchema,
  optIn: true,
  run: runConfigBounds,
};

type Value = ConfigEntry['value'];

/** What the gate found about one key: its values, where the new one is, and every problem. */
interface KeyState {
  file: string;
  key: string;
  old: Value | undefined;
  new: Value | undefined;
  at: { line: number; column: number };
  problems: { rule: RuleKey; message: string }[];
  notes: string[];
  flags: Set<string>;
  governed: boolean;
}

async function runConfigBounds(ctx: GateContext<ConfigBoundsPolicy>): Promise<GateResult> {
  const policy = ctx.policy;
  const files = policy.files ?? [];
  if (files.length === 0) throw new ScanError(`config-bounds: the policy governs no file (${where(ctx, ['config-bounds'])}); list them under config-bounds.files`);
  if (policy.lock && !ctx.base) {
    throw new ScanError(`config-bounds: lock is true (${where(ctx, ['config-bounds', 'lock'])}) but no --base was given, so no change can be ruled out; run with --base REF`);
  }
  const blacklist = (policy.blacklist ?? []).map((p) => ({ pattern: p, match: keyMatcher(p) }));

  const states: KeyState[] = [];
  let filesScanned = 0;
  let baseList: Promise<string[]> | null = null;
  const baseFiles = () => (baseList ??= filesAtBase(ctx));
  for (const [i, spec] of files.entries()) {
    for (const file of await governedPaths(ctx, spec, i, baseFiles)) {
      filesScanned++;
      states.push(...(await checkFile(ctx, spec, file, blacklist)));
    }
  }

  // One question to the review oracle, and only when a blacklisted key really changed.
  const blacklisted = states.filter((s) => s.flags.has('BLACKLISTED'));
  if (blacklisted.length) {
    const approved = await ctx.review.securityReviewApproved();
    for (const s of blacklisted) {
      if (approved) {
        s.flags.add('SECURITY_REVIEW_APPROVED');
        s.notes.push(`blacklisted key changed with an approving security review (${ctx.review.source})`);
      } else {
        s.problems.push({
          rule: 'blacklist',
          message: `${s.key} is blacklisted and changed since ${ctx.base!.ref} (${show(s.old)} → ${show(s.new)}) without an approving review by a security reviewer (${ctx.review.source}).`,
        });
      }
    }
  }

  const findings: RawFinding[] = states.flatMap((s) =>
    s.problems.map((p) => ({
      rule: RULES[p.rule].id,
      severity: 'error' as const,
      path: s.file,
      line: s.at.line,
      column: s.at.column,
      matched: `${CODES[p.rule]} ${s.key}=${show(s.new)}`,
      message: `${CODES[p.rule]}: ${p.message}`,
      help: RULES[p.rule].help,
    })),
  );
  const decisions = ctx.base ? states.filter((s) => !sameOrBothAbsent(s)).map((s) => record(ctx, s)) : [];
  const rejected = decisions.filter((d) => d.decision === 'REJECTED_BY_POLICY').length;
  return {
    findings,
    stats: { filesScanned, rulesRun: Object.keys(RULES).length, keysGoverned: states.length, changes: decisions.length, rejected },
    summary: ctx.base
      ? [`${decisions.length} governed ${decisions.length === 1 ? 'change' : 'changes'} since ${ctx.base.ref}: ${decisions.length - rejected} ACCEPTED, ${rejected} REJECTED_BY_POLICY`]
      : [`${states.length} governed keys checked against their bounds (no --base: steps, blacklist and lock need one)`],
    ...(decisions.length ? { data: { decisions: decisions as unknown as Record<string, unknown>[] } } : {}),
  };
}

/**
 * The files a governed entry names, now and at the base: a governed file deleted in this change
 * still counts (every key of it was removed). A path that matches nothing at all governs nothing
 * and is an error.
 */
async function governedPaths(ctx: GateContext<ConfigBoundsPolicy>, spec: GovernedFile, index: number, baseFiles: () => Promise<string[]>): Promise<string[]> {
  const match = picomatch(spec.path, { dot: true });
  const now = ctx.inventory.files.map((f) => f.path).filter((p) => match(p));
  const then = ctx.base ? (await baseFiles()).filter((p) => match(p)) : [];
  const all = [...new Set([...now, ...then])].sort();
  if (all.length) return all;
  throw new ScanError(`config-bounds: governed file ${spec.path} (${where(ctx, ['config-bounds', 'files', index, 'path'])}) matches no file in the repository; fix the path`);
}

/** Files under the scanned root at the base commit, relative to the root (git ls-tree runs there). */
async function filesAtBase(ctx: GateContext<ConfigBoundsPolicy>): Promise<string[]> {
  if (!ctx.base || !ctx.git) return [];
  const out = await ctx.git.git(['ls-tree', '-r', '-z', '--name-only', ctx.base.commit, '--', '.']);
  return out.split('\0').filter(Boolean);
}

async function checkFile(ctx: GateContext<ConfigBoundsPolicy>, spec: GovernedFile, file: string, blacklist: { pattern: string; match: (k: string) => boolean }[]): Promise<KeyState[]> {
  const format = (spec.format ?? configFormat(file)) as ConfigFormat | null;
  if (!format || format === 'dockerfile') throw new ScanError(`config-bounds: cannot tell the format of ${file}; set config-bounds.files[].format (env, yaml, json, jsonc, toml, ini)`, file);
  const text = ctx.inventory.has(file) ? ctx.inventory.text(file) : null;
  if (ctx.inventory.has(file) && text === null) throw new ScanError(`config-bounds: ${file} is binary, not a configuration file`, file);
  const current = entryMap(text === null ? [] : readConfig(file, text, format));
  let base: Map<string, ConfigEntry> | null = null;
  if (ctx.base && ctx.git) {
    const old = await ctx.git.showFile(ctx.base.commit, file);
    base = entryMap(old === null ? [] : readConfig(`${file}@${ctx.base.ref}`, old, format));
  }

  const states = new Map<string, KeyState>();
  const state = (key: string): KeyState => {
    let s = states.get(key);
    if (!s) {
      const cur = current.get(key);
      s = { file, key, old: base?.has(key) ? base.get(key)!.value : undefined, new: cur ? cur.value : undefined, at: cur ? { line: cur.line, column: cur.column } : { line: 1, column: 1 }, problems: [], notes: [], flags: new Set(), governed: true };
      states.set(key, s);
    }
    return s;
  };
  const keysMatching = (match: (k: string) => boolean) => [...new Set([...current.keys(), ...(base?.keys() ?? [])])].filter(match);

  for (const bounds of spec.keys ?? []) {
    const match = keyMatcher(bounds.key);
    const found = keysMatching(match);
    if (found.length === 0) {
      // A key written as a mapping or list has leaves below it but no value of its own.
      const below = [...current.keys()].some((k) => k.startsWith(`${bounds.key}.`));
      const s = state(bounds.key);
      if (below) s.problems.push({ rule: 'notLiteral', message: `${bounds.key} in ${file} holds a mapping or list, not a literal value.` });
      else s.problems.push({ rule: 'keyRemoved', message: isPattern(bounds.key) ? `no key of ${file} matches the governed pattern ${bounds.key}.` : `governed key ${bounds.key} is missing from ${file}.` });
      continue;
    }
    for (const key of found) {
      const below = [...current.values()].find((e) => dottedKey(e.path).startsWith(`${key}.`));
      if (!current.has(key) && below) {
        // The key is still there but now holds a mapping or list: point at its first value.
        const s = state(key);
        s.at = { line: below.line, column: below.column };
        s.new = null;
        s.problems.push({ rule: 'notLiteral', message: `${key} in ${file} now holds a mapping or list, not a literal value.` });
        continue;
      }
      checkKey(state(key), bounds, current.has(key), base);
    }
  }
  for (const b of blacklist) {
    for (const key of keysMatching(b.match)) {
      const s = state(key);
      s.notes.push(`on the blacklist (${b.pattern})`);
      // Removing a blacklisted key is a change like any other: it needs the review, not a separate finding.
      if (base && !sameOrBothAbsent(s)) s.flags.add('BLACKLISTED');
    }
  }
  if (ctx.policy.lock) {
    for (const s of states.values()) {
      if (!sameOrBothAbsent(s)) s.problems.push({ rule: 'locked', message: `configuration is locked (config-bounds.lock) and ${s.key} changed since ${ctx.base!.ref} (${show(s.old)} → ${show(s.new)}).` });
    }
  }
  return [...states.values()];
}

function checkKey(s: KeyState, bounds: KeyBounds, present: boolean, base: Map<string, ConfigEntry> | null): void {
  const key = s.key;
  if (!present) {
    s.problems.push({ rule: 'keyRemoved', message: `governed key ${key} was removed from ${s.file} (it was ${show(s.old)}).` });
    return;
  }
  const v = s.new as Value;
  if (v === null || isInterpolation(v)) {
    s.problems.push({ rule: 'notLiteral', message: `${key} = ${show(v)} is not a literal value, so its bounds cannot be checked.` });
    return;
  }
  const numeric = bounds.min !== undefined || bounds.max !== undefined || bounds.max_step !== undefined || bounds.type === 'number' || bounds.type === 'integer';
  const n = asNumber(v);
  if (numeric && n === null) {
    s.problems.push({ rule: bounds.type && bounds.type !== 'number' && bounds.type !== 'integer' ? 'bounds' : 'notLiteral', message: `${key} = ${show(v)} is not a number.` });
    return;
  }
  const bad = (m: string) => s.problems.push({ rule: 'bounds', message: `${key} = ${show(v)} ${m}.` });
  if (bounds.type === 'integer' && n !== null && !Number.isInteger(n)) bad('is not an integer');
  if (bounds.type === 'boolean' && asBoolean(v) === null) bad('is not a boolean');
  if (bounds.type === 'string' && typeof v !== 'string') bad('is not a string');
  if (bounds.min !== undefined && n !== null && n < bounds.min) bad(`is below the minimum ${bounds.min}`);
  if (bounds.max !== undefined && n !== null && n > bounds.max) bad(`is above the maximum ${bounds.max}`);
  if (bounds.allowed && !inAllowed(v, bounds.allowed)) bad(`is not one of the allowed values ${bounds.allowed.map((a) => show(a)).join(', ')}`);
  if (bounds.max_step !== undefined && base && n !== null) {
    const old = asNumber(s.old ?? null);
    if (old !== null && Math.abs(n - old) > bounds.max_step) bad(`changed by ${round(Math.abs(n - old))} from ${show(s.old)}, more than the largest step ${bounds.max_step}`);
  }
  const limits = [bounds.min !== undefined && `min ${bounds.min}`, bounds.max !== undefined && `max ${bounds.max}`, bounds.max_step !== undefined && `max_step ${bounds.max_step}`, bounds.allowed && `allowed ${bounds.allowed.join('|')}`, bounds.type && `type ${bounds.type}`].filter(Boolean);
  if (limits.length) s.notes.push(`bounds: ${limits.join(', ')}`);
}

function sameOrBothAbsent(s: KeyState): boolean {
  if (s.old === undefined || s.new === undefined) return s.old === s.new;
  return sameValue(s.old, s.new);
}

function record(ctx: GateContext<ConfigBoundsPolicy>, s: KeyState): DecisionRecord {
  const flags = new Set(s.flags);
  for (const p of s.problems) flags.add(CODES[p.rule]);
  const rejected = s.problems.length > 0;
  return {
    version: 1,
    timestamp: ctx.now.toISOString(),
    gate: GATE_ID,
    file: s.file,
    key: s.key,
    old: s.old === undefined ? null : s.old,
    new: s.new === undefined ? null : s.new,
    change: s.old === undefined ? 'added' : s.new === undefined ? 'removed' : 'changed',
    decision: rejected ? 'REJECTED_BY_POLICY' : 'ACCEPTED',
    safety_flags: [...flags].sort(),
    reasons: rejected ? s.problems.map((p) => `${CODES[p.rule]}: ${p.message}`) : s.notes.length ? s.notes : ['governed key changed within its bounds'],
    policy_sha256: ctx.policySha256,
    base: { ref: ctx.base!.ref, commit: ctx.base!.commit },
  };
}

function show(v: Value | undefined | string | number | boolean): string {
  if (v === undefined) return '(absent)';
  return JSON.stringify(v);
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function where(ctx: GateContext<ConfigBoundsPolicy>, keyPath: (string | number)[]): string {
  const at = ctx.policyLocation(keyPath);
  return `${at.path}:${at.line}`;
}
