/**
 * Shell: the guard library must be sourced and the guard function called before any other command.
 * Before that point only comments, `set`/`shopt` options, function definitions and variable
 * assignments may appear; an assignment may run only path-resolution commands (`cd`, `dirname`,
 * `pwd`, `realpath`, `readlink`, `basename`) in its substitutions, which is how a script finds the
 * library next to itself.
 */
import picomatch from 'picomatch';
import { lexShell, type ShellOp, type ShellToken, type ShellWord } from './shell-lexer.js';

export interface GuardVerdict {
  ok: boolean;
  line: number;
  message: string;
  /** What was found at the offending line, for the fingerprint. */
  matched: string;
}

const SEPARATORS = new Set(['\n', ';', '&&', '||', '|', '|&', '&', ';;', ';&', ';;&']);
const PATH_COMMANDS = new Set(['cd', 'dirname', 'pwd', 'realpath', 'readlink', 'basename']);
const DECLARATIONS = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_:.-]*$/;

const isOp = (t: ShellToken | undefined, op?: string): t is ShellOp => t?.kind === 'op' && (op === undefined || t.op === op);
const isWord = (t: ShellToken | undefined, value?: string): t is ShellWord =>
  t?.kind === 'word' && (value === undefined || (t.raw === value && t.value === value));

/** Throws ShellSyntaxError when the script does not lex (unterminated quote or heredoc). */
export function checkShellGuard(text: string, guard: { source: string; function: string }): GuardVerdict {
  const tokens = lexShell(text);
  const sourceLines = text.split(/\r?\n/);
  const libraryMatches = picomatch(guard.source, { dot: true, basename: true });
  let sourced: string | null = null;
  let i = 0;
  const next = () => {
    while (isOp(tokens[i]) && SEPARATORS.has((tokens[i] as ShellOp).op)) i++;
  };

  for (next(); i < tokens.length; next()) {
    const fnEnd = functionDefinitionEnd(tokens, i);
    if (fnEnd !== null) {
      i = fnEnd;
      continue;
    }
    const start = tokens[i] as ShellToken;
    const words: ShellWord[] = [];
    let hasRedirect = false;
    while (i < tokens.length && !(isOp(tokens[i]) && SEPARATORS.has((tokens[i] as ShellOp).op))) {
      const t = tokens[i] as ShellToken;
      if (t.kind === 'word') words.push(t);
      else hasRedirect = true;
      i++;
    }
    const line = start.line;
    const first = words[0];
    // The source line as written: redirections and quoting included, one line only.
    const shown = (sourceLines[line - 1] ?? '').trim().slice(0, 80);
    const offend = (why: string): GuardVerdict => ({ ok: false, line, message: why, matched: shown });

    if (!first || start.kind === 'op' || hasRedirect) return offend(`\`${shown || (start as ShellOp).op}\` runs before the exec guard`);
    if (first.value === guard.function && first.raw === guard.function) {
      if (sourced) return { ok: true, line, message: '', matched: shown };
      return offend(`\`${guard.function}\` is called before the guard library (${guard.source}) is sourced`);
    }
    if (first.raw === 'source' || first.raw === '.') {
      const target = words[1];
      const base = target?.value.split('/').pop() ?? '';
      if (target && (libraryMatches(target.value) || libraryMatches(base)) && words.every((w) => safeSubs(w))) {
        sourced = target.value;
        continue;
      }
      return offend(`\`${shown}\` sources something other than the guard library before the exec guard`);
    }
    if (first.raw === 'set' && words.slice(1).every((w) => /^[-+][a-zA-Z]+$/.test(w.raw) || /^[a-z]+$/.test(w.raw))) continue;
    if (first.raw === 'shopt' && words.slice(1).every((w) => /^-[a-zA-Z]+$/.test(w.raw) || /^[a-z_]+$/.test(w.raw))) continue;
    const declaration = DECLARATIONS.has(first.raw);
    const rest = declaration ? words.slice(1) : words;
    const onlyAssignments = rest.every((w) => ASSIGNMENT.test(w.raw) || (declaration && (/^[-+][a-zA-Z]+$/.test(w.raw) || NAME.test(w.raw))));
    if (onlyAssignments && (declaration || rest.length > 0)) {
      if (words.every((w) => safeSubs(w))) continue;
      return offend(`\`${shown}\` runs a command in a substitution before the exec guard`);
    }
    return offend(`\`${shown}\` runs before the exec guard`);
  }
  const missing = sourced ? `calls \`${guard.function}\`` : `sources ${guard.source} and calls \`${guard.function}\``;
  return { ok: false, line: 1, message: `the script never ${missing} before its other commands`, matched: 'no guard' };
}

/** Only path-resolution commands, all the way down. */
function safeSubs(word: ShellWord): boolean {
  return word.subs.every((sub) => {
    const tokens = lexShell(sub, word.line);
    let atStart = true;
    for (const t of tokens) {
      if (t.kind === 'op') {
        atStart = SEPARATORS.has(t.op);
        if (!atStart && t.op !== '<' && t.op !== '>' && t.op !== '>&' && t.op !== '&>') return false;
        continue;
      }
      if (atStart && !PATH_COMMANDS.has(t.value)) return false;
      atStart = false;
      if (!safeSubs(t)) return false;
    }
    return true;
  });
}

/** If a function definition starts at `i`, the index just past its body; otherwise null. */
function functionDefinitionEnd(tokens: ShellToken[], i: number): number | null {
  let j = i;
  const t = tokens[j];
  if (isWord(t, 'function') && isWord(tokens[j + 1]) && NAME.test((tokens[j + 1] as ShellWord).raw)) {
    j += 2;
    if (isOp(tokens[j], '(') && isOp(tokens[j + 1], ')')) j += 2;
  } else if (isWord(t) && NAME.test(t.raw) && isOp(tokens[j + 1], '(') && isOp(tokens[j + 2], ')')) {
    j += 3;
  } else {
    return null;
  }
  while (isOp(tokens[j], '\n')) j++;
  if (isWord(tokens[j], '{')) return matchingEnd(tokens, j, (x) => isWord(x, '{'), (x) => isWord(x, '}'));
  if (isOp(tokens[j], '(')) return matchingEnd(tokens, j, (x) => isOp(x, '('), (x) => isOp(x, ')'));
  return null;
}

function matchingEnd(tokens: ShellToken[], open: number, isOpen: (t: ShellToken) => boolean, isClose: (t: ShellToken) => boolean): number | null {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j] as ShellToken;
    if (isOpen(t)) depth++;
    else if (isClose(t) && --depth === 0) return j + 1;
  }
  return null;
}
