/**
 * Turns a finding's repo-relative POSIX path into a SARIF `artifactLocation.uri`.
 *
 * GitHub resolves the uri against the checkout and drops results whose file it
 * cannot find, and a uri that varies between runs (absolute temp paths) can lock
 * a repository out of uploads. So a path that is not repo-relative is a bug
 * upstream, and we refuse it loudly instead of emitting a result GitHub would
 * silently discard.
 */
export function toArtifactUri(path: string): string {
  const problem = pathProblem(path);
  if (problem) throw new Error(`cannot place finding in SARIF: path ${JSON.stringify(path)} ${problem}`);
  // Percent-encode each segment: a space, '#', '?' or ':' would otherwise change
  // what the URI means (':' in the first segment would read as a scheme).
  return path.split('/').map(encodeURIComponent).join('/');
}

function pathProblem(path: string): string | null {
  if (path === '') return 'is empty';
  if (path.startsWith('/') || path.startsWith('\\')) return 'is absolute';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return 'has an empty segment';
  if (segments.some((s) => s === '.' || s === '..')) return "has a '.' or '..' segment";
  return null;
}
