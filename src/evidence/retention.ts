/** Retention classes: which class a run's evidence belongs to, and until when it must be kept. */
import type { RetentionClass, RetentionWindow } from './policy.js';

export interface RunIdentity {
  event: string | null;
  ref: string | null;
}

/**
 * Tags are releases; pushes to a main branch are `main`; everything else (pull requests, other
 * branches, local runs) is the short `pull_request` class. `break_glass` is never inferred: only
 * the break-glass action asks for it.
 */
export function classify(run: RunIdentity, mainBranches: readonly string[]): RetentionClass {
  const ref = run.ref ?? '';
  if (ref.startsWith('refs/tags/')) return 'release_tag';
  if (run.event === 'pull_request' || run.event === 'pull_request_target') return 'pull_request';
  if (ref.startsWith('refs/heads/') && mainBranches.includes(ref.slice('refs/heads/'.length))) return 'main';
  return 'pull_request';
}

/** `from` plus the window, to the whole second (S3 keeps retain-until dates to the second). */
export function retainUntil(from: Date, window: RetentionWindow): Date {
  const d = new Date(Math.ceil(from.getTime() / 1000) * 1000);
  if ('days' in window) d.setUTCDate(d.getUTCDate() + window.days);
  else d.setUTCFullYear(d.getUTCFullYear() + window.years);
  return d;
}

/** Whole days from `from` until `until`, rounded up: what a retention-days setting must allow. */
export function daysNeeded(from: Date, until: Date): number {
  return Math.ceil((until.getTime() - from.getTime()) / 86_400_000);
}

export function describeWindow(w: RetentionWindow): string {
  return 'days' in w ? `${w.days} days` : `${w.years} years`;
}

/** ISO 8601 without milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
