import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RawFinding } from '../../core/finding.js';
import { extensionOf } from '../../core/inventory.js';
import { withPythonTree } from '../../core/python.js';
import { compileGlobs, compileScope } from '../../core/scope.js';
import type { Gate, GateContext, GateResult } from '../types.js';
import { compilePython, importNode, importPython, type CompileError, type ImportRun, type Outcome } from './entrypoints.js';
import { JS_EXTENSIONS, jsParseError } from './js-parse.js';
import { policySchema, type ImportSmokePolicy } from './policy.js';
import { hasMainBlock, relativeImports, sysPathMutations } from './python-static.js';
import { GATE_ID, RULES } from './rules.js';

/** Gate A: every Python/TS/JS file compiles; declared entrypoints import with the network blocked; no sys.path mutation. */
export const importSmokeGate: Gate<ImportSmokePolicy> = {
  id: GATE_ID,
  title: 'Import smoke',
  docs: 'docs/rules/import-smoke.md',
  rules: Object.values(RULES),
  policySchema,
  run: runImportSmoke,
};

async function runImportSmoke(ctx: GateContext<ImportSmokePolicy>): Promise<GateResult> {
  const policy = ctx.policy;
  const inScope = compileScope(policy.scope);
  const nonRuntime = compileGlobs(policy.non_runtime);
  const scoped = ctx.inventory.files.map((f) => f.path).filter(inScope);
  const pyFiles = scoped.filter((p) => extensionOf(p) === 'py');
  const jsFiles = scoped.filter((p) => JS_EXTENSIONS.has(extensionOf(p)));
  const { python: pyEntries, node: nodeEntries } = policy.entrypoints;
  const findings: RawFinding[] = [];
  const summary: string[] = [];
  let rulesRun = 0;

  let executable: string | null = null;
  if (pyFiles.length > 0 || pyEntries.length > 0) {
    const compiled = await compilePython(policy.python, ctx.root, pyFiles);
    executable = compiled.executable;
    summary.push(`Python ${compiled.version} (${compiled.executable}): ${pyFiles.length} file(s) compiled, ${compiled.errors.length} failed.`);
    findings.push(...compiled.errors.map((e) => syntaxFinding(ctx, e, compiled.version)));
    const broken = new Set(compiled.errors.map((e) => e.path));
    const scripts = new Set(pyEntries.filter((e) => e.endsWith('.py')));
    for (const file of pyFiles) {
      if (broken.has(file) || nonRuntime(file)) continue;
      findings.push(...(await staticFindings(ctx, file, scripts.has(file))));
    }
    rulesRun += pyFiles.length > 0 ? 3 : 0;
  }

  for (const file of jsFiles) {
    const text = ctx.inventory.text(file);
    const problem = text === null ? { line: 1, column: 1, message: 'the file holds NUL bytes: it is not source text' } : jsParseError(file, text);
    if (!problem) continue;
    findings.push({
      rule: RULES.jsParse.id,
      severity: 'error',
      path: file,
      line: problem.line,
      column: problem.column,
      matched: problem.message,
      message: `${file} does not parse: ${problem.message}.`,
      help: RULES.jsParse.help,
    });
  }
  if (jsFiles.length > 0) rulesRun++;

  if (pyEntries.length > 0 || nodeEntries.length > 0) {
    const tmp = mkdtempSync(path.join(tmpdir(), 'paperguard-import-smoke-'));
    try {
      const run: ImportRun = { root: ctx.root, tmp, timeoutMs: policy.timeout_seconds * 1000 };
      for (const [i, entry] of pyEntries.entries()) {
        const kind = entry.endsWith('.py') ? 'script' : 'module';
        const outcome = kind === 'script' && !existsSync(path.join(ctx.root, entry))
          ? missing(entry)
          : await importPython(run, executable as string, { kind, name: entry }, policy.python_path);
        const f = entrypointFinding(ctx, outcome, RULES.entrypointImport, entry, kind === 'script' ? entry : moduleFile(ctx, entry, policy.python_path), ['python', i]);
        if (f) findings.push(f);
      }
      for (const [i, entry] of nodeEntries.entries()) {
        const outcome = existsSync(path.join(ctx.root, entry)) ? await importNode(run, entry) : missing(entry);
        const f = entrypointFinding(ctx, outcome, RULES.nodeEntrypointImport, entry, ctx.inventory.has(entry) ? entry : null, ['node', i]);
        if (f) findings.push(f);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    summary.push(`Entrypoints imported with the network blocked: ${pyEntries.length} Python, ${nodeEntries.length} Node (timeout ${policy.timeout_seconds} s).`);
    rulesRun += (pyEntries.length > 0 ? 1 : 0) + (nodeEntries.length > 0 ? 1 : 0);
  }

  return {
    findings,
    stats: {
      filesScanned: pyFiles.length + jsFiles.length,
      rulesRun,
      pythonFiles: pyFiles.length,
      jsFiles: jsFiles.length,
      entrypoints: pyEntries.length + nodeEntries.length,
    },
    summary,
  };
}

function syntaxFinding(ctx: GateContext<ImportSmokePolicy>, e: CompileError, version: string): RawFinding {
  const text = ctx.inventory.text(e.path);
  const lineText = text?.split(/\r\n|\r|\n/)[e.line - 1] ?? '';
  return {
    rule: RULES.pythonSyntax.id,
    severity: 'error',
    path: e.path,
    line: e.line,
    column: utf16Column(lineText, e.column),
    ...(e.endLine && e.endColumn && e.endLine >= e.line ? { endLine: e.endLine } : {}),
    // Not the line text: a fix elsewhere in the line must not look like a new finding.
    matched: `${e.type}: ${e.message}`,
    message: `${e.type}: ${e.message} (does not compile with Python ${version}).`,
    help: RULES.pythonSyntax.help,
  };
}

/** Python counts columns in code points; findings count UTF-16 units like editors and SARIF. */
export function utf16Column(lineText: string, codePointColumn: number): number {
  return Array.from(lineText).slice(0, Math.max(0, codePointColumn - 1)).join('').length + 1;
}

/** Cheap text tests first: most files neither touch sys.path nor import relatively. */
async function staticFindings(ctx: GateContext<ImportSmokePolicy>, file: string, declaredScript: boolean): Promise<RawFinding[]> {
  const text = ctx.inventory.text(file);
  if (text === null) return [];
  const maybeSysPath = /\b(?:sys|site)\b/.test(text);
  const maybeRelative = /\bfrom\s+\./.test(text) && (declaredScript || text.includes('__main__'));
  if (!maybeSysPath && !maybeRelative) return [];
  return withPythonTree(file, text, (tree) => {
    const out: RawFinding[] = [];
    if (maybeSysPath) {
      for (const m of sysPathMutations(tree.rootNode)) {
        out.push({
          rule: RULES.sysPath.id,
          severity: 'error',
          path: file,
          line: m.line,
          column: m.column,
          endLine: m.endLine,
          endColumn: m.endColumn,
          matched: m.text,
          message: `${m.how} in runtime code: \`${m.text}\` makes imports depend on where the process started.`,
          help: RULES.sysPath.help,
        });
      }
    }
    if (maybeRelative) {
      const why = declaredScript
        ? 'a declared script entrypoint'
        : hasMainBlock(tree.rootNode) && !inPackage(ctx, file)
          ? 'a script (it has an `if __name__ == "__main__":` block and no __init__.py beside it)'
          : null;
      if (why) {
        for (const m of relativeImports(tree.rootNode)) {
          out.push({
            rule: RULES.relativeInScript.id,
            severity: 'error',
            path: file,
            line: m.line,
            column: m.column,
            endLine: m.endLine,
            endColumn: m.endColumn,
            matched: m.text,
            message: `Relative import \`${m.text}\` in ${why}: run as a script it fails with "attempted relative import with no known parent package".`,
            help: RULES.relativeInScript.help,
          });
        }
      }
    }
    return out;
  });
}

function inPackage(ctx: GateContext<ImportSmokePolicy>, file: string): boolean {
  const dir = path.posix.dirname(file);
  return ctx.inventory.has(dir === '.' ? '__init__.py' : `${dir}/__init__.py`);
}

/** Where a dotted module lives in the repository, if it does: the finding points there. */
function moduleFile(ctx: GateContext<ImportSmokePolicy>, module: string, pythonPath: string[]): string | null {
  const rel = module.split('.').join('/');
  for (const dir of [...pythonPath.map((d) => d.replace(/\/+$/, '')), '']) {
    for (const candidate of [`${rel}.py`, `${rel}/__init__.py`]) {
      const p = dir ? `${dir}/${candidate}` : candidate;
      if (ctx.inventory.has(p)) return p;
    }
  }
  return null;
}

function missing(entry: string): Outcome {
  return { ok: false, kind: 'exited', detail: `cannot be imported: ${entry} does not exist (build or commit it before the check)` };
}

function entrypointFinding(
  ctx: GateContext<ImportSmokePolicy>,
  outcome: Outcome,
  rule: (typeof RULES)['entrypointImport'] | (typeof RULES)['nodeEntrypointImport'],
  entry: string,
  file: string | null,
  key: ['python' | 'node', number],
): RawFinding | null {
  if (outcome.ok) return null;
  const where = outcome.frame ?? (file ? { path: file, line: 1 } : ctx.policyLocation([GATE_ID, 'entrypoints', ...key]));
  const lang = key[0] === 'python' ? 'Python' : 'Node';
  return {
    rule: rule.id,
    severity: 'error',
    path: where.path,
    line: where.line,
    column: 1,
    // The entry and what kind of failure: the exception text may carry addresses or ids that change.
    matched: `${entry}: ${outcome.kind}`,
    message: `${lang} entrypoint ${entry} ${outcome.detail}.`,
    help: rule.help,
  };
}
