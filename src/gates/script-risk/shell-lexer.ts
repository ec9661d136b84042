/**
 * A small POSIX-shell lexer: enough structure to tell commands apart line by line. It knows quotes
 * ('…', "…", $'…'), escapes, comments, line continuations, command and arithmetic substitutions,
 * ${…} expansions, backticks and heredocs, so that none of those is mistaken for a command.
 */

export interface ShellWord {
  kind: 'word';
  /** As written. */
  raw: string;
  /** With top-level quotes and escapes removed; substitutions kept as written. */
  value: string;
  /** Bodies of $(…) and `…` substitutions in this word, to be lexed in turn. */
  subs: string[];
  line: number;
}

export interface ShellOp {
  kind: 'op';
  op: string;
  line: number;
}

export type ShellToken = ShellWord | ShellOp;

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OP_CHARS = new Set([';', '&', '|', '(', ')', '<', '>']);
const OPERATORS = [';;&', ';;', ';&', '&&', '||', '|&', '<<<', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '&>', ';', '&', '|', '(', ')', '<', '>'];

/** Tokens of `text`; newlines are `op` tokens ("\n") because they end commands. Throws ShellSyntaxError. */
export function lexShell(text: string, firstLine = 1): ShellToken[] {
  const tokens: ShellToken[] = [];
  const heredocs: { delim: string; strip: boolean; line: number }[] = [];
  let i = 0;
  let line = firstLine;
  let expectHeredocWord: { strip: boolean } | null = null;

  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';

  /** Index just past the closing `close` of a nested construct opened before `start`. */
  const skipNested = (start: number, open: string, close: string, startLine: number): number => {
    let depth = 1;
    let j = start;
    while (j < text.length) {
      const c = text[j] as string;
      if (c === '\\') {
        if (text[j + 1] === '\n') line++;
        j += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === "'" && open !== '{') {
        const end = text.indexOf("'", j + 1);
        if (end === -1) throw new ShellSyntaxError('unterminated single quote', line);
        line += countNewlines(text, j + 1, end);
        j = end + 1;
        continue;
      }
      if (c === '"') {
        j = skipDouble(j + 1);
        continue;
      }
      if (c === '`') {
        j = skipBacktick(j + 1);
        continue;
      }
      if (c === '$' && text[j + 1] === '(') {
        j = skipNested(j + 2, '(', ')', line);
        continue;
      }
      if (c === '$' && text[j + 1] === '{') {
        j = skipNested(j + 2, '{', '}', line);
        continue;
      }
      if (c === '#' && open === '(' && (j === 0 || /[\s;(|&]/.test(text[j - 1] as string))) {
        const end = text.indexOf('\n', j);
        j = end === -1 ? text.length : end;
        continue;
      }
      if (c === open) depth++;
      else if (c === close && --depth === 0) return j + 1;
      j++;
    }
    throw new ShellSyntaxError(`unterminated ${open === '(' ? '$(' : '${'} opened on line ${startLine}`, startLine);
  };

  const skipDouble = (start: number, subs?: string[]): number => {
    const startLine = line;
    let j = start;
    while (j < text.length) {
      const c = text[j] as string;
      if (c === '\\') {
        if (text[j + 1] === '\n') line++;
        j += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '"') return j + 1;
      if (c === '`') {
        const end = skipBacktick(j + 1);
        subs?.push(text.slice(j + 1, end - 1));
        j = end;
        continue;
      }
      if (c === '$' && text[j + 1] === '(') {
        const end = skipNested(j + 2, '(', ')', line);
        const inner = text.slice(j + 2, end - 1);
        if (!(inner.startsWith('(') && inner.endsWith(')'))) subs?.push(inner);
        j = end;
        continue;
      }
      if (c === '$' && text[j + 1] === '{') {
        j = skipNested(j + 2, '{', '}', line);
        continue;
      }
      j++;
    }
    throw new ShellSyntaxError(`unterminated double quote opened on line ${startLine}`, startLine);
  };

  const skipBacktick = (start: number): number => {
    const startLine = line;
    let j = start;
    while (j < text.length) {
      const c = text[j] as string;
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') return j + 1;
      j++;
    }
    throw new ShellSyntaxError(`unterminated backquote opened on line ${startLine}`, startLine);
  };

  const readHeredocBodies = () => {
    for (const h of heredocs.splice(0)) {
      let found = false;
      while (i < text.length) {
        const end = text.indexOf('\n', i);
        const raw = text.slice(i, end === -1 ? text.length : end).replace(/\r$/, '');
        i = end === -1 ? text.length : end + 1;
        line++;
        if ((h.strip ? raw.replace(/^\t+/, '') : raw) === h.delim) {
          found = true;
          break;
        }
      }
      if (!found) throw new ShellSyntaxError(`heredoc <<${h.delim} opened on line ${h.line} is never closed`, h.line);
    }
  };

  while (i < text.length) {
    const c = text[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: '\n', line });
      i++;
      line++;
      readHeredocBodies();
      continue;
    }
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (OP_CHARS.has(c)) {
      const op = OPERATORS.find((o) => text.startsWith(o, i)) as string;
      tokens.push({ kind: 'op', op, line });
      i += op.length;
      if (op === '<<' || op === '<<-') expectHeredocWord = { strip: op === '<<-' };
      continue;
    }

    // A word: runs to unquoted whitespace or an operator character.
    const startLine = line;
    const start = i;
    let value = '';
    const subs: string[] = [];
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '(' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(text.slice(start, i))) {
        // An array assignment `NAME=( … )` is one word; its elements may hold substitutions.
        const end = skipNested(i + 1, '(', ')', line);
        for (const t of lexShell(text.slice(i + 1, end - 1), line)) if (t.kind === 'word') subs.push(...t.subs);
        value += text.slice(i, end);
        i = end;
        continue;
      }
      if (isSpace(ch) || ch === '\n' || OP_CHARS.has(ch)) break;
      if (ch === '\\') {
        if (text[i + 1] === '\n') {
          i += 2;
          line++;
          continue;
        }
        value += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === "'") {
        const end = text.indexOf("'", i + 1);
        if (end === -1) throw new ShellSyntaxError(`unterminated single quote opened on line ${line}`, line);
        value += text.slice(i + 1, end);
        line += countNewlines(text, i + 1, end);
        i = end + 1;
        continue;
      }
      if (ch === '$' && text[i + 1] === "'") {
        let j = i + 2;
        while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
        if (j >= text.length) throw new ShellSyntaxError(`unterminated $'…' opened on line ${line}`, line);
        value += text.slice(i + 2, j);
        line += countNewlines(text, i, j);
        i = j + 1;
        continue;
      }
      if (ch === '"') {
        const end = skipDouble(i + 1, subs);
        value += text.slice(i + 1, end - 1);
        i = end;
        continue;
      }
      if (ch === '`') {
        const end = skipBacktick(i + 1);
        subs.push(text.slice(i + 1, end - 1));
        value += text.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '$' && text[i + 1] === '(') {
        const end = skipNested(i + 2, '(', ')', line);
        const inner = text.slice(i + 2, end - 1);
        // $((…)) is arithmetic, which runs nothing; $(…) runs a command.
        if (!(inner.startsWith('(') && inner.endsWith(')'))) subs.push(inner);
        value += text.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '$' && text[i + 1] === '{') {
        const end = skipNested(i + 2, '{', '}', line);
        value += text.slice(i, end);
        i = end;
        continue;
      }
      value += ch;
      i++;
    }
    const word: ShellWord = { kind: 'word', raw: text.slice(start, i), value, subs, line: startLine };
    tokens.push(word);
    if (expectHeredocWord) {
      heredocs.push({ delim: value, strip: expectHeredocWord.strip, line: startLine });
      expectHeredocWord = null;
    }
  }
  if (heredocs.length) {
    const h = heredocs[0] as { delim: string; line: number };
    throw new ShellSyntaxError(`heredoc <<${h.delim} opened on line ${h.line} is never closed`, h.line);
  }
  return tokens;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let j = from; j < to; j++) if (text[j] === '\n') n++;
  return n;
}
