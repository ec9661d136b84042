/**
 * Where a file's comments (and Python docstrings) are, as offset ranges. A URL there is not used by
 * the running service. A small lexer per comment family: it tracks string literals so that the `//`
 * of `"https://..."` or the `/*` of `'/v2/*'` never opens a comment, because wrongly calling live
 * code a comment would hide a finding.
 */

type Family = 'hash' | 'slash' | 'sql' | 'xml' | 'none';

const FAMILY: Record<string, Family> = {};
for (const ext of 'py pyi pyx sh bash zsh yaml yml toml ini cfg conf env properties rb r pl tf tfvars hcl dockerfile makefile mk procfile'.split(' ')) FAMILY[ext] = 'hash';
for (const ext of 'js mjs cjs jsx ts tsx mts cts go rs java kt kts scala cs c cc cpp cxx h hpp swift dart php jsonc json5 proto groovy'.split(' ')) FAMILY[ext] = 'slash';
for (const ext of 'sql lua'.split(' ')) FAMILY[ext] = 'sql';
for (const ext of 'xml plist html htm'.split(' ')) FAMILY[ext] = 'xml';

export type Ranges = [number, number][];

export function commentRanges(text: string, kind: string): Ranges {
  switch (FAMILY[kind] ?? 'none') {
    case 'hash':
      return lex(text, { line: ['#'], block: null, python: kind === 'py' || kind === 'pyi' || kind === 'pyx', hashNeedsSpace: kind !== 'py' && kind !== 'pyi' && kind !== 'pyx' });
    case 'slash':
      return lex(text, { line: ['//'], block: ['/*', '*/'], python: false, hashNeedsSpace: false, backtick: true });
    case 'sql':
      return lex(text, { line: ['--'], block: ['/*', '*/'], python: false, hashNeedsSpace: false });
    case 'xml':
      return lex(text, { line: [], block: ['<!--', '-->'], python: false, hashNeedsSpace: false, noStrings: true });
    default:
      return [];
  }
}

export function inRanges(ranges: Ranges, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid] as [number, number];
    if (offset < s) hi = mid - 1;
    else if (offset >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

interface Syntax {
  line: string[];
  block: [string, string] | null;
  /** Triple-quoted strings; one that opens a line is a docstring. */
  python: boolean;
  /** In YAML, shell and INI a `#` only opens a comment at the start of a token. */
  hashNeedsSpace: boolean;
  backtick?: boolean;
  noStrings?: boolean;
}

function lex(text: string, syn: Syntax): Ranges {
  const out: Ranges = [];
  const n = text.length;
  let i = 0;
  let lineStart = true; // only whitespace seen since the last newline
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (syn.python && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const quote = text.slice(i, i + 3);
      const end = findClose(text, i + 3, quote);
      if (lineStart) out.push([i, end]);
      i = end;
      lineStart = false;
      continue;
    }
    if (syn.block && text.startsWith(syn.block[0], i)) {
      const close = text.indexOf(syn.block[1], i + syn.block[0].length);
      const end = close === -1 ? n : close + syn.block[1].length;
      out.push([i, end]);
      i = end;
      continue;
    }
    const lineOpener = syn.line.find((o) => text.startsWith(o, i));
    if (lineOpener && (!syn.hashNeedsSpace || lineOpener !== '#' || i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? n : nl;
      out.push([i, end]);
      i = end;
      continue;
    }
    if (!syn.noStrings && (c === '"' || c === "'" || (syn.backtick && c === '`'))) {
      i = findClose(text, i + 1, c, c !== '`');
      lineStart = false;
      continue;
    }
    if (!/\s/.test(c)) lineStart = false;
    i++;
  }
  return out;
}

/** The offset just past the closing quote; single-line quotes also end at a newline (unterminated). */
function findClose(text: string, from: number, quote: string, stopAtNewline = false): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (stopAtNewline && quote.length === 1 && c === '\n') return i;
    if (text.startsWith(quote, i)) return i + quote.length;
  }
  return text.length;
}
