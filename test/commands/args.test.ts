import { describe, expect, it } from 'vitest';
import { parseFlags, subcommand } from '../../src/commands/args.js';
import { EXIT, UsageError } from '../../src/core/errors.js';
import { runCli } from '../helpers/cli.js';

describe('command argument helpers', () => {
  it('a known subcommand is returned; none or an unknown one is a usage error naming the known ones', () => {
    expect(subcommand('evidence', 'verify', ['collect', 'verify'])).toBe('verify');
    expect(() => subcommand('evidence', undefined, ['collect', 'verify'])).toThrow(
      new UsageError('evidence: no subcommand given; use "paperguard evidence collect" or "paperguard evidence verify"'),
    );
    expect(() => subcommand('tag', 'sign', ['verify'])).toThrow(/^tag: unknown subcommand "sign"; use "paperguard tag verify"$/);
  });

  it('flag errors become usage errors followed by the help text', () => {
    const err = (() => {
      try {
        parseFlags({ args: ['--nope'], strict: true, options: { out: { type: 'string' } } }, 'Usage: x');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/Unknown option '--nope'[\s\S]*\nUsage: x$/);
    expect(parseFlags({ args: ['--out', 'd'], strict: true, options: { out: { type: 'string' } } }, '').values.out).toBe('d');
  });

  it.each([['evidence'], ['tag'], ['protection'], ['manifest'], ['break-glass']])('`paperguard %s` without a subcommand exits 2 and says so', (cmd) => {
    const r = runCli([cmd]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`${cmd}: no subcommand given; use "paperguard ${cmd} `);
  });
});
