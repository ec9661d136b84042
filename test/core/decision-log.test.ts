import { describe, expect, it } from 'vitest';
import { renderDecisionLog } from '../../src/core/decision-log.js';
import { ScanError } from '../../src/core/errors.js';

const RECORD = {
  version: 1,
  timestamp: '2026-01-02T03:04:05.000Z',
  gate: 'config-bounds',
  file: 'config/risk.yaml',
  key: 'risk.leverage',
  old: 2,
  new: 3,
  change: 'changed',
  decision: 'ACCEPTED',
  safety_flags: [],
  reasons: ['bounds: max 5'],
  policy_sha256: 'a'.repeat(64),
  base: { ref: 'origin/main', commit: 'b'.repeat(40) },
};

describe('decision log', () => {
  it('renders one JSON line per valid record', () => {
    const text = renderDecisionLog([RECORD, { ...RECORD, key: 'risk.max_loss', old: null, change: 'added' }]);
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[1]!)).toMatchObject({ key: 'risk.max_loss', old: null });
  });
  it('an empty log is an empty file', () => {
    expect(renderDecisionLog([])).toBe('');
  });
  it('an invalid record is a ScanError naming the record and the schema path, before anything is written', () => {
    const bad = { ...RECORD, decision: 'MAYBE' };
    expect(() => renderDecisionLog([RECORD, bad])).toThrow(ScanError);
    expect(() => renderDecisionLog([RECORD, bad])).toThrow(/decision record 2 \(config\/risk\.yaml risk\.leverage\) does not match schemas\/decision\.schema\.json: \/decision/);
    expect(() => renderDecisionLog([{ ...RECORD, reasons: [] }])).toThrow(/\/reasons/);
    expect(() => renderDecisionLog([{ ...RECORD, timestamp: 'yesterday' }])).toThrow(/\/timestamp/);
  });
});
