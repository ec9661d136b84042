/**
 * Which files are tracked scripts: code files under the script locations, extension-less files
 * there that start with a shebang, and executables with a shebang anywhere outside tests.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ScanError } from '../../core/errors.js';
import type { GitRepo } from '../../core/git.js';
import { extensionOf, type Inventory } from '../../core/inventory.js';
import { compileGlobs } from '../../core/scope.js';
import type { ScriptRiskPolicy } from './policy.js';

export interface TrackedScript {
  path: string;
  why: 'location' | 'executable';
}

/** `git ls-files -s` modes, relative to the scanned root; outside git, the file system's mode bits. */
export async function executablePaths(root: string, git: GitRepo | null, inventory: Inventory): Promise<Set<string>> {
  const out = new Set<string>();
  if (git) {
    const listed = await git.git(['ls-files', '-s', '-z', '--full-name', '--', '.']);
    const strip = git.prefix ? git.prefix.length + 1 : 0;
    for (const rec of listed.split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab === -1) continue;
      if (rec.startsWith('100755 ')) out.add(rec.slice(tab + 1).slice(strip));
    }
    return out;
  }
  for (const f of inventory.files) {
    let mode: number;
    try {
      mode = statSync(path.join(root, f.path)).mode;
    } catch (err) {
      throw new ScanError(`cannot stat ${f.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, f.path);
    }
    // Windows has no execute bit; a checkout there reports none, which is why git's mode is preferred.
    if (mode & 0o111) out.add(f.path);
  }
  return out;
}

export function hasShebang(text: string | null): boolean {
  return text !== null && text.startsWith('#!');
}

export function trackedScripts(policy: ScriptRiskPolicy, inventory: Inventory, executables: Set<string>): TrackedScript[] {
  const located = compileGlobs(policy.scripts.include);
  const excluded = compileGlobs([...policy.scripts.exclude, ...policy.tests]);
  const extensions = new Set(policy.scripts.extensions.map((e) => e.toLowerCase()));
  const out: TrackedScript[] = [];
  for (const { path: p } of inventory.files) {
    if (excluded(p)) continue;
    const ext = extensionOf(p);
    if (located(p) && (extensions.has(ext) || (ext === '' && hasShebang(inventory.text(p))))) {
      out.push({ path: p, why: 'location' });
    } else if (policy.scripts.executables && executables.has(p) && hasShebang(inventory.text(p))) {
      out.push({ path: p, why: 'executable' });
    }
  }
  return out;
}
