/**
 * Compiling Python files and importing entrypoints in subprocesses: the interpreter the runner uses
 * is the authority on what compiles and imports, not a parser of ours.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScanError } from '../../core/errors.js';
import { NODE_PRELOAD, NODE_RUNNER, PY_COMPILE, PY_IMPORT } from './bootstrap.js';
import { runProcess, tail } from './subprocess.js';

export interface CompileError {
  path: string;
  type: string;
  message: string;
  line: number;
  /** 1-based, in code points (Python's SyntaxError.offset). */
  column: number;
  endLine: number | null;
  endColumn: number | null;
}

export interface CompileResult {
  executable: string;
  version: string;
  errors: CompileError[];
}

/** Generous: compiling is fast (thousands of files a second), so hitting this means something is wrong. */
const COMPILE_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Compiles `files` (repo-relative) with `python` in one process. The child inherits paperguard's
 * environment so that a command name resolves on PATH (a virtualenv, setup-python's interpreter);
 * `-I` then keeps that environment from changing how the interpreter itself behaves.
 */
export async function compilePython(python: string, root: string, files: string[]): Promise<CompileResult> {
  const r = await runProcess(python, ['-I', '-B', '-c', PY_COMPILE], { cwd: root, input: JSON.stringify(files), timeoutMs: COMPILE_TIMEOUT_MS });
  const which = `Python interpreter "${python}" (policy key import-smoke.python)`;
  if (r.spawnError) {
    const why = r.spawnError.code === 'ENOENT' ? 'was not found' : `could not be started (${r.spawnError.code ?? r.spawnError.message})`;
    throw new ScanError(
      `${which} ${why}: ${files.length} Python file(s) in scope cannot be checked without it. Install Python (actions/setup-python in CI) or set import-smoke.python.`,
    );
  }
  if (r.timedOut) throw new ScanError(`${which} did not finish compiling ${files.length} file(s) within ${COMPILE_TIMEOUT_MS / 60000} minutes`);
  let out: CompileResult & { unreadable: { path: string; message: string }[] };
  try {
    if (r.code !== 0) throw new Error('exit');
    out = JSON.parse(r.stdout) as typeof out;
  } catch {
    throw new ScanError(`${which} failed while compiling (exit ${r.code ?? r.signal}): ${tail(r.stderr) || tail(r.stdout) || 'no output'}`);
  }
  if (!/^3\./.test(out.version)) throw new ScanError(`${which} is Python ${out.version}; import-smoke needs Python 3`);
  const unreadable = out.unreadable[0];
  if (unreadable) throw new ScanError(`cannot read ${unreadable.path}: ${unreadable.message}`, unreadable.path);
  return out;
}

export type Outcome =
  | { ok: true }
  | { ok: false; kind: 'network' | 'raised' | 'timeout' | 'exited'; detail: string; frame?: { path: string; line: number } };

interface RawOutcome {
  ok: boolean;
  exception?: string;
  network?: string | null;
  frame?: { path: string; line: number };
}

export interface ImportRun {
  root: string;
  /** A private directory for the runners, result files and the child's HOME; removed by the caller. */
  tmp: string;
  timeoutMs: number;
}

/**
 * Nothing of paperguard's environment reaches the import (no tokens, no PYTHON*, no NODE_OPTIONS):
 * only a PATH that finds the interpreter, a throwaway HOME and a UTF-8 locale. Bytecode is never written.
 */
function minimalEnv(interpreter: string, tmp: string, extra: Record<string, string>): Record<string, string> {
  const dirs = [path.dirname(interpreter), '/usr/local/bin', '/usr/bin', '/bin'];
  return { PATH: [...new Set(dirs)].join(path.delimiter), HOME: tmp, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...extra };
}

let counter = 0;

async function runImport(run: ImportRun, interpreter: string, args: (result: string) => string[], env: Record<string, string>): Promise<Outcome> {
  const result = path.join(run.tmp, `result-${++counter}.json`);
  const r = await runProcess(interpreter, args(result), { cwd: run.root, env, timeoutMs: run.timeoutMs, maxOutput: 64 * 1024 });
  if (r.spawnError) throw new ScanError(`cannot start ${interpreter} to import an entrypoint: ${r.spawnError.message}`);
  let raw: RawOutcome | null = null;
  if (existsSync(result)) {
    try {
      raw = JSON.parse(readFileSync(result, 'utf8')) as RawOutcome;
    } catch {
      raw = null;
    }
  }
  const seconds = run.timeoutMs / 1000;
  if (!raw) {
    if (r.timedOut) {
      return { ok: false, kind: 'timeout', detail: `did not finish within ${seconds} s (timeout): the import hangs or waits on something` };
    }
    const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
    return { ok: false, kind: 'exited', detail: `${how} before the import finished${tail(r.stderr) ? `: ${tail(r.stderr)}` : ''}` };
  }
  const frame = raw.frame ? { frame: raw.frame } : {};
  if (raw.network) {
    // Our own blocking error says nothing new; an error the code raised after catching it does.
    const exc = raw.exception && !raw.exception.includes('paperguard blocks the network') ? `; then ${raw.exception}` : '';
    return { ok: false, kind: 'network', detail: `reached for the network (${raw.network}) with the network blocked${exc}`, ...frame };
  }
  if (!raw.ok) return { ok: false, kind: 'raised', detail: `raised ${raw.exception ?? 'an exception'}`, ...frame };
  return { ok: true };
}

export function importPython(run: ImportRun, executable: string, target: { kind: 'module' | 'script'; name: string }, pythonPath: string[]): Promise<Outcome> {
  return runImport(
    run,
    executable,
    (result) => ['-B', '-E', '-c', PY_IMPORT, result, target.kind, target.name, JSON.stringify(pythonPath)],
    minimalEnv(executable, run.tmp, { PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' }),
  );
}

/** Writes the Node preload and runner once per run directory. */
function nodeRunners(tmp: string): { preload: string; runner: string } {
  const preload = path.join(tmp, 'preload.mjs');
  const runner = path.join(tmp, 'runner.mjs');
  if (!existsSync(runner)) {
    writeFileSync(preload, NODE_PRELOAD);
    writeFileSync(runner, NODE_RUNNER);
  }
  return { preload, runner };
}

export function importNode(run: ImportRun, file: string): Promise<Outcome> {
  const { preload, runner } = nodeRunners(run.tmp);
  const node = process.execPath;
  return runImport(
    run,
    node,
    (result) => ['--import', pathToFileURL(preload).href, runner, path.join(run.root, file), result],
    minimalEnv(node, run.tmp, {}),
  );
}
