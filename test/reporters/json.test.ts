import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { renderJson } from '../../src/reporters/json.js';
import { ALL_REPORTS, failReport } from './fixtures.js';
import { reportValidator } from './validators.js';

const validate = reportValidator();

/** A deep copy as plain JSON, so a test can break it in ways the type forbids. */
function mutable(report: Report): Record<string, any> {
  return JSON.parse(renderJson(report)) as Record<string, any>;
}

function errorsOf(doc: unknown): Array<{ instancePath: string; keyword: string; params: unknown }> {
  return validate(doc) ? [] : (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));
}

describe('renderJson', () => {
  it.each(ALL_REPORTS)('%s report validates against schemas/report.schema.json', (_name, build) => {
    const report = build();
    const out = renderJson(report);
    expect(errorsOf(JSON.parse(out))).toEqual([]);
    expect(JSON.parse(out)).toEqual(report);
  });

  it('is pretty-printed with a trailing newline', () => {
    const out = renderJson(failReport());
    expect(out.startsWith('{\n  "version": 1,\n  "tool": {\n    "name": "paperguard",')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });
});

describe('report schema rejects broken reports', () => {
  it('rejects an unknown severity', () => {
    const doc = mutable(failReport());
    doc.gates[0].findings[1].severity = 'fatal';
    expect(errorsOf(doc)).toContainEqual(
      expect.objectContaining({ instancePath: '/gates/0/findings/1/severity', keyword: 'enum' }),
    );
  });

  it('rejects a finding without a fingerprint', () => {
    const doc = mutable(failReport());
    delete doc.gates[0].findings[1].fingerprint;
    expect(errorsOf(doc)).toContainEqual({
      instancePath: '/gates/0/findings/1',
      keyword: 'required',
      params: { missingProperty: 'fingerprint' },
    });
  });

  it('rejects unknown properties at every level', () => {
    for (const mutate of [
      (d: Record<string, any>) => (d.extra = true),
      (d: Record<string, any>) => (d.gates[0].extra = true),
      (d: Record<string, any>) => (d.gates[0].findings[0].extra = true),
      (d: Record<string, any>) => (d.gates[0].findings[0].suppressed.extra = true),
      (d: Record<string, any>) => (d.gates[0].rules[0].extra = true),
      (d: Record<string, any>) => (d.inventory.skipped.extra = 1),
    ]) {
      const doc = mutable(failReport());
      mutate(doc);
      expect(errorsOf(doc).map((e) => e.keyword)).toContain('additionalProperties');
    }
  });

  it('rejects a suppression without a real reason, or with a non-date expiry', () => {
    const blank = mutable(failReport());
    blank.gates[0].findings[0].suppressed.reason = '   ';
    expect(errorsOf(blank)).toContainEqual(
      expect.objectContaining({ instancePath: '/gates/0/findings/0/suppressed/reason', keyword: 'pattern' }),
    );
    const expiry = mutable(failReport());
    expiry.gates[0].findings[4].suppressed.expires = 'next quarter';
    expect(errorsOf(expiry)).toContainEqual(
      expect.objectContaining({ instancePath: '/gates/0/findings/4/suppressed/expires', keyword: 'format' }),
    );
  });

  it('rejects line or column 0 and paths that are not repo-relative', () => {
    const doc = mutable(failReport());
    doc.gates[0].findings[1].line = 0;
    doc.gates[0].findings[2].column = 0;
    expect(errorsOf(doc).map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/gates/0/findings/1/line', '/gates/0/findings/2/column']),
    );
    for (const path of ['/etc/passwd', '../outside.py', 'src/../x.py', './src/x.py', 'C:/repo/x.py', 'src//x.py', '']) {
      const bad = mutable(failReport());
      bad.gates[0].findings[1].path = path;
      expect(errorsOf(bad).map((e) => e.instancePath), path).toContain('/gates/0/findings/1/path');
    }
  });

  it('requires an error message exactly when a gate is in error', () => {
    const missing = mutable(failReport());
    missing.gates[0].status = 'error';
    expect(errorsOf(missing)).toContainEqual(
      expect.objectContaining({ instancePath: '/gates/0', keyword: 'required', params: { missingProperty: 'error' } }),
    );
    const stray = mutable(failReport());
    stray.gates[0].error = 'leftover';
    expect(errorsOf(stray)).toContainEqual(expect.objectContaining({ instancePath: '/gates/0', keyword: 'not' }));
  });

  it('accepts extra integer stats counters but not other values', () => {
    const doc = mutable(failReport());
    doc.gates[0].stats.hostsChecked = 2.5;
    expect(errorsOf(doc)).toContainEqual(
      expect.objectContaining({ instancePath: '/gates/0/stats/hostsChecked', keyword: 'type' }),
    );
    delete doc.gates[0].stats.hostsChecked;
    delete doc.gates[0].stats.rulesRun;
    expect(errorsOf(doc)).toContainEqual(
      expect.objectContaining({ keyword: 'required', params: { missingProperty: 'rulesRun' } }),
    );
  });

  it('rejects a malformed commit and policy digest', () => {
    const doc = mutable(failReport());
    doc.repo.commit = 'abc123';
    doc.policy.sha256 = 'B'.repeat(64);
    const paths = errorsOf(doc).map((e) => e.instancePath);
    expect(paths).toContain('/repo/commit');
    expect(paths).toContain('/policy/sha256');
  });
});
