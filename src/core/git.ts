import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError, ScanError } from './errors.js';

const run = promisify(execFile);

/** Generous: `git ls-files -z` on a monorepo can print many megabytes. */
const MAX_BUFFER = 512 * 1024 * 1024;

/** Read-only access to the git repository that contains the scanned root. */
export class GitRepo {
  private constructor(
    /** Absolute path of the work tree top level. */
    readonly topLevel: string,
    /** The scanned root relative to topLevel, POSIX, '' when they are the same. */
    readonly prefix: string,
    private readonly cwd: string,
  ) {}

  /** The repository containing `dir`, or null when `dir` is not inside a git work tree. */
  static async open(dir: string): Promise<GitRepo | null> {
    try {
      const { stdout } = await run('git', ['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: dir });
      const [top = '', prefix = ''] = stdout.split('\n');
      return new GitRepo(top, prefix.replace(/\/$/, ''), dir);
    } catch (err) {
      if (isNotARepository(err)) return null;
      throw new ScanError(`git rev-parse failed in ${dir}: ${stderrOf(err)}`, dir);
    }
  }

  async git(args: string[]): Promise<string> {
    try {
      const { stdout } = await run('git', args, { cwd: this.cwd, maxBuffer: MAX_BUFFER });
      return stdout;
    } catch (err) {
      throw new ScanError(`git ${args.join(' ')} failed: ${stderrOf(err)}`, this.cwd);
    }
  }

  /** Tracked files under the scanned root, relative to it, minus those deleted from the work tree. */
  async trackedFiles(): Promise<string[]> {
    const [all, deleted] = await Promise.all([
      this.git(['ls-files', '-z', '--cached', '--full-name', '--', '.']),
      this.git(['ls-files', '-z', '--deleted', '--full-name', '--', '.']),
    ]);
    const gone = new Set(splitZ(deleted));
    const strip = this.prefix ? this.prefix.length + 1 : 0;
    // ls-files lists a path once per conflict stage; dedupe keeps the inventory one entry per file.
    return [...new Set(splitZ(all))].filter((p) => !gone.has(p)).map((p) => p.slice(strip));
  }

  async head(): Promise<string | null> {
    try {
      const { stdout } = await run('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: this.cwd });
      return stdout.trim() || null;
    } catch {
      return null; // a repository with no commit yet has no HEAD; the report says commit: null
    }
  }

  /** Resolves a user-given ref to a commit; a ref that does not resolve is a usage error (exit 2). */
  async resolveCommit(ref: string): Promise<string> {
    if (ref.startsWith('-')) throw new UsageError(`--base ${ref}: a ref cannot start with "-"`);
    try {
      const { stdout } = await run('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
        cwd: this.cwd,
      });
      const sha = stdout.trim();
      if (sha) return sha;
    } catch {
      /* fall through to the usage error */
    }
    throw new UsageError(
      `--base ${ref}: not a commit in ${this.topLevel} (in Actions, fetch it first: actions/checkout with fetch-depth: 0)`,
    );
  }

  /** A file's content at a commit, or null when the file does not exist there. `path` is relative to the scanned root. */
  async showFile(commit: string, path: string): Promise<string | null> {
    const full = this.prefix ? `${this.prefix}/${path}` : path;
    const listed = await this.git(['ls-tree', '-z', '--name-only', commit, '--', full]);
    if (!listed) return null;
    return this.git(['show', `${commit}:${full}`]);
  }
}

function splitZ(s: string): string[] {
  return s.split('\0').filter(Boolean);
}

function stderrOf(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(err)).trim();
}

function isNotARepository(err: unknown): boolean {
  return /not a git repository/i.test(stderrOf(err));
}
