/**
 * What a collected file is, and whether it is well formed: a report that does not parse would be
 * sealed into years of evidence as noise, so every known kind is parsed (and schema-checked where a
 * schema exists) before it goes in. A malformed file stops the collection, naming file and line.
 */
import path from 'node:path';
import { ScanError } from '../core/errors.js';
import type { FileKind } from './bundle.js';
import { optionalValidator, schemaErrors, validator } from './schemas.js';

export interface Sniffed {
  kind: FileKind;
  /** The parsed JSON of a report or tag-checks file. */
  json?: unknown;
  /** TRADING_MODE values a JUnit file records as `<property name="TRADING_MODE" value="…"/>`. */
  tradingModes?: string[];
}

export const TAG_VERIFY_FILE = 'tag-verify.json';

export function sniff(name: string, data: Buffer, where: string): Sniffed {
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonl')) {
    checkDecisionLog(data.toString('utf8'), where);
    return { kind: 'decision-log' };
  }
  if (lower.endsWith('.xml')) {
    const text = data.toString('utf8');
    if (!/<testsuites?[\s>]/.test(text)) return { kind: 'other' };
    // pytest's record_testsuite_property("TRADING_MODE", …) and JUnit <properties> write this shape.
    const modes = [...text.matchAll(/<property\s+name="TRADING_MODE"\s+value="([^"]*)"/g)].map((m) => m[1]!);
    return { kind: 'junit', tradingModes: [...new Set(modes)] };
  }
  if (!lower.endsWith('.json') && !lower.endsWith('.sarif')) return { kind: 'other' };
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new ScanError(`${where}: not valid JSON (${(err as Error).message}); refusing to seal it into evidence`, where);
  }
  const obj = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (lower.endsWith('.sarif') || (obj.version === '2.1.0' && Array.isArray(obj.runs))) {
    if (obj.version !== '2.1.0' || !Array.isArray(obj.runs)) throw new ScanError(`${where}: not a SARIF 2.1.0 log (no version 2.1.0 / runs)`, where);
    return { kind: 'sarif' };
  }
  if ((obj.tool as { name?: unknown } | undefined)?.name === 'paperguard' && Array.isArray(obj.gates)) {
    const validate = validator('report.schema.json');
    if (!validate(json)) throw new ScanError(`${where}: not a valid paperguard report (${schemaErrors(validate, 3).join('; ')})`, where);
    return { kind: path.basename(lower) === TAG_VERIFY_FILE ? 'tag-checks' : 'report', json };
  }
  return { kind: 'other' };
}

/** JSON Lines; each line checked against schemas/decision.schema.json when that schema is installed. */
function checkDecisionLog(text: string, where: string): void {
  const validate = optionalValidator('decision.schema.json');
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (err) {
      throw new ScanError(`${where}:${i + 1}: decision log line is not JSON (${(err as Error).message})`, where);
    }
    if (validate && !validate(record)) {
      throw new ScanError(`${where}:${i + 1}: decision record does not match schemas/decision.schema.json (${schemaErrors(validate, 3).join('; ')})`, where);
    }
  }
}
