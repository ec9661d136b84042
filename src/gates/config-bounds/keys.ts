/** Dotted key paths and their patterns: `risk.leverage`, `risk.*`, `exchanges.**.max_order`. */
import type { ConfigEntry } from '../../core/config-files.js';
import { numericValue } from '../hardcoded-values/names.js';
import type { Scalar } from './policy.js';

export function dottedKey(path: (string | number)[]): string {
  return path.map(String).join('.');
}

export function isPattern(key: string): boolean {
  return key.includes('*');
}

export function keyMatcher(pattern: string): (key: string) => boolean {
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const body = pattern
    .split('.')
    .map((seg) => (seg === '**' ? '.+' : seg.split('*').map(esc).join('[^.]*')))
    .join('\\.');
  const re = new RegExp(`^${body}$`);
  return (key) => re.test(key);
}

/** Leaves by dotted key; with several YAML documents, the first document that sets a key wins. */
export function entryMap(entries: ConfigEntry[]): Map<string, ConfigEntry> {
  const out = new Map<string, ConfigEntry>();
  for (const e of entries) {
    const k = dottedKey(e.path);
    if (!out.has(k)) out.set(k, e);
  }
  return out;
}

/** `${VAR}`, `{{ var }}`, `$(cmd)`, `%(x)s`: a value decided somewhere else, so not checkable here. */
export function isInterpolation(v: ConfigEntry['value']): boolean {
  return typeof v === 'string' && /\$\{[^}]*\}|\{\{[^}]*\}\}|\$\([^)]*\)|%\([^)]*\)s|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v);
}

/** A number as the file's reader would see it: env and INI files hold numbers as text. */
export function asNumber(v: ConfigEntry['value']): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return numericValue(v);
  return null;
}

export function asBoolean(v: ConfigEntry['value']): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return null;
}

export function sameValue(a: ConfigEntry['value'] | undefined, b: ConfigEntry['value'] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === b) return true;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return na === nb;
  return String(a) === String(b);
}

export function inAllowed(v: ConfigEntry['value'], allowed: Scalar[]): boolean {
  return allowed.some((a) => sameValue(a, v));
}
