import { describe, expect, it } from 'vitest';
import type { RawFinding } from '../../src/core/finding.js';
import { fingerprintAll } from '../../src/core/fingerprint.js';

const raw = (over: Partial<RawFinding>): RawFinding => ({
  rule: 'r',
  severity: 'error',
  path: 'a.py',
  line: 1,
  column: 1,
  message: 'm',
  help: 'h',
  matched: 'https://api.example.com',
  ...over,
});

describe('fingerprints', () => {
  it('do not change when the finding moves to another line', () => {
    const [a] = fingerprintAll('g', [raw({ line: 3 })]);
    const [b] = fingerprintAll('g', [raw({ line: 300, column: 9 })]);
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ignore whitespace and case in the matched text', () => {
    const [a] = fingerprintAll('g', [raw({ matched: 'ib.connect(  host, 7496 )' })]);
    const [b] = fingerprintAll('g', [raw({ matched: 'IB.connect( host,\n 7496 )' })]);
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it('tell repeated occurrences apart by their index', () => {
    const [a, b] = fingerprintAll('g', [raw({ line: 1 }), raw({ line: 2 })]);
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('differ by gate, rule and path', () => {
    const base = fingerprintAll('g', [raw({})])[0]?.fingerprint;
    expect(fingerprintAll('h', [raw({})])[0]?.fingerprint).not.toBe(base);
    expect(fingerprintAll('g', [raw({ rule: 's' })])[0]?.fingerprint).not.toBe(base);
    expect(fingerprintAll('g', [raw({ path: 'b.py' })])[0]?.fingerprint).not.toBe(base);
  });
});
