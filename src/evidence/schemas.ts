/** Loads and compiles the JSON Schemas shipped in `schemas/` (draft-07 and 2020-12), once each. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { packageRoot } from '../core/policy.js';

const cache = new Map<string, ValidateFunction>();

export function schemaPath(name: string): string {
  return path.join(packageRoot(), 'schemas', name);
}

/** The validator of `schemas/<name>`, or null when that schema is not installed (optional schemas). */
export function optionalValidator(name: string): ValidateFunction | null {
  return existsSync(schemaPath(name)) ? validator(name) : null;
}

export function validator(name: string): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8')) as { $schema?: string };
    const ajv = String(schema.$schema).includes('2020-12')
      ? new Ajv2020.default({ allErrors: true, strict: false })
      : new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    v = ajv.compile(schema);
    cache.set(name, v);
  }
  return v;
}

/** The first few schema errors as `/pointer message` strings. */
export function schemaErrors(v: ValidateFunction, max = 5): string[] {
  return (v.errors ?? []).slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
