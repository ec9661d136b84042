/**
 * The runner's side of the protocol, ported from actions/runner so that tests
 * read our output the way the runner will: ActionCommand.TryParseV2 / TryParse
 * (src/Runner.Common/ActionCommand.cs) and EnvFileKeyValuePairs
 * (src/Runner.Worker/FileCommandManager.cs). Deliberately not built on our own
 * escaping code: a shared bug would cancel out.
 */

/** Commands the runner registers (case-insensitive), plus the stop-commands keyword. */
export const REGISTERED_COMMANDS = new Set([
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
]);

export interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

const unescape = (s: string, map: Array<[string, string]>): string =>
  map.reduce((acc, [token, replacement]) => acc.split(replacement).join(token), s);

// Order matters: the runner replaces in this order, `%25` last.
const DATA_MAP: Array<[string, string]> = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25'],
];
const PROPERTY_MAP: Array<[string, string]> = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25'],
];
const LEGACY_MAP: Array<[string, string]> = [
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25'],
];

function isRegistered(name: string): boolean {
  return REGISTERED_COMMANDS.has(name.toLowerCase());
}

function parseV2(input: string): ParsedCommand | null {
  const message = input.trimStart();
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!isRegistered(command)) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const prop of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const eq = prop.indexOf('=');
      if (eq > 0 && eq < prop.length - 1) properties[prop.slice(0, eq)] = unescape(prop.slice(eq + 1), PROPERTY_MAP);
    }
  }
  return { command, properties, data: unescape(message.slice(end + 2), DATA_MAP) };
}

/** The legacy `##[command k=v;]data` form, matched anywhere in the line. */
function parseLegacy(input: string): ParsedCommand | null {
  const start = input.indexOf('##[');
  if (start < 0) return null;
  const rb = input.indexOf(']', start);
  if (rb < 0) return null;
  const info = input.slice(start + 3, rb);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!isRegistered(command)) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const prop of info.slice(space + 1).split(';').filter(Boolean)) {
      const eq = prop.indexOf('=');
      if (eq > 0 && eq < prop.length - 1) properties[prop.slice(0, eq)] = unescape(prop.slice(eq + 1), LEGACY_MAP);
    }
  }
  return { command, properties, data: unescape(input.slice(rb + 1), LEGACY_MAP) };
}

/** What the runner does with one line of stdout: a command, or null for plain log text. */
export function parseCommandLine(line: string): ParsedCommand | null {
  return parseV2(line) ?? parseLegacy(line);
}

/** Splits stdout into lines the way the runner's output reader does (LF, with an optional CR). */
export function stdoutLines(stdout: string): string[] {
  return stdout.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Reads a GITHUB_OUTPUT / GITHUB_ENV file as the runner does; throws where the
 * runner would. Only the Windows runner treats CRLF as a line end.
 */
export function parseEnvFile(text: string, os: 'linux' | 'windows' = 'linux'): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  let index = 0;
  const readLine = (): { line: string; newline: string | null } | null => {
    if (index >= text.length) return null;
    const lf = text.indexOf('\n', index);
    if (lf < 0) {
      const line = text.slice(index);
      index = text.length;
      return { line, newline: null };
    }
    const crlf = os === 'windows' && lf > index && text[lf - 1] === '\r';
    const line = text.slice(index, crlf ? lf - 1 : lf);
    index = lf + 1;
    return { line, newline: crlf ? '\r\n' : '\n' };
  };

  for (let cur = readLine(); cur; cur = readLine()) {
    const line = cur.line;
    if (!line) continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      result.push([line.slice(0, eq), line.slice(eq + 1)]);
    } else if (heredoc >= 0) {
      const key = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (!key || !delimiter) throw new Error(`Invalid format '${line}'`);
      const start = index;
      let end = index;
      let next = readLine();
      while (next?.line !== delimiter) {
        if (!next) throw new Error(`Matching delimiter not found '${delimiter}'`);
        if (next.newline === null) throw new Error('EOF marker missing new line');
        end = index - next.newline.length;
        next = readLine();
      }
      result.push([key, end > start ? text.slice(start, end) : '']);
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return result;
}
