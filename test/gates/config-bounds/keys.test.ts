import { describe, expect, it } from 'vitest';
import { asBoolean, asNumber, inAllowed, isInterpolation, keyMatcher, sameValue } from '../../../src/gates/config-bounds/keys.js';

describe('config-bounds key paths and values', () => {
  it('`*` matches within one segment, `**` across segments, nothing else is a wildcard', () => {
    const star = keyMatcher('limits.*.max_loss');
    expect(['limits.btc.max_loss', 'limits.eth.max_loss'].map(star)).toEqual([true, true]);
    expect(['limits.btc.usd.max_loss', 'limits.max_loss', 'limitsXbtc.max_loss'].map(star)).toEqual([false, false, false]);
    const deep = keyMatcher('venues.**.max_order_size');
    expect(['venues.binance.max_order_size', 'venues.a.b.max_order_size', 'venues.max_order_size'].map(deep)).toEqual([true, true, false]);
    expect(keyMatcher('risk.leverage')('risk.leverage')).toBe(true);
    expect(keyMatcher('risk.leverage')('risk.leverage.max')).toBe(false);
    expect(keyMatcher('a+b.c')('a+b.c')).toBe(true);
  });
  it('interpolations are not literals', () => {
    expect(['${LEVERAGE}', '{{ .Values.lev }}', '$(cat lev)', '%(lev)s', '$LEVERAGE'].map(isInterpolation)).toEqual([true, true, true, true, true]);
    expect(['5', 'paper', 'vault://keys', 'USD$', 5, null].map((v) => isInterpolation(v))).toEqual([false, false, false, false, false, false]);
  });
  it('numbers and booleans as .env and INI hold them, as text', () => {
    expect([5, '0.5', ' 2 ', 'x', true, null].map((v) => asNumber(v))).toEqual([5, 0.5, 2, null, null, null]);
    expect([true, 'TRUE', 'false', 'yes', 1].map((v) => asBoolean(v))).toEqual([true, true, false, null, null]);
  });
  it('a change is a change of value, not of spelling', () => {
    expect(sameValue(2, '2.0')).toBe(true);
    expect(sameValue('0.01', 0.01)).toBe(true);
    expect(sameValue(2, 3)).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
    expect(inAllowed('false', [false])).toBe(true);
    expect(inAllowed('live', ['paper', 'shadow'])).toBe(false);
  });
});
