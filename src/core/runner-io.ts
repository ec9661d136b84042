/**
 * Our own small layer over the GitHub Actions runner protocol (inputs, output
 * file, step summary, annotation commands).
 *
 * Why not `@actions/core`: when `GITHUB_OUTPUT` is unset, `core.setOutput` falls
 * back to printing `::set-output` on stdout, so a CLI that shares code with the
 * action could emit workflow commands by accident. Here every function takes the
 * environment explicitly and fails loudly instead of falling back. Only
 * `src/action.ts` may use this module.
 *
 * Protocol details follow actions/runner: ActionCommand.cs (command parsing and
 * unescaping), FileCommandManager.cs (env-file heredocs, the 1 MiB summary limit)
 * and ExecutionContext.cs (4096-character messages, 10 annotations per type and step).
 */
import { appendFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

export type Env = Readonly<Record<string, string | undefined>>;

export type AnnotationLevel = 'error' | 'warning' | 'notice';
/** `debug` shares the command syntax but is not an annotation: it is shown only with step debug logging on. */
export type CommandLevel = AnnotationLevel | 'debug';

export interface AnnotationProps {
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

/** The runner truncates annotation messages (after unescaping) to this many characters. */
export const MAX_ANNOTATION_MESSAGE = 4096;

/** The runner refuses to upload a step summary file larger than this (bytes). */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads an action input. The runner names node-action inputs `INPUT_<NAME>` with
 * spaces as `_`, upper-cased and hyphens kept (`INPUT_SARIF-FILE`). Composite
 * actions pass inputs through their own `env:` map, where we spell keys with
 * underscores (`INPUT_SARIF_FILE`) because a hyphenated name is not a valid shell
 * variable and may not survive bash. The runner's spelling wins when both exist.
 */
export function getInput(name: string, env: Env): string {
  const runnerKey = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const compositeKey = runnerKey.replace(/-/g, '_');
  const value = env[runnerKey] ?? env[compositeKey] ?? '';
  return value.trim();
}

// A name the runner's env-file parser reads back unambiguously: no `=`, no `<<`, no newline.
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A heredoc delimiter shaped like @actions/core's, unguessable by the value's author. */
export function newDelimiter(): string {
  return `ghadelimiter_${randomUUID()}`;
}

/**
 * The `GITHUB_OUTPUT` record for one output, in heredoc form so that values may
 * hold newlines and `=`. Refuses a value containing the delimiter: such a value
 * could end the heredoc early and smuggle in further outputs.
 */
export function formatOutput(name: string, value: string, delimiter: string): string {
  if (!OUTPUT_NAME.test(name)) throw new Error(`Invalid output name: ${JSON.stringify(name)}`);
  if (!delimiter || /[\r\n]/.test(delimiter)) throw new Error('Invalid heredoc delimiter');
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Output ${name}: value contains the heredoc delimiter; refusing to write it`);
  }
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Appends one output to the file named by `GITHUB_OUTPUT`; never falls back to `::set-output`. */
export function setOutput(name: string, value: string, env: Env, delimiter: string = newDelimiter()): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    throw new Error(`Cannot set output ${name}: GITHUB_OUTPUT is not set (not running inside a GitHub Actions step?)`);
  }
  appendFileSync(file, formatOutput(name, value, delimiter), { encoding: 'utf8' });
}

export interface FittedSummary {
  text: string;
  truncated: boolean;
}

/** Index just past the last UTF-8 character boundary at or before `max`. */
function utf8Boundary(buf: Buffer, max: number): number {
  let end = Math.min(max, buf.length);
  // A continuation byte (10xxxxxx) at `end` means we would split a character.
  while (end > 0 && end < buf.length && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return end;
}

/**
 * What of `markdown` fits when `usedBytes` of the summary file are already taken.
 * Over the limit the runner drops the whole summary, so we cut at a line boundary
 * and say so, rather than lose everything.
 */
export function fitSummary(markdown: string, usedBytes: number, limit: number = SUMMARY_LIMIT_BYTES): FittedSummary {
  const budget = limit - usedBytes;
  const buf = Buffer.from(markdown, 'utf8');
  if (buf.length <= budget) return { text: markdown, truncated: false };

  const notice = (omitted: number): string =>
    `\n\n> **paperguard: summary truncated** (${omitted} bytes omitted to stay under the runner's 1 MiB step-summary limit); the JSON report and SARIF file hold every finding.\n`;
  // Size the notice for the worst case so the result is guaranteed to fit.
  const reserve = Buffer.byteLength(notice(buf.length), 'utf8');
  if (budget < reserve) return { text: '', truncated: true };

  let end = utf8Boundary(buf, budget - reserve);
  // Prefer to end on a whole line (a half table row renders as garbage), unless
  // that would throw away a lot more than the limit requires.
  if (end > 0) {
    const lastNewline = buf.lastIndexOf(0x0a, end - 1);
    if (lastNewline >= 0 && end - lastNewline <= 64 * 1024) end = lastNewline + 1;
  }
  const kept = buf.subarray(0, end).toString('utf8');
  return { text: kept + notice(buf.length - end), truncated: true };
}

/** Appends Markdown to `GITHUB_STEP_SUMMARY`, keeping the file under the runner's 1 MiB limit. */
export function appendSummary(markdown: string, env: Env): FittedSummary {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error('Cannot write the job summary: GITHUB_STEP_SUMMARY is not set');
  let used = 0;
  try {
    used = statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const fitted = fitSummary(markdown, used);
  if (fitted.text) appendFileSync(file, fitted.text, { encoding: 'utf8' });
  return fitted;
}

/** Command data: the runner unescapes `%0D`, `%0A`, then `%25`, so `%` must be escaped first. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape `:` (ends the property list) and `,` (separates properties). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function truncateMessage(message: string): string {
  if (message.length <= MAX_ANNOTATION_MESSAGE) return message;
  // Do not leave half a surrogate pair at the cut.
  let cut = MAX_ANNOTATION_MESSAGE - 1;
  const last = message.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${message.slice(0, cut)}…`;
}

const isPositiveInt = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n > 0;

/**
 * One annotation command line (without the trailing newline). Line and column
 * values that are not positive integers are left out: the runner and the checks
 * API would reject or misplace them, and a file-level annotation is still useful.
 * For `debug` the properties are dropped, as the runner would ignore them.
 */
export function annotation(level: CommandLevel, message: string, props: AnnotationProps = {}): string {
  if (level === 'debug') return `::debug::${escapeData(truncateMessage(message))}`;
  const parts: string[] = [];
  if (props.file) parts.push(`file=${escapeProperty(props.file)}`);
  const numeric: Array<[string, number | undefined]> = [
    ['line', props.line],
    ['col', props.col],
    ['endLine', props.endLine],
    ['endColumn', props.endColumn],
  ];
  for (const [key, n] of numeric) if (isPositiveInt(n)) parts.push(`${key}=${n}`);
  if (props.title) parts.push(`title=${escapeProperty(props.title)}`);
  const properties = parts.length > 0 ? ` ${parts.join(',')}` : '';
  return `::${level}${properties}::${escapeData(truncateMessage(message))}`;
}
