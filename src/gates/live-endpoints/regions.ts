/**
 * Parts of a source file the service does not execute: comments, Python docstrings, and Rust
 * `#[cfg(test)]` modules. One small lexer per comment family. Each tracks string literals, so the
 * `//` of `"https://..."`, the `/*` of `'/v2/*'` or a `#` inside a string never opens a comment:
 * wrongly calling live code a comment would hide a finding.
 */

export interface Region {
  start: number;
  end: number;
  kind: 'a comment' | 'in docs or tests';
}

type Family = 'python' | 'hash' | 'c' | 'rust' | 'sql' | 'xml';

const FAMILY = new Map<string, Family>();
const register = (family: Family, exts: string) => exts.split(' ').forEach((e) => FAMILY.set(e, family));
register('python', 'py pyi pyx');
register('hash', 'sh bash zsh yaml yml toml ini cfg conf env properties rb r pl tf tfvars hcl dockerfile makefile mk');
register('c', 'js mjs cjs jsx ts tsx mts cts go java kt kts scala cs c cc cpp cxx h hpp swift dart php jsonc json5 css groovy proto');
register('rust', 'rs');
register('sql', 'sql lua');
register('xml', 'xml plist html htm');

/** Sorted, non-overlapping regions of `text` that do not run; [] for kinds we do not lex. */
export function nonRuntimeRegions(text: string, ext: string): Region[] {
  switch (FAMILY.get(ext)) {
    case 'python':
      return python(text);
    case 'hash':
      return cLike(text, { line: '#', block: null, hashAtTokenStart: true, quotes: `"'` });
    case 'c':
      return cLike(text, { line: '//', block: ['/*', '*/'], quotes: `"'\`` });
    case 'rust': {
      const comments = cLike(text, { line: '//', block: ['/*', '*/'], nested: true, quotes: `"'` });
      return [...comments, ...rustTestModules(text, comments)].sort((a, b) => a.start - b.start);
    }
    case 'sql':
      return cLike(text, { line: '--', block: ['/*', '*/'], quotes: `"'` });
    case 'xml':
      return cLike(text, { line: null, block: ['<!--', '-->'], quotes: '' });
    default:
      return [];
  }
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

interface Syntax {
  line: string | null;
  block: [string, string] | null;
  /** Rust nests block comments. */
  nested?: boolean;
  /** In YAML, shell and INI a `#` opens a comment only at the start of a token. */
  hashAtTokenStart?: boolean;
  quotes: string;
}

function cLike(text: string, syn: Syntax): Region[] {
  const out: Region[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i] as string;
    if (syn.quotes.includes(c)) {
      i = skipString(text, i, c);
    } else if (syn.line && text.startsWith(syn.line, i) && (!syn.hashAtTokenStart || i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const eol = text.indexOf('\n', i);
      const end = eol === -1 ? n : eol;
      out.push({ start: i, end, kind: 'a comment' });
      i = end;
    } else if (syn.block && text.startsWith(syn.block[0], i)) {
      const [open, close] = syn.block;
      const start = i;
      let depth = 1;
      i += open.length;
      while (i < n && depth > 0) {
        if (text.startsWith(close, i)) {
          depth--;
          i += close.length;
        } else if (syn.nested && text.startsWith(open, i)) {
          depth++;
          i += open.length;
        } else i++;
      }
      out.push({ start, end: i, kind: 'a comment' });
    } else i++;
  }
  return out;
}

/**
 * The end of a quoted string starting at `i`. A single quote that does not close on its line is
 * not a string (Rust lifetimes `'a`, English apostrophes in shell), so only the quote is skipped.
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
    const close = closingBrace(text, m.index + m[0].length);
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
 * Python `#` comments and docstrings. A docstring is a triple-quoted string that is a statement on
 * its own: the first thing on its line, and not the value of an assignment, call or container (the
 * previous code character is not `=`, `(`, `[`, `{`, `,`, `+`, `%` or a backslash).
 */
function python(text: string): Region[] {
  const out: Region[] = [];
  const n = text.length;
  let i = 0;
  let lastCode = '';
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
      const end = eol === -1 ? n : eol;
      out.push({ start: i, end, kind: 'a comment' });
      i = end;
      continue;
    }
    // String prefixes (r, b, u, f and pairs) come before the quote.
    const pre = /^[rRbBuUfF]{0,2}(?="""|'''|"|')/.exec(text.slice(i, i + 5));
    if (pre) {
      const q0 = i + pre[0].length;
      if (text.startsWith('"""', q0) || text.startsWith("'''", q0)) {
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
