import { createHash } from 'node:crypto';
import type { Finding, RawFinding } from './finding.js';

/** Whitespace and case do not change what a finding is about. */
export function normalizeMatched(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function digest(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/**
 * Fingerprints are gate + rule + path + normalized matched text + occurrence index, never the line,
 * so a baseline or an exception survives code moving within the file. Input order must be file order.
 */
export function fingerprintAll(gate: string, raws: RawFinding[]): Finding[] {
  const seen = new Map<string, number>();
  return raws.map((raw) => {
    const { matched, ...rest } = raw;
    const key = [gate, raw.rule, raw.path, normalizeMatched(matched)];
    const joined = key.join('\0');
    const occurrence = seen.get(joined) ?? 0;
    seen.set(joined, occurrence + 1);
    return { gate, ...rest, fingerprint: digest([...key, String(occurrence)]) };
  });
}
