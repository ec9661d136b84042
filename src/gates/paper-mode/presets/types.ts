import type { EnvAssignment } from '../../../core/config-files.js';
import type { RuleMeta } from '../../../core/finding.js';
import type { SyntaxTree } from '../../../core/python.js';
import type { PresetId } from '../policy.js';
import type { JsFile } from './js.js';

/** One place a preset judged: live (its own rule, an error) or not shown to be paper (`preset-non-literal`). */
export interface PresetHit {
  kind: 'live' | 'review';
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Normalised into the fingerprint. */
  matched: string;
  message: string;
}

export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A framework preset: how one framework chooses paper or live. Each part is optional; `mentions`
 * is a cheap test on the text so that only files that can matter are parsed.
 */
export interface Preset {
  id: PresetId;
  /** The rule its live findings carry. */
  rule: RuleMeta;
  python?: { mentions: RegExp; check(tree: SyntaxTree, file: SourceFile): PresetHit[] };
  javascript?: { mentions: RegExp; check(js: JsFile, file: SourceFile): PresetHit[] };
  /** Structured config files (JSON, YAML) the framework reads. */
  config?: { applies(path: string): boolean; mentions: RegExp; check(file: SourceFile): PresetHit[] };
  /** Environment variables the framework reads, wherever committed config sets them. */
  env?(a: EnvAssignment, file: string): PresetHit | null;
}
