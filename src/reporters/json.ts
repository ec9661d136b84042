import type { Report } from '../core/report.js';

/**
 * The report as published in schemas/report.schema.json. The Report is already
 * the contract, so this adds nothing: any reshaping here would fork the schema.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
