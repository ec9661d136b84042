import { describe, expect, it } from 'vitest';
import { applyExceptions, isExpired, parseInlineAllow, type PolicyException } from '../../src/core/exceptions.js';
import type { Finding } from '../../src/core/finding.js';

const now = new Date('2026-06-15T12:00:00Z');

function finding(over: Partial<Finding> = {}): Finding {
  return {
    gate: 'live-endpoints',
    rule: 'live-trading-endpoint',
    severity: 'error',
    path: 'src/a.py',
    line: 2,
    column: 5,
    message: 'm',
    help: 'h',
    fingerprint: 'f'.repeat(32),
    ...over,
  };
}

function exception(over: Partial<PolicyException> = {}): PolicyException {
  return {
    rule: 'live-trading-endpoint',
    path: 'src/**',
    reason: 'reviewed',
    owner: '@risk',
    expires: '2026-12-31',
    source: { path: '.github/paperguard.yml', line: 7 },
    ...over,
  };
}

const ctx = (entries: PolicyException[], text: string | null = null, inline = true) => ({
  gate: 'live-endpoints',
  ruleIds: new Set(['live-trading-endpoint']),
  entries,
  inline,
  now,
  textOf: () => text,
});

describe('inline allow syntax', () => {
  it('accepts both documented forms', () => {
    expect(parseInlineAllow('x = 1  # paperguard-allow: live-trading-endpoint read-only key')).toEqual({
      rule: 'live-trading-endpoint',
      reason: 'read-only key',
      column: 10,
    });
    expect(parseInlineAllow('// paperguard-allow live-endpoints/shared-endpoint: demo header set')).toMatchObject({
      rule: 'live-endpoints/shared-endpoint',
      reason: 'demo header set',
    });
  });
  it('drops block-comment closers from the reason and keeps an empty reason empty', () => {
    expect(parseInlineAllow('/* paperguard-allow: r because */')?.reason).toBe('because');
    expect(parseInlineAllow('# paperguard-allow: live-trading-endpoint')?.reason).toBe('');
  });
  it('ignores lines without the marker', () => {
    expect(parseInlineAllow('paperguard allow: r x')).toBeNull();
  });
});

describe('expiry', () => {
  it('keeps an exception valid through its expiry day (UTC)', () => {
    expect(isExpired('2026-06-15', now)).toBe(false);
    expect(isExpired('2026-06-14', now)).toBe(true);
  });
});

describe('applyExceptions', () => {
  it('suppresses a matching finding and keeps it, marked', () => {
    const { findings, extra } = applyExceptions([finding()], ctx([exception()]));
    expect(findings[0]?.suppressed).toEqual({ kind: 'policy', reason: 'reviewed', owner: '@risk', expires: '2026-12-31' });
    expect(extra).toEqual([]);
  });

  it('matches a fingerprint exactly, wherever the finding moved', () => {
    const fp = 'a'.repeat(32);
    const entries = [exception({ path: undefined, fingerprint: fp })];
    expect(applyExceptions([finding({ fingerprint: fp, line: 99 })], ctx(entries)).findings[0]?.suppressed?.kind).toBe('policy');
    expect(applyExceptions([finding()], ctx(entries)).findings[0]?.suppressed).toBeUndefined();
  });

  it('does not apply an expired exception and reports it at its policy line', () => {
    const { findings, extra } = applyExceptions([finding()], ctx([exception({ expires: '2026-01-01' })]));
    expect(findings[0]?.suppressed).toBeUndefined();
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatchObject({ rule: 'exception-expired', severity: 'error', path: '.github/paperguard.yml', line: 7 });
    expect(extra[0]?.message).toContain('expired on 2026-01-01');
  });

  it('ignores exceptions for rules of other gates', () => {
    const { findings, extra } = applyExceptions([finding()], ctx([exception({ rule: 'paper-mode/x', expires: '2000-01-01' })]));
    expect(findings[0]?.suppressed).toBeUndefined();
    expect(extra).toEqual([]);
  });

  it('honours an inline allow on the line or the line above', () => {
    const same = 'import x\nURL = "..."  # paperguard-allow: live-trading-endpoint reviewed in SEC-1\n';
    expect(applyExceptions([finding()], ctx([], same)).findings[0]?.suppressed).toEqual({ kind: 'inline', reason: 'reviewed in SEC-1' });
    const above = '# paperguard-allow: live-endpoints/live-trading-endpoint ok for replay\nURL = "..."\n';
    expect(applyExceptions([finding({ line: 2 })], ctx([], above)).findings[0]?.suppressed?.reason).toBe('ok for replay');
  });

  it('does not honour an inline allow for another rule, or two lines above', () => {
    const other = 'x\nURL = 1  # paperguard-allow: shared-endpoint fine\n';
    expect(applyExceptions([finding()], ctx([], other)).findings[0]?.suppressed).toBeUndefined();
    const far = '# paperguard-allow: live-trading-endpoint fine\n\nURL = 1\n';
    expect(applyExceptions([finding({ line: 3 })], ctx([], far)).findings[0]?.suppressed).toBeUndefined();
  });

  it('reports an inline allow without a reason and does not suppress', () => {
    const text = 'x\nURL = 1  # paperguard-allow: live-trading-endpoint\n';
    const { findings, extra } = applyExceptions([finding()], ctx([], text));
    expect(findings[0]?.suppressed).toBeUndefined();
    expect(extra).toMatchObject([{ rule: 'inline-allow-invalid', line: 2, path: 'src/a.py' }]);
  });

  it('ignores inline allows when the policy turns them off', () => {
    const text = 'x\nURL = 1  # paperguard-allow: live-trading-endpoint reviewed\n';
    expect(applyExceptions([finding()], ctx([], text, false)).findings[0]?.suppressed).toBeUndefined();
  });
});
