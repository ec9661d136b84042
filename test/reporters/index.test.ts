import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reporters/index.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderText } from '../../src/reporters/text.js';
import { failReport } from './fixtures.js';

describe('renderReport', () => {
  it('dispatches each format to its reporter', () => {
    const report = failReport();
    expect(renderReport(report, 'json', { color: true })).toBe(renderJson(report));
    expect(renderReport(report, 'sarif', { color: true })).toBe(renderSarif(report));
    expect(renderReport(report, 'text', { color: true })).toBe(renderText(report, { color: true }));
  });

  it('defaults to no colour', () => {
    expect(renderReport(failReport(), 'text')).toBe(renderText(failReport(), { color: false }));
    expect(renderReport(failReport(), 'text')).not.toContain('\u001b');
  });
});
