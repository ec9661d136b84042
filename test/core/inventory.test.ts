import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/core/errors.js';
import { GitRepo } from '../../src/core/git.js';
import { Inventory } from '../../src/core/inventory.js';
import { cleanupTempDirs, commitAll, makeRepo, tempDir, writeFiles } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

async function inventoryOf(dir: string, maxFileSize = 1024) {
  return Inventory.build(dir, await GitRepo.open(dir), { maxFileSize });
}

describe('inventory in a git repository', () => {
  it('lists tracked files only, sorted, POSIX', async () => {
    const dir = makeRepo({ 'b.py': 'x', 'src/a.py': 'y', '.env': 'K=v' });
    writeFiles(dir, { 'untracked.py': 'z' });
    const inv = await inventoryOf(dir);
    expect(inv.files.map((f) => f.path)).toEqual(['.env', 'b.py', 'src/a.py']);
  });

  it('lists paths relative to a subdirectory that is scanned', async () => {
    const dir = makeRepo({ 'examples/bot/main.py': 'x', 'other.py': 'y' });
    const inv = await inventoryOf(path.join(dir, 'examples/bot'));
    expect(inv.files.map((f) => f.path)).toEqual(['main.py']);
  });

  it('skips and counts binary and too large files', async () => {
    const dir = makeRepo({ 'a.py': 'ok', 'big.json': 'x'.repeat(5000), 'logo.png': 'not really', 'blob.dat': 'ab\0cd' });
    const inv = await inventoryOf(dir, 1024);
    expect(inv.files.map((f) => f.path)).toEqual(['a.py', 'blob.dat', 'logo.png']);
    expect(inv.text('blob.dat')).toBeNull();
    expect(inv.text('logo.png')).toBeNull();
    expect(inv.text('a.py')).toBe('ok');
    expect(inv.stats()).toEqual({ files: 3, skipped: { binary: 2, tooLarge: 1, outsideRepo: 0 } });
  });

  it('does not follow a symlink out of the repository, and counts it', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.py'), 'URL = "https://api.alpaca.markets"');
    const dir = makeRepo({ 'a.py': 'x', 'inner.py': 'y' }, { commit: false });
    symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'escape.py'));
    symlinkSync('inner.py', path.join(dir, 'alias.py'));
    commitAll(dir, 'links');
    const inv = await inventoryOf(dir);
    expect(inv.files.map((f) => f.path)).toEqual(['a.py', 'alias.py', 'inner.py']);
    expect(inv.stats().skipped.outsideRepo).toBe(1);
  });

  it('leaves out tracked files deleted from the work tree', async () => {
    const dir = makeRepo({ 'a.py': 'x', 'gone.py': 'y' });
    rmSync(path.join(dir, 'gone.py'));
    expect((await inventoryOf(dir)).files.map((f) => f.path)).toEqual(['a.py']);
  });

  it('throws ScanError naming the file when a file cannot be read', async () => {
    if (process.getuid?.() === 0) {
      // As root, permissions do not stop reads; the CLI test runs this case as an unprivileged user.
      const dir = makeRepo({ 'a.py': 'x' });
      const inv = await inventoryOf(dir);
      rmSync(path.join(dir, 'a.py'));
      mkdirSync(path.join(dir, 'a.py')); // replaced by a directory after the listing: EISDIR on read
      expect(() => inv.text('a.py')).toThrowError(/cannot read a\.py: EISDIR/);
      return;
    }
    const dir = makeRepo({ 'a.py': 'x' });
    chmodSync(path.join(dir, 'a.py'), 0o000);
    const inv = await inventoryOf(dir);
    expect(() => inv.text('a.py')).toThrow(ScanError);
  });
});

describe('inventory outside git', () => {
  it('lists every file except what .gitignore files exclude, at any depth', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitignore': 'build/\n*.log\n',
      'src/.gitignore': 'generated.py\n',
      'src/app.py': 'x',
      'src/generated.py': 'y',
      'build/out.py': 'z',
      'run.log': 'l',
      'README.md': 'r',
    });
    const inv = await Inventory.build(dir, null, { maxFileSize: 1024 });
    expect(inv.files.map((f) => f.path)).toEqual(['.gitignore', 'README.md', 'src/.gitignore', 'src/app.py']);
  });
});

describe('GitRepo', () => {
  it('is null outside a repository', async () => {
    expect(await GitRepo.open(tempDir())).toBeNull();
  });
  it('resolves a base ref and rejects a bad one as a usage error', async () => {
    const dir = makeRepo({ 'a.py': 'x' });
    const repo = (await GitRepo.open(dir))!;
    expect(await repo.resolveCommit('main')).toMatch(/^[0-9a-f]{40}$/);
    await expect(repo.resolveCommit('no-such-branch')).rejects.toThrow(/--base no-such-branch: not a commit/);
    await expect(repo.resolveCommit('--output=/tmp/x')).rejects.toThrow(/cannot start with "-"/);
  });
  it('shows a file at a commit, and null for a file absent there', async () => {
    const dir = makeRepo({ 'a.py': 'first' });
    const repo = (await GitRepo.open(dir))!;
    const first = await repo.resolveCommit('HEAD');
    writeFiles(dir, { 'a.py': 'second', 'b.py': 'new' });
    commitAll(dir, 'second');
    expect(await repo.showFile(first, 'a.py')).toBe('first');
    expect(await repo.showFile(first, 'b.py')).toBeNull();
  });
});
