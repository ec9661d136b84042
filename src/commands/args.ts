/** Argument handling every command shares, so that each says a bad invocation the same way (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';

/** Flag errors (unknown flag, missing value) are usage errors, followed by the command's help. */
export function parseFlags<T extends ParseArgsConfig>(config: T, help: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${help}`);
  }
}

/** The subcommand of a command that has several; none, or an unknown one, is a usage error naming the known ones. */
export function subcommand<S extends string>(command: string, sub: string | undefined, known: readonly S[]): S {
  if (sub !== undefined && (known as readonly string[]).includes(sub)) return sub as S;
  const what = sub === undefined ? 'no subcommand given' : `unknown subcommand "${sub}"`;
  throw new UsageError(`${command}: ${what}; use ${known.map((k) => `"paperguard ${command} ${k}"`).join(' or ')}`);
}

export const isHelpFlag = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';
