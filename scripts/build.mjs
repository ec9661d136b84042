// Bundles the CLI and the action into dist/ and writes the published JSON Schemas.
// Deterministic: the same sources give the same bytes, so CI can fail on a stale dist/.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --outdir/--schemas let the stale-dist test build elsewhere and compare with what is committed.
const { values: args } = parseArgs({ options: { outdir: { type: 'string' }, schemas: { type: 'string' } } });
const outdir = path.resolve(root, args.outdir ?? 'dist');
const schemasDir = path.resolve(root, args.schemas ?? 'schemas');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  absWorkingDir: root,
  define: { __PAPERGUARD_VERSION__: JSON.stringify(pkg.version) },
  // ESM output still meets CommonJS dependencies that call require().
  banner: { js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // jsonc-parser's `main` is a UMD build whose require('./impl/...') calls esbuild cannot follow.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts', action: 'src/action.ts', 'scan-worker': 'src/gates/live-endpoints/scan-worker.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

// WebAssembly grammars are loaded at run time from dist/wasm: pure wasm, no native addon.
mkdirSync(path.join(outdir, 'wasm'), { recursive: true });
for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) {
  copyFileSync(path.join(root, 'node_modules', file), path.join(outdir, 'wasm', path.basename(file)));
}

// The published policy schema is generated from the same code the engine validates with.
const tmp = mkdtempSync(path.join(tmpdir(), 'paperguard-build-'));
try {
  const out = path.join(tmp, 'emit-schemas.mjs');
  await build({ ...common, entryPoints: ['scripts/emit-schemas.ts'], outfile: out, define: { ...common.define } });
  const { policySchema } = await import(pathToFileURL(out).href);
  mkdirSync(schemasDir, { recursive: true });
  writeFileSync(path.join(schemasDir, 'policy.schema.json'), `${JSON.stringify(policySchema, null, 2)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
