/** What one source file says, independent of any rule: literal candidates and the structures present. */
import type { PatternKind } from './policy.js';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A literal in a position where it would be a decision if one of `names` is a decision name. */
export interface Candidate extends Position {
  pattern: Exclude<PatternKind, 'required-structure'>;
  /** The names the literal is bound to or compared with (target, key, operand); any match makes it a hit. */
  names: string[];
  value: number;
  /** Source text of the literal. */
  literal: string;
  /** How the literal is used, for the message (`assignment`, `d.get default`, `?? fallback`, `> comparison`). */
  use: string;
}

export interface NoneGuard {
  name: string;
  /** True when the guarded branch returns or raises/throws. */
  failsClosed: boolean;
}

export interface FileFacts {
  candidates: Candidate[];
  /** Imported module names, with `module.name` for from-imports. */
  imports: string[];
  /** Callee texts (`load_policy`, `store.get_policy`). */
  calls: string[];
  noneGuards: NoneGuard[];
}

/** Python dotted modules and JS paths alike: `./lib/policy_store` and `app.policy_store` both import `policy_store`. */
export function importSatisfies(imported: string[], wanted: string): boolean {
  const norm = (m: string) => m.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\//g, '.').replace(/^\.+/, '');
  const w = norm(wanted);
  return imported.map(norm).some((m) => m === w || m.startsWith(`${w}.`) || m.endsWith(`.${w}`) || m.includes(`.${w}.`));
}

export function callSatisfies(calls: string[], wanted: string): boolean {
  return calls.some((c) => c === wanted || c.endsWith(`.${wanted}`));
}
