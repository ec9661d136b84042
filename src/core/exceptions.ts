import type { Finding, RawFinding, RuleMeta, Suppression } from './finding.js';
import { ruleDocsUrl } from './docs.js';
import { compileGlobs } from './scope.js';

/** One `exceptions.entries[]` item of the policy, with where it was written. */
export interface PolicyException {
  rule: string;
  path?: string;
  fingerprint?: string;
  reason: string;
  owner: string;
  expires: string;
  /** Where the entry stands, for findings about the entry itself. */
  source: { path: string; line: number };
}

export const CORE_RULES = {
  expired: 'exception-expired',
  inlineInvalid: 'inline-allow-invalid',
} as const;

export function coreRuleMeta(gate: string, id: string): RuleMeta {
  const meta: Record<string, Omit<RuleMeta, 'id' | 'helpUri'>> = {
    [CORE_RULES.expired]: {
      title: 'Exception past its expiry',
      description: 'A policy exception or allowlist entry is past its expiry date, so it no longer applies.',
      defaultSeverity: 'error',
      help: 'Fix the findings it covered, or renew it with a new expiry after review.',
    },
    [CORE_RULES.inlineInvalid]: {
      title: 'Inline allow without a reason',
      description: 'A `paperguard-allow` comment must name a rule and give a reason; without one it suppresses nothing.',
      defaultSeverity: 'error',
      help: 'Write `paperguard-allow: RULE why this is safe` on the line or the line above.',
    },
  };
  const m = meta[id];
  if (!m) throw new Error(`unknown core rule ${id}`);
  return { id, helpUri: ruleDocsUrl('core', id), ...m };
}

/** An ISO date `YYYY-MM-DD` is valid through the end of that day (UTC). */
export function isExpired(expires: string, now: Date): boolean {
  return new Date(`${expires}T23:59:59.999Z`).getTime() < now.getTime();
}

/** `rule` in an exception may be bare (`live-trading-endpoint`) or qualified (`live-endpoints/live-trading-endpoint`). */
export function ruleMatches(pattern: string, gate: string, rule: string): boolean {
  return pattern === rule || pattern === `${gate}/${rule}`;
}

interface ExceptionContext {
  gate: string;
  /** Rules the gate defines; exceptions naming other rules belong to another gate. */
  ruleIds: Set<string>;
  entries: PolicyException[];
  inline: boolean;
  now: Date;
  /** Source text by path, for inline allows. */
  textOf: (path: string) => string | null;
}

/**
 * Applies policy exceptions, then inline allows, to a gate's fingerprinted findings.
 * Returns the findings (suppressed ones kept, marked) plus findings about the exceptions themselves.
 */
export function applyExceptions(findings: Finding[], ctx: ExceptionContext): { findings: Finding[]; extra: RawFinding[] } {
  const extra: RawFinding[] = [];
  const active: { entry: PolicyException; matchPath: (p: string) => boolean }[] = [];
  for (const entry of ctx.entries) {
    const own = [...ctx.ruleIds].some((r) => ruleMatches(entry.rule, ctx.gate, r));
    if (!own) continue;
    if (isExpired(entry.expires, ctx.now)) {
      extra.push({
        rule: CORE_RULES.expired,
        severity: 'error',
        path: entry.source.path,
        line: entry.source.line,
        column: 1,
        message: `Exception for ${entry.rule}${entry.path ? ` on ${entry.path}` : ''} expired on ${entry.expires} (owner ${entry.owner}); the findings it covered are back.`,
        help: 'Fix the findings, or renew the exception with a new expiry after review.',
        matched: `${entry.rule} ${entry.path ?? ''} ${entry.fingerprint ?? ''} ${entry.expires}`,
      });
      continue;
    }
    active.push({ entry, matchPath: entry.path ? compileGlobs([entry.path]) : () => true });
  }

  const out = findings.map((f) => {
    if (f.suppressed) return f;
    const hit = active.find(
      ({ entry, matchPath }) =>
        ruleMatches(entry.rule, f.gate, f.rule) &&
        matchPath(f.path) &&
        (!entry.fingerprint || entry.fingerprint === f.fingerprint),
    );
    if (hit) {
      const { reason, owner, expires } = hit.entry;
      return { ...f, suppressed: { kind: 'policy', reason, owner, expires } satisfies Suppression };
    }
    return f;
  });

  if (!ctx.inline) return { findings: out, extra };
  const reported = new Set<string>();
  const withInline = out.map((f) => {
    if (f.suppressed) return f;
    const text = ctx.textOf(f.path);
    if (text === null) return f;
    const lines = lineSlice(text, f.line);
    for (const [lineNo, line] of lines) {
      const allow = parseInlineAllow(line);
      if (!allow || !ruleMatches(allow.rule, f.gate, f.rule)) continue;
      if (!allow.reason) {
        const key = `${f.path}:${lineNo}`;
        if (!reported.has(key)) {
          reported.add(key);
          extra.push({
            rule: CORE_RULES.inlineInvalid,
            severity: 'error',
            path: f.path,
            line: lineNo,
            column: allow.column,
            message: `paperguard-allow for ${allow.rule} gives no reason, so it suppresses nothing.`,
            help: 'Add the reason after the rule id: `paperguard-allow: RULE why this is safe`.',
            matched: line.trim(),
          });
        }
        continue;
      }
      return { ...f, suppressed: { kind: 'inline', reason: allow.reason } satisfies Suppression };
    }
    return f;
  });
  return { findings: withInline, extra };
}

/** The finding's line and the line above it, as [lineNumber, text]. */
function lineSlice(text: string, line: number): [number, string][] {
  const lines = text.split(/\r?\n/);
  const out: [number, string][] = [];
  for (const n of [line, line - 1]) {
    const l = lines[n - 1];
    if (n >= 1 && l !== undefined) out.push([n, l]);
  }
  return out;
}

const INLINE = /paperguard-allow(?:\s*:\s*|\s+)([A-Za-z0-9_./-]+)\s*:?(.*)$/;

/** Accepts `paperguard-allow: RULE reason` and `paperguard-allow RULE: reason`. */
export function parseInlineAllow(line: string): { rule: string; reason: string; column: number } | null {
  const m = INLINE.exec(line);
  if (!m) return null;
  const reason = (m[2] ?? '')
    .replace(/(\*\/|-->|#\})\s*$/, '') // block-comment closers are not part of the reason
    .trim();
  return { rule: m[1] ?? '', reason, column: m.index + 1 };
}
