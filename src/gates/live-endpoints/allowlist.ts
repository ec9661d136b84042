import { compileGlobs } from '../../core/scope.js';
import { isExpired } from '../../core/exceptions.js';
import type { Suppression } from '../../core/finding.js';
import type { AllowlistEntry } from './policy.js';

interface ActiveEntry {
  entry: AllowlistEntry;
  matchPath: (p: string) => boolean;
  matchFile: (p: string) => boolean;
}

/** The live allowlist: entries past expiry are set apart so the gate can report them. */
export class Allowlist {
  private readonly active: ActiveEntry[];
  readonly expired: { entry: AllowlistEntry; index: number }[] = [];

  constructor(entries: AllowlistEntry[], now: Date) {
    this.active = [];
    entries.forEach((entry, index) => {
      if (isExpired(entry.expires, now)) {
        this.expired.push({ entry, index });
        return;
      }
      this.active.push({
        entry,
        matchPath: entry.paths?.length ? compileGlobs(entry.paths) : () => true,
        matchFile: entry.files?.length ? compileGlobs(entry.files) : () => true,
      });
    });
  }

  /** The suppression for a use of `host` at `urlPath` in `file`, if an active entry covers it. */
  match(host: string, urlPath: string, file: string): Suppression | undefined {
    const hit = this.active.find(
      (a) => a.entry.host.toLowerCase() === host && a.matchPath(urlPath || '/') && a.matchFile(file),
    );
    if (!hit) return undefined;
    const { reason, owner, expires } = hit.entry;
    return { kind: 'allowlist', reason, owner, expires };
  }
}

function canonical(e: AllowlistEntry): string {
  return JSON.stringify({
    host: e.host.toLowerCase(),
    paths: [...(e.paths ?? [])].sort(),
    files: [...(e.files ?? [])].sort(),
    reason: e.reason,
    owner: e.owner,
    expires: e.expires,
  });
}

/**
 * Entries that are new or changed since the base. Any change counts, a later expiry too: a renewal
 * extends what is allowed, so it needs the same review as a new entry. Removals need none.
 */
export function changedSince(current: AllowlistEntry[], base: AllowlistEntry[]): { entry: AllowlistEntry; index: number; change: 'added' | 'changed' }[] {
  const before = new Set(base.map(canonical));
  const hostsBefore = new Set(base.map((e) => e.host.toLowerCase()));
  const out: { entry: AllowlistEntry; index: number; change: 'added' | 'changed' }[] = [];
  current.forEach((entry, index) => {
    if (before.has(canonical(entry))) return;
    out.push({ entry, index, change: hostsBefore.has(entry.host.toLowerCase()) ? 'changed' : 'added' });
  });
  return out;
}

/** The allowlist of a policy section read from the base commit, tolerant of its older shape. */
export function allowlistOf(section: unknown): AllowlistEntry[] {
  const list = (section as { allowlist?: unknown } | null)?.allowlist;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is AllowlistEntry => typeof e === 'object' && e !== null && typeof (e as AllowlistEntry).host === 'string');
}
