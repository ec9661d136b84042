/** The git questions the tag rules ask: the ref, the raw tag object, other release tags, reachability. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import picomatch from 'picomatch';
import { ScanError } from '../core/errors.js';

const run = promisify(execFile);

export class TagGit {
  constructor(readonly cwd: string) {}

  private async exec(args: string[]): Promise<string> {
    try {
      return (await run('git', args, { cwd: this.cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (err) {
      const e = err as { stderr?: string; message?: string };
      throw new ScanError(`git ${args.join(' ')} failed: ${(e.stderr || e.message || String(err)).trim()}`, this.cwd);
    }
  }

  /** The object the ref points at and its type; null when the tag does not exist. */
  async ref(tag: string): Promise<{ sha: string; type: string } | null> {
    const out = await this.exec(['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)', `refs/tags/${tag}`]);
    const line = out.split('\n').find((l) => l.endsWith(` refs/tags/${tag}`));
    if (!line) return null;
    const [sha = '', type = ''] = line.split(' ');
    return { sha, type };
  }

  async rawObject(sha: string, type: string): Promise<Buffer> {
    try {
      return (await run('git', ['cat-file', type, sha], { cwd: this.cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (err) {
      throw new ScanError(`git cat-file ${type} ${sha} failed: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`, this.cwd);
    }
  }

  /** The commit a ref or object finally points at; null when it peels to no commit. */
  async peel(sha: string): Promise<string | null> {
    try {
      return (await run('git', ['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], { cwd: this.cwd })).stdout.trim() || null;
    } catch {
      return null;
    }
  }

  async tagsMatching(stem: string): Promise<string[]> {
    return (await this.exec(['tag', '--list', `${stem}*`])).split('\n').filter(Boolean);
  }

  /** Local branches and the remote's tracking branches whose short name matches one of `patterns`. */
  async branchesMatching(patterns: string[], remote: string): Promise<{ ref: string; name: string }[]> {
    const isMatch = picomatch(patterns, { dot: true });
    const out = await this.exec(['for-each-ref', '--format=%(refname)', 'refs/heads', `refs/remotes/${remote}`]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((ref) => ({ ref, name: ref.startsWith('refs/heads/') ? ref.slice(11) : ref.slice(`refs/remotes/${remote}/`.length) }))
      .filter((b) => b.name !== 'HEAD' && isMatch(b.name));
  }

  async isAncestor(commit: string, ref: string): Promise<boolean> {
    try {
      await run('git', ['merge-base', '--is-ancestor', commit, ref], { cwd: this.cwd });
      return true;
    } catch (err) {
      if ((err as { code?: unknown }).code === 1) return false;
      throw new ScanError(`git merge-base --is-ancestor ${commit} ${ref} failed: ${String((err as { stderr?: string }).stderr ?? err).trim()}`, this.cwd);
    }
  }

  async fileAt(commit: string, file: string): Promise<string | null> {
    const listed = await this.exec(['ls-tree', '--name-only', commit, '--', file]);
    if (!listed.trim()) return null;
    return this.exec(['show', `${commit}:${file}`]);
  }

  /** What the remote's tag points at (null when it has none). */
  async remoteTag(remote: string, tag: string): Promise<string | null> {
    const out = await this.exec(['ls-remote', '--tags', remote, `refs/tags/${tag}`]);
    const line = out.split('\n').find((l) => l.endsWith(`\trefs/tags/${tag}`));
    return line ? (line.split('\t')[0] ?? null) : null;
  }
}
