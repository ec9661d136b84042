import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import { ScanError } from '../../core/errors.js';

export const JS_EXTENSIONS = new Set(['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']);

export interface JsParseError {
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

type Attempt = Pick<ParserOptions, 'sourceType' | 'plugins' | 'allowReturnOutsideFunction'>;

/**
 * The ways a file of this name may legitimately be parsed, most likely first. TypeScript code uses
 * two decorator dialects (experimental with parameter decorators, and the standard one that allows
 * `export @dec class`) that no single plugin set accepts; plain .js often carries JSX (React).
 * .mjs/.mts are modules by definition; .cjs/.cts are CommonJS, where a top-level `return` is legal.
 */
export function attemptsFor(file: string): Attempt[] {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  const ext = base.slice(base.lastIndexOf('.') + 1);
  const dts = /\.d\.[cm]?ts$/.test(base);
  const ts: ParserPlugin = dts ? ['typescript', { dts: true }] : 'typescript';
  const jsx = ext === 'tsx' || ext === 'jsx' || ext === 'js';
  const plugins = (decorators: ParserPlugin): ParserPlugin[] => [
    ...(['ts', 'tsx', 'mts', 'cts'].includes(ext) ? [ts] : []),
    ...(jsx ? ['jsx' as ParserPlugin] : []),
    decorators,
  ];
  const sourceTypes: ('module' | 'script')[] =
    ext === 'mjs' || ext === 'mts' ? ['module'] : ext === 'cjs' ? ['script', 'module'] : ['module', 'script'];
  const out: Attempt[] = [];
  for (const sourceType of sourceTypes) {
    for (const decorators of ['decorators-legacy', ['decorators', {}]] as ParserPlugin[]) {
      out.push({ sourceType, plugins: plugins(decorators), ...(sourceType === 'script' ? { allowReturnOutsideFunction: true } : {}) });
    }
  }
  return out;
}

/**
 * null when the file parses in one of the ways its name allows; otherwise the error of the first
 * (most likely) way. A failure that is not a syntax error is the parser's, not the file's: ScanError.
 */
export function jsParseError(file: string, text: string): JsParseError | null {
  let first: JsParseError | null = null;
  for (const attempt of attemptsFor(file)) {
    try {
      parse(text, { ...attempt, errorRecovery: false, sourceFilename: file });
      return null;
    } catch (err) {
      const e = err as { loc?: { line: number; column: number }; message?: string; code?: string };
      if (!e.loc || !String(e.code).startsWith('BABEL_PARSER')) {
        throw new ScanError(`cannot parse ${file}: the parser failed: ${e.message ?? String(err)}`, file);
      }
      first ??= { line: e.loc.line, column: e.loc.column + 1, message: (e.message ?? 'syntax error').replace(/\s*\(\d+:\d+\)$/, '') };
    }
  }
  return first;
}
