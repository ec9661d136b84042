/**
 * GitHub artifacts: how long the repository lets them live, and the upload itself. Artifacts can be
 * deleted by anyone with write access, so they are a convenience copy; a class that needs more than
 * the repository's maximum needs the WORM store, and we say so instead of silently keeping less.
 */
import { ConfigError } from '../core/errors.js';
import { describeWindow } from './retention.js';
import type { RetentionClass, RetentionWindow } from './policy.js';

export interface ArtifactDecision {
  /** Days to ask @actions/artifact for. */
  retentionDays: number;
  /** True when the artifact keeps less than the class and only the WORM store meets it. */
  short: boolean;
}

export function decideArtifactRetention(
  need: { cls: RetentionClass; window: RetentionWindow; days: number },
  maximumAllowedDays: number,
  wormConfigured: boolean,
  repo: string,
): ArtifactDecision {
  if (need.days <= maximumAllowedDays) return { retentionDays: need.days, short: false };
  if (!wormConfigured) {
    throw new ConfigError(
      `retention class ${need.cls} needs ${describeWindow(need.window)} (${need.days} days) but artifacts of ${repo} can be kept at most ${maximumAllowedDays} days; ` +
        'configure the WORM store (policy evidence.store.bucket, upload with --s3) instead of keeping less',
    );
  }
  return { retentionDays: maximumAllowedDays, short: true };
}

/**
 * The one call into @actions/artifact. It needs the runner's ACTIONS_RUNTIME_TOKEN and results
 * service, so it runs only inside a real workflow job; loaded lazily so the CLI starts without it.
 */
export async function uploadArtifact(name: string, files: string[], rootDirectory: string, retentionDays: number): Promise<{ id?: number; digest?: string }> {
  const { DefaultArtifactClient } = await import('@actions/artifact');
  return new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, { retentionDays });
}
