/** The pure pieces: tag object split, names, changelog sections, check verdicts, allowed_signers. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { checkChangelog } from '../../src/signed-tag/changelog.js';
import { judgeChecks } from '../../src/signed-tag/checks.js';
import { parseTagName } from '../../src/signed-tag/name.js';
import { parseTagObject } from '../../src/signed-tag/tag-object.js';
import { parseAllowedSigners, parseRevocations } from '../../src/signed-tag/trusted-signers.js';

const HEAD = 'object 1111111111111111111111111111111111111111\ntype commit\ntag v1.0.0\ntagger A B <a@example.test> 1795416533 +0000\n\n';

describe('parseTagObject', () => {
  it('splits at the LAST armor line, so a quoted armor block in the message stays payload', () => {
    const msg = 'notes\n-----BEGIN SSH SIGNATURE-----\nquoted\n-----END SSH SIGNATURE-----\n';
    const sig = '-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n';
    const obj = parseTagObject(Buffer.from(HEAD + msg + sig));
    expect(obj?.signature?.kind).toBe('openpgp');
    expect(obj?.payload.toString()).toBe(HEAD + msg);
    expect(obj?.tagger).toEqual({ name: 'A B', email: 'a@example.test', timestamp: 1795416533 });
  });
  it('an unsigned tag has the whole object as payload; a non-tag is null', () => {
    expect(parseTagObject(Buffer.from(HEAD + 'msg\n'))?.signature).toBeNull();
    expect(parseTagObject(Buffer.from('tree 1\n\nx'))).toBeNull();
  });
});

describe('parseTagName', () => {
  it.each([
    ['risk/v1.2.3', 'risk', '1.2.3', null],
    ['risk/v1.2.3-rc.4', 'risk', '1.2.3', 4],
    ['v0.1.0', '', '0.1.0', null],
  ])('%s', (name, prefix, final, rc) => {
    expect(parseTagName(name, prefix)).toMatchObject({ final, rc });
  });
  it.each(['risk/v1.2.3-rc1', 'risk/v1.2.3+b1', 'risk/v1.2.3-beta.1', 'other/v1.2.3', 'risk/1.2.3', 'risk/v1.2'])('rejects %s', (name) => {
    expect(parseTagName(name, 'risk')).toBeNull();
  });
});

describe('checkChangelog', () => {
  const text = '# Changelog\n\n## [1.2.0-rc.1]\n### Safety-relevant changes\n\n## [1.1.0] - 2026-01-01\n### Safety-relevant changes\n```\n## 1.0.0 inside a fence\n```\n### Operational impact\n## 1.0.0\n';
  it('finds the exact version and its subsections, ignoring fenced headings', () => {
    expect(checkChangelog(text, ['1.1.0'], ['Safety-relevant changes', 'operational IMPACT', 'Config/schema changes'])).toEqual({ line: 6, missing: ['Config/schema changes'] });
  });
  it('1.2.0 is not 1.2.0-rc.1, 1.0.0 is not 11.0.0', () => {
    expect(checkChangelog(text, ['1.2.0'], []).line).toBeNull();
    expect(checkChangelog('## 11.0.0\n', ['1.0.0'], []).line).toBeNull();
    expect(checkChangelog(text, ['1.0.0'], []).line).toBe(12); // not line 9, inside the fence
  });
});

describe('judgeChecks', () => {
  const run = (name: string, status: string, conclusion: string | null, appId: number | null = 1) => ({ name, status, conclusion, appId, url: null });
  it('success, neutral and skipped runs pass; others, pending statuses and absent checks do not', () => {
    const v = judgeChecks(
      [{ context: 'a' }, { context: 'b' }, { context: 'c' }, { context: 'd' }, { context: 'e' }, { context: 'f' }, { context: 'g', appId: 2 }],
      [run('a', 'completed', 'success'), run('b', 'completed', 'neutral'), run('c', 'completed', 'skipped'), run('d', 'completed', 'cancelled'), run('e', 'queued', null), run('g', 'completed', 'success', 1)],
      [{ context: 'a', state: 'pending', url: null }],
    );
    expect(v.map((x) => [x.context, x.green, x.why])).toEqual([
      ['a', false, 'status is pending'],
      ['b', true, 'passed'],
      ['c', true, 'passed'],
      ['d', false, 'check run concluded cancelled'],
      ['e', false, 'check run is queued'],
      ['f', false, 'no check run and no status'],
      ['g', false, 'no check run from app 2 and no status'],
    ]);
  });
});

describe('allowed_signers', () => {
  const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
  it('parses principals, quoted options and comments', () => {
    const [e] = parseAllowedSigners(`# c\na@x.test,b@x.test namespaces="git,file",valid-before="20300101Z" ${KEY} laptop\n`, 'f');
    expect(e).toMatchObject({ principals: ['a@x.test', 'b@x.test'], namespaces: ['git', 'file'], line: 2, keyType: 'ssh-ed25519' });
    expect(e?.validBefore?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
  it('unknown options and bad times are configuration errors with the line', () => {
    expect(() => parseAllowedSigners(`a@x.test bogus ${KEY}\n`, 'f')).toThrow(ConfigError);
    expect(() => parseAllowedSigners(`a@x.test valid-before="soon" ${KEY}\n`, 'f')).toThrow(/YYYYMMDD/);
  });
  it('revocation lists: keys and fingerprints; binary KRLs refused', () => {
    expect(parseRevocations(Buffer.from(`${KEY}\n`), 'r').size).toBe(1);
    expect(() => parseRevocations(Buffer.from('SSHKRL\n\0\0'), 'r')).toThrow(/KRL/);
  });
});
