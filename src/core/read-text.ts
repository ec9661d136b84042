import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ScanError } from './errors.js';

/** Extensions that are never text: skipped without a read. */
export const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd svgz pdf zip gz tgz bz2 xz 7z rar jar war whl egg so dylib dll exe bin o a lib ' +
    'class pyc pyo wasm ttf otf woff woff2 eot mp3 mp4 wav ogg flac mov avi mkv parquet feather arrow h5 hdf5 pkl pickle npy npz ' +
    'db sqlite sqlite3 onnx pt pth ckpt joblib xlsx xls docx doc pptx'
  ).split(' '),
);

/** git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

/**
 * One file's text, or null when it is binary. Throws ScanError when unreadable. Free of the inventory's
 * other dependencies so that scan workers can load it alone.
 */
export function readText(root: string, rel: string): string | null {
  if (BINARY_EXTENSIONS.has(extensionOf(rel))) return null;
  let buf: Buffer;
  try {
    buf = readFileSync(path.join(root, rel));
  } catch (err) {
    throw new ScanError(`cannot read ${rel}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, rel);
  }
  return buf.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? null : buf.toString('utf8');
}

export function extensionOf(rel: string): string {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
