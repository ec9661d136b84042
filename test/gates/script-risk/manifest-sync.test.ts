import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { syncManifestText } from '../../../src/gates/script-risk/manifest-sync.js';

const F = 'm.json';
const tracked = (...paths: string[]) => (p: string) => paths.includes(p);

describe('manifest sync keeps the file stable (golden, byte for byte)', () => {
  it('removes an untracked entry and appends new ones, sorted, in the layout of the existing entries', () => {
    const before = [
      '{',
      '    "version": 1,',
      '    "scripts": [',
      '        {',
      '            "path": "scripts/b.py",',
      '            "category": "ops",',
      '            "requires_exec_guard": true,',
      '            "owner": "@ops",  ',
      '            "notes": "kept exactly, odd spacing included"',
      '        },',
      '        {',
      '            "path": "scripts/gone.sh",',
      '            "category": "data",',
      '            "requires_exec_guard": false',
      '        },',
      '        {"path": "scripts/a.py", "category": "safe", "requires_exec_guard": false}',
      '    ]',
      '}',
      '',
    ].join('\n');
    const after = [
      '{',
      '    "version": 1,',
      '    "scripts": [',
      '        {',
      '            "path": "scripts/b.py",',
      '            "category": "ops",',
      '            "requires_exec_guard": true,',
      '            "owner": "@ops",  ',
      '            "notes": "kept exactly, odd spacing included"',
      '        },',
      '        {"path": "scripts/a.py", "category": "safe", "requires_exec_guard": false},',
      '        {',
      '            "path": "scripts/c.py",',
      '            "category": "unclassified",',
      '            "requires_exec_guard": false',
      '        },',
      '        {',
      '            "path": "scripts/z.sh",',
      '            "category": "unclassified",',
      '            "requires_exec_guard": false',
      '        }',
      '    ]',
      '}',
      '',
    ].join('\n');
    const plan = syncManifestText(F, before, ['scripts/z.sh', 'scripts/a.py', 'scripts/c.py', 'scripts/b.py'], tracked('scripts/a.py', 'scripts/b.py', 'scripts/c.py', 'scripts/z.sh'));
    expect(plan.text).toBe(after);
    expect(plan.added).toEqual(['scripts/c.py', 'scripts/z.sh']);
    expect(plan.removed).toEqual(['scripts/gone.sh']);
    // A second run changes nothing.
    const again = syncManifestText(F, plan.text, ['scripts/z.sh', 'scripts/a.py', 'scripts/c.py', 'scripts/b.py'], tracked('scripts/a.py', 'scripts/b.py', 'scripts/c.py', 'scripts/z.sh'));
    expect(again.changed).toBe(false);
    expect(again.text).toBe(plan.text);
  });

  it('one-line entries, tabs and CRLF stay as they are', () => {
    const before = '{\r\n\t"version": 1,\r\n\t"scripts": [\r\n\t\t{ "path": "bin/x", "category": "safe", "requires_exec_guard": false }\r\n\t]\r\n}\r\n';
    const after =
      '{\r\n\t"version": 1,\r\n\t"scripts": [\r\n\t\t{ "path": "bin/x", "category": "safe", "requires_exec_guard": false },\r\n\t\t{ "path": "bin/y", "category": "unclassified", "requires_exec_guard": false }\r\n\t]\r\n}\r\n';
    expect(syncManifestText(F, before, ['bin/x', 'bin/y'], tracked('bin/x', 'bin/y')).text).toBe(after);
  });

  it('an empty list takes the file\'s indentation; an emptied list becomes []', () => {
    const before = '{\n   "version": 1,\n   "scripts": []\n}';
    const after = '{\n   "version": 1,\n   "scripts": [\n      {\n         "path": "s.sh",\n         "category": "unclassified",\n         "requires_exec_guard": false\n      }\n   ]\n}\n';
    const added = syncManifestText(F, before, ['s.sh'], tracked('s.sh'));
    expect(added.text).toBe(after);
    expect(syncManifestText(F, after, [], tracked()).text).toBe('{\n   "version": 1,\n   "scripts": []\n}\n');
  });

  it('creates the file when missing', () => {
    const plan = syncManifestText(F, null, ['scripts/b.py', 'scripts/a.sh'], tracked('scripts/a.sh', 'scripts/b.py'));
    expect(plan.created).toBe(true);
    expect(plan.text).toBe(
      '{\n  "version": 1,\n  "scripts": [\n    {\n      "path": "scripts/a.sh",\n      "category": "unclassified",\n      "requires_exec_guard": false\n    },\n    {\n      "path": "scripts/b.py",\n      "category": "unclassified",\n      "requires_exec_guard": false\n    }\n  ]\n}\n',
    );
  });

  it('an unchanged file is returned untouched, even without a trailing newline', () => {
    const text = '{"version":1,"scripts":[{"path":"a.py","category":"safe","requires_exec_guard":false}]}';
    const plan = syncManifestText(F, text, ['a.py'], tracked('a.py'));
    expect(plan.changed).toBe(false);
    expect(plan.text).toBe(text);
  });

  it('refuses an invalid manifest, naming file and line', () => {
    const err = (() => {
      try {
        syncManifestText(F, '{\n  "version": 1,\n  "scripts": [,]\n}\n', [], tracked());
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).file).toBe(F);
    expect((err as ConfigError).line).toBe(3);
  });
});
