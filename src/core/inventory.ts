import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import { ScanError } from './errors.js';
import { extensionOf, readText } from './read-text.js';
import type { GitRepo } from './git.js';
import type { InventoryStats } from './report.js';

export interface InventoryOptions {
  maxFileSize: number;
}

export interface FileEntry {
  /** Repo-relative POSIX path. */
  path: string;
  size: number;
}

/**
 * The files of one run, listed once and read at most once each, shared by every gate.
 * Paths never leave the root: a symlink whose target lies outside is skipped and counted.
 */
export class Inventory {
  private readonly cache = new Map<string, string | null>();
  private readonly skippedBinary = new Set<string>();
  private readonly paths: Set<string>;

  private constructor(
    readonly root: string,
    /** Readable, in-size, inside-the-root files, sorted. */
    readonly files: FileEntry[],
    /** Files left out for their size: a gate that must prove something over every file in scope asks for these. */
    readonly tooLarge: readonly FileEntry[],
    private readonly outsideRepo: number,
  ) {
    this.paths = new Set(files.map((f) => f.path));
  }

  has(rel: string): boolean {
    return this.paths.has(rel);
  }

  static async build(root: string, git: GitRepo | null, opts: InventoryOptions): Promise<Inventory> {
    const realRoot = realpathSync(root);
    const listed = git ? await git.trackedFiles() : await listWithGitignore(realRoot);
    const files: FileEntry[] = [];
    const tooLarge: FileEntry[] = [];
    let outsideRepo = 0;
    for (const rel of listed.sort()) {
      const abs = path.join(realRoot, rel);
      let st;
      try {
        st = lstatSync(abs);
        if (st.isSymbolicLink()) {
          const target = realpathSync(abs);
          if (!isInside(realRoot, target)) {
            outsideRepo++;
            continue;
          }
          st = statSync(target);
        }
      } catch (err) {
        // A dangling link or a path that vanished between the listing and now: a file we cannot vouch for.
        throw new ScanError(`cannot stat ${rel}: ${(err as Error).message}`, rel);
      }
      if (st.isDirectory()) continue; // a submodule (gitlink) is listed as a path but is not ours to scan
      if (st.size > opts.maxFileSize) {
        tooLarge.push({ path: rel, size: st.size });
        continue;
      }
      files.push({ path: rel, size: st.size });
    }
    return new Inventory(realRoot, files, tooLarge, outsideRepo);
  }

  /** The file's text, or null when it is binary (counted in stats). Throws ScanError when unreadable. */
  text(rel: string): string | null {
    const cached = this.cache.get(rel);
    if (cached !== undefined) return cached;
    const value = readText(this.root, rel);
    if (value === null) this.skippedBinary.add(rel);
    this.cache.set(rel, value);
    return value;
  }

  /**
   * Records a read done elsewhere (a scan worker), as `text` would have: binary files count in the stats.
   * A text is kept only when asked (files with findings); others are read again if a gate asks for them.
   */
  noteRead(rel: string, read: { binary: boolean; text?: string }): void {
    if (read.binary) {
      this.skippedBinary.add(rel);
      this.cache.set(rel, null);
    } else if (read.text !== undefined) {
      this.cache.set(rel, read.text);
    }
  }

  stats(): InventoryStats {
    return {
      files: this.files.length,
      skipped: { binary: this.skippedBinary.size, tooLarge: this.tooLarge.length, outsideRepo: this.outsideRepo },
    };
  }
}

export { extensionOf };

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Outside git: every file under the root, minus what .gitignore files (at any depth) exclude. */
async function listWithGitignore(root: string): Promise<string[]> {
  const all = await fg('**/*', { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/.git/**'] });
  const ignoreFiles = all.filter((p) => p === '.gitignore' || p.endsWith('/.gitignore')).sort((a, b) => a.length - b.length);
  if (ignoreFiles.length === 0) return all;
  const rules = ignoreFiles.map((file) => {
    const dir = file === '.gitignore' ? '' : file.slice(0, -'/.gitignore'.length);
    return { dir, matcher: ignore().add(readFileSync(path.join(root, file), 'utf8')) };
  });
  return all.filter((p) =>
    !rules.some(({ dir, matcher }) => {
      if (dir && !p.startsWith(`${dir}/`)) return false;
      const rel = dir ? p.slice(dir.length + 1) : p;
      // A pattern may exclude a parent directory; check each ancestor like git does.
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) if (matcher.ignores(`${parts.slice(0, i).join('/')}/`)) return true;
      return matcher.ignores(rel);
    }),
  );
}
