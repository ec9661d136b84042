import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import { ScanError } from './errors.js';
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

/** Extensions that are never text: skipped without a read. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd svgz pdf zip gz tgz bz2 xz 7z rar jar war whl egg so dylib dll exe bin o a lib ' +
    'class pyc pyo wasm ttf otf woff woff2 eot mp3 mp4 wav ogg flac mov avi mkv parquet feather arrow h5 hdf5 pkl pickle npy npz ' +
    'db sqlite sqlite3 onnx pt pth ckpt joblib xlsx xls docx doc pptx'
  ).split(' '),
);

/** git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

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
    private readonly tooLarge: number,
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
    let tooLarge = 0;
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
        tooLarge++;
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
    let value: string | null;
    if (BINARY_EXTENSIONS.has(extensionOf(rel))) {
      value = null;
    } else {
      let buf: Buffer;
      try {
        buf = readFileSync(path.join(this.root, rel));
      } catch (err) {
        throw new ScanError(`cannot read ${rel}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, rel);
      }
      value = buf.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? null : buf.toString('utf8');
    }
    if (value === null) this.skippedBinary.add(rel);
    this.cache.set(rel, value);
    return value;
  }

  stats(): InventoryStats {
    return {
      files: this.files.length,
      skipped: { binary: this.skippedBinary.size, tooLarge: this.tooLarge, outsideRepo: this.outsideRepo },
    };
  }
}

export function extensionOf(rel: string): string {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

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
