/**
 * Error classes map one-to-one onto exit codes, so that only the command layer
 * decides how the process ends and an error can never be mistaken for a pass.
 */

export const EXIT = { pass: 0, violations: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad flags, bad paths, bad refs: the caller must change the invocation. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = EXIT.usage;
}

/** The policy (or another config file) is invalid. Exit 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly exitCode = EXIT.usage;
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** A file in scope could not be read or parsed, or a check could not be completed. Exit 3. */
export class ScanError extends Error {
  override name = 'ScanError';
  readonly exitCode = EXIT.internal;
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export function exitCodeOf(err: unknown): ExitCode {
  if (err instanceof UsageError || err instanceof ConfigError) return EXIT.usage;
  return EXIT.internal;
}

export function describeError(err: unknown): string {
  if (err instanceof ConfigError) {
    const where = err.file ? `${err.file}${err.line ? `:${err.line}` : ''}: ` : '';
    return `${where}${err.message}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
