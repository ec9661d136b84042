import { describe, expect, it } from 'vitest';
import { checkShellGuard } from '../../../src/gates/script-risk/shell-guard.js';
import { lexShell, ShellSyntaxError, type ShellWord } from '../../../src/gates/script-risk/shell-lexer.js';

const GUARD = { source: '*exec_guard*.sh', function: 'require_exec_guard' };
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const words = (src: string) => lexShell(src).map((t) => (t.kind === 'word' ? t.value : t.op === '\n' ? 'NL' : t.op));

describe('shell lexer', () => {
  it('keeps quotes, substitutions and escapes inside one word', () => {
    expect(words(`echo "a b" 'c d' $(x "y z") \${v:-"w w"} a\\ b\n`)).toEqual(['echo', 'a b', 'c d', '$(x "y z")', '${v:-"w w"}', 'a b', 'NL']);
  });
  it('comments are nothing, a # inside a word is not a comment', () => {
    expect(words('a#b # comment ; rm -rf /\n')).toEqual(['a#b', 'NL']);
  });
  it('line continuations join a command across lines', () => {
    const t = lexShell('echo a \\\n  b\nnext\n');
    expect(t.filter((x) => x.kind === 'word').map((w) => [(w as ShellWord).value, w.line])).toEqual([['echo', 1], ['a', 1], ['b', 2], ['next', 3]]);
  });
  it('heredoc bodies are skipped, with <<- tab stripping and quoted delimiters', () => {
    const t = lexShell(lines('cat <<EOF', 'rm -rf / $(boom)', 'EOF', "cat <<-'END'", '\tnot a command', '\tEND', 'after'));
    const ws = t.filter((x) => x.kind === 'word').map((w) => [(w as ShellWord).value, w.line]);
    expect(ws).toEqual([['cat', 1], ['EOF', 1], ['cat', 4], ['END', 4], ['after', 7]]);
  });
  it('an array assignment is one word, with the substitutions of its elements', () => {
    const t = lexShell('A=(x "$(date)"\n  y) # c\nnext\n');
    expect(t.map((x) => (x.kind === 'word' ? [x.value, x.subs] : x.op))).toEqual([['A=(x "$(date)"\n  y)', ['date']], '\n', ['next', []], '\n']);
  });
  it('records command substitutions (not arithmetic) including inside double quotes and backquotes', () => {
    const [w] = lexShell('"$(cd "$(dirname "$0")" && pwd)"`date`$((1+2))') as ShellWord[];
    expect(w?.subs).toEqual(['cd "$(dirname "$0")" && pwd', 'date']);
  });
  it.each([
    ['an unterminated double quote', 'echo "abc\n', 1],
    ['an unterminated single quote', "x=1\necho 'abc\n", 2],
    ['an unclosed heredoc', 'cat <<EOF\nbody\n', 1],
    ['an unclosed substitution', 'x=$(foo\n', 1],
  ])('fails on %s with its line', (_n, src, line) => {
    const err = (() => {
      try {
        lexShell(src);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ShellSyntaxError);
    expect((err as ShellSyntaxError).line).toBe(line);
  });
});

describe('shell exec guard position', () => {
  it.each([
    ['the plain form', lines('#!/usr/bin/env bash', '# deploy', 'set -euo pipefail', '', 'source lib/exec_guard.sh', 'require_exec_guard', 'kubectl apply -f x')],
    [
      'the library found next to the script, functions defined first',
      lines(
        '#!/bin/bash',
        'set -o errexit -o nounset',
        'SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"',
        'readonly NAME=deploy',
        'FEATURES=(ffi python', '  high-precision)',
        'usage() {',
        '  cat <<EOF',
        'usage: $NAME }',
        'EOF',
        '}',
        'function die { echo "$*" >&2; exit 1; }',
        '. "$SCRIPT_DIR/../lib/exec_guard.sh"',
        'require_exec_guard "$@" || die "refused"',
        'rm -rf build',
      ),
    ],
  ])('good: %s', (_n, src) => {
    expect(checkShellGuard(src, GUARD).ok).toBe(true);
  });

  it.each([
    ['a command before the guard', lines('#!/bin/sh', 'set -e', 'echo start', 'source exec_guard.sh', 'require_exec_guard'), 3, '`echo start`'],
    ['a command substitution that runs something', lines('TOKEN=$(curl -s http://x)', 'source exec_guard.sh', 'require_exec_guard'), 1, 'substitution'],
    ['the guard called before the library is sourced', lines('require_exec_guard', 'source exec_guard.sh'), 1, 'before the guard library'],
    ['another library sourced first', lines('source lib/common.sh', 'source lib/exec_guard.sh', 'require_exec_guard'), 1, 'sources something other'],
    ['no guard call', lines('source exec_guard.sh', 'deploy'), 2, '`deploy`'],
    ['never guarded at all', lines('# only a comment'), 1, 'never sources'],
    ['an array whose element runs a command', lines('HOSTS=(a "$(curl -s x)")', 'source exec_guard.sh', 'require_exec_guard'), 1, 'substitution'],
    ['a redirection', lines('exec >log 2>&1', 'source exec_guard.sh', 'require_exec_guard'), 1, '`exec >log 2>&1`'],
    ['a guard only inside a function', lines('main() {', '  source exec_guard.sh', '  require_exec_guard', '}', 'main'), 5, '`main`'],
    ['a command after a heredoc-looking comment', lines('# cat <<EOF', 'make all', 'source exec_guard.sh', 'require_exec_guard'), 2, '`make all`'],
  ])('bad: %s', (_n, src, line, text) => {
    const v = checkShellGuard(src, GUARD);
    expect(v.ok).toBe(false);
    expect(v.line).toBe(line);
    expect(v.message).toContain(text);
  });
});
