import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, PROJECT_ROOT, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const abs = path.join(dir, name);
      return statSync(abs).isDirectory() ? listFiles(abs, `${prefix}${name}/`) : [`${prefix}${name}`];
    })
    .sort();
}

describe('committed build output', () => {
  // One fresh build into a temp dir, compared byte for byte with what is committed.
  const out = tempDir('paperguard-build-');
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', path.join(out, 'dist'), '--schemas', path.join(out, 'schemas')], {
    cwd: PROJECT_ROOT,
    stdio: 'pipe',
  });

  it('dist/ matches a fresh build of the source (run `npm run build` and commit dist/)', () => {
    const fresh = listFiles(path.join(out, 'dist'));
    expect(listFiles(path.join(PROJECT_ROOT, 'dist'))).toEqual(fresh);
    for (const f of fresh) {
      const same = readFileSync(path.join(out, 'dist', f)).equals(readFileSync(path.join(PROJECT_ROOT, 'dist', f)));
      expect(same, `dist/${f} is stale: run npm run build and commit dist/`).toBe(true);
    }
  });

  it('schemas/policy.schema.json matches the schema the engine validates with', () => {
    expect(readFileSync(path.join(PROJECT_ROOT, 'schemas/policy.schema.json'), 'utf8')).toBe(
      readFileSync(path.join(out, 'schemas/policy.schema.json'), 'utf8'),
    );
  });
});
