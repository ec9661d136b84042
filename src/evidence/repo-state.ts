/** The state of the work tree when evidence was collected: branch, HEAD, distance from the base, local changes. */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { GitRepo } from '../core/git.js';

export interface PathState {
  path: string;
  /** ISO time of the last modification; null for a deleted path. */
  mtime: string | null;
}

export interface RepoState {
  branch: string | null;
  head: string | null;
  base: { ref: string; commit: string; ahead: number; behind: number } | null;
  modified: PathState[];
  untracked: PathState[];
}

export async function repoState(git: GitRepo, base: { ref: string; commit: string } | null): Promise<RepoState> {
  const head = await git.head();
  const branchName = (await git.git(['rev-parse', '--abbrev-ref', 'HEAD']).catch(() => '')).trim();
  let baseState: RepoState['base'] = null;
  if (base && head) {
    const counts = (await git.git(['rev-list', '--left-right', '--count', `${base.commit}...${head}`])).trim().split(/\s+/);
    baseState = { ...base, behind: Number(counts[0]), ahead: Number(counts[1]) };
  }
  // Porcelain v1 with -z: "XY path\0", renames add "\0orig"; paths are relative to the top level.
  const status = await git.git(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  const entries = status.split('\0');
  const modified: PathState[] = [];
  const untracked: PathState[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.length < 4) continue;
    const code = e.slice(0, 2);
    const rel = e.slice(3);
    if (code[0] === 'R' || code[0] === 'C') i++; // skip the original path of a rename/copy
    const item = { path: rel, mtime: mtimeOf(path.join(git.topLevel, rel)) };
    (code === '??' ? untracked : modified).push(item);
  }
  const byPath = (a: PathState, b: PathState) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    branch: branchName && branchName !== 'HEAD' ? branchName : null,
    head,
    base: baseState,
    modified: modified.sort(byPath),
    untracked: untracked.sort(byPath),
  };
}

function mtimeOf(abs: string): string | null {
  try {
    return lstatSync(abs).mtime.toISOString();
  } catch {
    return null;
  }
}
