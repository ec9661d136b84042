import type { ExitCode } from '../core/errors.js';
import { checkAction } from './check.js';
import { signedTagAction } from './signed-tag.js';
import { breakGlassAction } from './break-glass.js';
import { evidenceAction } from './evidence.js';
import type { Env } from './common.js';

export type ActionHandler = (env: Env) => Promise<ExitCode>;

/**
 * What `dist/action.js` does, chosen by the composite action's `PAPERGUARD_ACTION` env value
 * (the root action sets none: check). A new action is its handler module plus one line here.
 */
export const ACTION_HANDLERS: Readonly<Record<string, ActionHandler>> = {
  check: checkAction,
  'signed-tag': signedTagAction,
  evidence: evidenceAction,
  'break-glass': breakGlassAction,
};
