import picomatch from 'picomatch';

export interface ScopeGlobs {
  include: string[];
  exclude: string[];
}

/** Compiled include/exclude globs; `dot: true` because `.env` and `.github/` are exactly what we must see. */
export function compileScope(scope: ScopeGlobs): (path: string) => boolean {
  const include = picomatch(scope.include.length ? scope.include : ['**'], { dot: true });
  const exclude = scope.exclude.length ? picomatch(scope.exclude, { dot: true }) : () => false;
  return (p) => include(p) && !exclude(p);
}

export function compileGlobs(globs: string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch(globs, { dot: true });
}
