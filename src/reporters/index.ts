import type { Report } from '../core/report.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface RenderOptions {
  /** Only the text format colours; the others are for machines. */
  color: boolean;
}

/**
 * The formats that render a Report into one string. `github` is deliberately
 * not here: it writes annotations and a step summary rather than returning a
 * document, and its owner adds it to the `Format` union. When it does fit this
 * shape, it is one more key below and the compiler checks the union is covered.
 */
export type DocumentFormat = 'text' | 'json' | 'sarif';

const RENDERERS: Record<DocumentFormat, (report: Report, opts: RenderOptions) => string> = {
  text: renderText,
  json: (report) => renderJson(report),
  sarif: (report) => renderSarif(report),
};

/** Reporters never decide pass/fail: the exit code is the command layer's. */
export function renderReport(report: Report, format: DocumentFormat, opts: RenderOptions = { color: false }): string {
  return RENDERERS[format](report, opts);
}

export { renderJson, renderSarif, renderText };
