/**
 * Parts of a source file that are not executed by the service, beyond line comments (scan.ts):
 * block comments, Python docstrings, and Rust `#[cfg(test)]` modules. Light lexing, like
 * `inLineComment`: it tracks string quotes so that a `/*` or `"""` inside a string is not taken.
 */

export interface Region {
  start: number;
  end: number;
  kind: 'a comment' | 'in docs or tests';
}

const BLOCK_COMMENT = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'cs', 'c', 'cc', 'cpp', 'cxx', 'h', 'hpp', 'swift', 'dart', 'php', 'jsonc', 'json5', 'css', 'sql']);
const PYTHON = new Set(['py', 'pyi', 'pyx']);

/** Sorted, non-overlapping regions of `text` that do not run; [] for kinds we do not lex. */
export function nonRuntimeRegions(text: string, ext: string): Region[] {
  if (PYTHON.has(ext)) return pythonDocstrings(text);
  if (!BLOCK_COMMENT.has(ext)) return [];
  const out = blockComments(text, ext === 'rs');
  if (ext === 'rs') out.push(...rustTestModules(text, out));
  return out.sort((a, b) => a.start - b.start);
}

/** Whether `offset` lies in one of `regions` (sorted); the region's kind, else null. */
export function regionAt(regions: readonly Region[], offset: number): Region['kind'] | null {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid] as Region;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r.kind;
  }
  return null;
}

/** `/* ... *\/` outside strings and line comments. Rust nests block comments; others do not. */
function blockComments(text: string, nested: boolean): Region[] {
  const out: Region[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i, c);
    } else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      const start = i;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else if (nested && text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else i++;
      }
      out.push({ start, end: i, kind: 'a comment' });
    } else i++;
  }
  return out;
}

/**
 * The end of a quoted string starting at `i`. A single quote that does not close on its line is
 * not a string (Rust lifetimes `'a`, char literals are short), so it only skips the quote.
 */
function skipString(text: string, i: number, quote: string): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === quote) return j + 1;
    else if (c === '\n' && quote !== '`') return quote === "'" ? i + 1 : j;
  }
  return text.length;
}

/**
 * Rust `#[cfg(test)] mod name { ... }`: unit tests live inside the source file. The module body is
 * found by brace matching outside strings and comments.
 */
function rustTestModules(text: string, comments: readonly Region[]): Region[] {
  const out: Region[] = [];
  const re = /#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (regionAt(comments, m.index)) continue;
    const open = m.index + m[0].length;
    const close = closingBrace(text, open);
    out.push({ start: m.index, end: close, kind: 'in docs or tests' });
    re.lastIndex = close;
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') i = skipString(text, i, c);
    else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
    } else {
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i + 1;
      i++;
    }
  }
  return text.length;
}

/**
 * Python docstrings: a triple-quoted string that is a statement on its own, i.e. the first thing
 * on its line and not the value of an assignment, call or container (the previous code line does
 * not end in `=`, `(`, `[`, `{`, `,` or a backslash). Triple-quoted strings used as values run.
 */
function pythonDocstrings(text: string): Region[] {
  const out: Region[] = [];
  const n = text.length;
  let i = 0;
  let lastCode = ''; // the last non-blank character of code before the current position
  let lineStart = true;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      continue;
    }
    // String prefixes: r, b, u, f and pairs; the quote follows.
    const pre = /^[rRbBuUfF]{0,2}(?="""|'''|"|')/.exec(text.slice(i, i + 5));
    if (pre) {
      const q0 = i + pre[0].length;
      const triple = text.startsWith('"""', q0) || text.startsWith("'''", q0);
      if (triple) {
        const quote = text.slice(q0, q0 + 3);
        let j = q0 + 3;
        while (j < n && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
        const end = Math.min(n, j + 3);
        if (lineStart && !/[=([{,\\+%]/.test(lastCode)) out.push({ start: i, end, kind: 'a comment' });
        i = end;
      } else {
        const quote = text[q0] as string;
        let j = q0 + 1;
        while (j < n && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
        i = j + 1;
      }
      lastCode = '"';
      lineStart = false;
      continue;
    }
    lastCode = c;
    lineStart = false;
    i++;
  }
  return out;
}

/**
 * Quoted strings that look like URL paths (`"/api/v3/klines"`, `'/0/public/OHLC'`): code often keeps
 * a base URL and its endpoint paths in separate constants. At most a few hundred per file.
 */
export function pathLiterals(text: string): string[] {
  const out = new Set<string>();
  const re = /["'`](\/[A-Za-z0-9_\-./{}$:@]{1,200})["'`?]/g;
  for (let m = re.exec(text); m && out.size < 500; m = re.exec(text)) out.add(m[1] as string);
  return [...out];
}
