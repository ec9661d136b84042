/**
 * The GitHub Action entry: picks the handler named by PAPERGUARD_ACTION (default: check), runs it,
 * and turns any error into an annotation, `status=error` and a non-zero exit. The only module of the
 * action side that sets the exit code.
 */
import { ACTION_HANDLERS } from './actions/registry.js';
import type { Env } from './actions/common.js';
import { describeError, EXIT, exitCodeOf, UsageError, type ExitCode } from './core/errors.js';
import { annotation, setOutput } from './core/runner-io.js';

export async function run(env: Env = process.env): Promise<ExitCode> {
  try {
    const name = env.PAPERGUARD_ACTION || 'check';
    const handler = Object.hasOwn(ACTION_HANDLERS, name) ? ACTION_HANDLERS[name] : undefined;
    if (!handler) throw new UsageError(`PAPERGUARD_ACTION=${JSON.stringify(name)} is not an action; known: ${Object.keys(ACTION_HANDLERS).join(', ')}`);
    return await handler(env);
  } catch (err) {
    const code = exitCodeOf(err);
    process.stdout.write(`${annotation('error', `paperguard: ${describeError(err)}`, { title: 'paperguard could not run' })}\n`);
    if (env.GITHUB_OUTPUT) setOutput('status', 'error', env);
    return code === EXIT.pass ? EXIT.internal : code;
  }
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stdout.write(`::error::paperguard internal error\n`);
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
