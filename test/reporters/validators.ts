import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

function readJson(path: string | URL): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Strict mode on: a typo'd keyword in our own schema should fail the test, not be ignored. */
export function reportValidator(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // Under NodeNext the CJS default export arrives as module.exports; `.default` exists at runtime too.
  addFormats.default(ajv);
  return ajv.compile(readJson(new URL('../../schemas/report.schema.json', import.meta.url)));
}

/**
 * The published SARIF 2.1.0 schema is draft-04 (`id`, draft-04 `$schema`), which
 * Ajv 8 does not load as such; its keywords are draft-07 compatible once the
 * draft-04 identifiers are removed, and strict is off for its annotations.
 * Its `language` pattern has a stray `]` that only a non-unicode RegExp accepts,
 * hence `unicodeRegExp: false` (the pattern behaves as its authors tested it).
 */
export function sarifValidator(): ValidateFunction {
  const schema = readJson(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
