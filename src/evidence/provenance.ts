/**
 * Provenance of a bundle: which commit, ref, event, run and runner produced it, with which tool
 * and policy. Built from the GITHUB_* / RUNNER_* variables, which only the command or action layer
 * reads; here they arrive as data.
 */
import { TOOL_VERSION } from '../version.js';

export interface Provenance {
  commit: string | null;
  ref: string | null;
  event: string | null;
  repository: string | null;
  server_url: string | null;
  run_id: string | null;
  run_attempt: string | null;
  workflow_ref: string | null;
  runner: { os: string | null; arch: string | null; name: string | null };
  actor: string | null;
  tool_version: string;
  policy_sha256: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const get = (env: Env, key: string): string | null => {
  const v = env[key];
  return v === undefined || v === '' ? null : v;
};

/** Outside Actions the commit comes from git, everything run-specific stays null. */
export function provenanceFrom(env: Env, fallback: { commit: string | null; policySha256: string }): Provenance {
  return {
    commit: get(env, 'GITHUB_SHA') ?? fallback.commit,
    ref: get(env, 'GITHUB_REF'),
    event: get(env, 'GITHUB_EVENT_NAME'),
    repository: get(env, 'GITHUB_REPOSITORY'),
    server_url: get(env, 'GITHUB_SERVER_URL'),
    run_id: get(env, 'GITHUB_RUN_ID'),
    run_attempt: get(env, 'GITHUB_RUN_ATTEMPT'),
    workflow_ref: get(env, 'GITHUB_WORKFLOW_REF'),
    runner: { os: get(env, 'RUNNER_OS'), arch: get(env, 'RUNNER_ARCH'), name: get(env, 'RUNNER_NAME') },
    actor: get(env, 'GITHUB_ACTOR'),
    tool_version: TOOL_VERSION,
    policy_sha256: fallback.policySha256,
  };
}
