/** Release tag names: `PREFIX/vMAJOR.MINOR.PATCH` or `…-rc.N`, parsed with semver; nothing else. */
import semver from 'semver';

export interface TagVersion {
  name: string;
  version: semver.SemVer;
  /** The final version this is (or will be) released as: 1.2.0 for 1.2.0-rc.3. */
  final: string;
  rc: number | null;
}

/** The ref namespace release tags of this prefix live in: `risk/v` or `v`. */
export function tagStem(prefix: string): string {
  return prefix ? `${prefix.replace(/\/+$/, '')}/v` : 'v';
}

export function parseTagName(name: string, prefix: string): TagVersion | null {
  const stem = tagStem(prefix);
  if (!name.startsWith(stem)) return null;
  const rest = name.slice(stem.length);
  // semver alone would accept build metadata and any pre-release; only rc.N is a release candidate.
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-rc\.(0|[1-9]\d*))?$/.test(rest)) return null;
  const version = semver.parse(rest);
  if (!version) return null;
  const pre = version.prerelease;
  return {
    name,
    version,
    final: `${version.major}.${version.minor}.${version.patch}`,
    rc: pre.length === 2 ? Number(pre[1]) : null,
  };
}
