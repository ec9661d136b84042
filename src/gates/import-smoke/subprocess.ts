import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  spawnError: NodeJS.ErrnoException | null;
}

export interface RunOptions {
  cwd: string;
  /** Omitted: the child inherits paperguard's environment (needed to find an interpreter on PATH). */
  env?: Record<string, string>;
  input?: string;
  timeoutMs: number;
  /** Output kept per stream; the rest is dropped, so a chatty import cannot exhaust memory. */
  maxOutput?: number;
}

const isWindows = process.platform === 'win32';

/**
 * Runs a command to completion or timeout. The child leads its own process group, and the whole group
 * is killed when it ends or times out, so that whatever an import started (a thread, a daemon, a
 * subprocess) does not outlive the check.
 */
export function runProcess(command: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const max = opts.maxOutput ?? 1 << 20;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, {
      cwd: opts.cwd,
      ...(opts.env ? { env: opts.env } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: !isWindows,
      windowsHide: true,
    });
    const killGroup = () => {
      try {
        if (!isWindows && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone: nothing left to kill.
      }
    };
    let exited = false;
    const timer = setTimeout(() => {
      if (!exited) timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    const finish = (r: Omit<RunResult, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup();
      resolve({ ...r, stdout, stderr, timedOut });
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < max) stdout += d.slice(0, max - stdout.length);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < max) stderr += d.slice(0, max - stderr.length);
    });
    child.on('error', (err: NodeJS.ErrnoException) => finish({ code: null, signal: null, spawnError: err }));
    // Something the child started may still hold its pipes open: end the group once the child itself exits.
    child.on('exit', () => {
      exited = true;
      killGroup();
    });
    child.on('close', (code, signal) => finish({ code, signal, spawnError: null }));
    // A child that exits before reading its input closes the pipe; that is reported by its exit, not here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** The last non-empty lines of a stream, for messages. */
export function tail(text: string, lines = 3): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-lines)
    .join(' | ');
}
