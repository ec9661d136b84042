/**
 * Validates fixture bodies against GitHub's own OpenAPI description, so a fixture that
 * drifts from what api.github.com really returns fails the test instead of passing it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components: Record<string, Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const spec = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
) as OpenApiDoc;

/**
 * Ajv refuses OpenAPI's `nullable: true` on a schema without `type` (GitHub writes it beside
 * `allOf`/`anyOf`, e.g. an issue's milestone); rewritten once as "that schema, or null".
 */
function nullableWithoutType(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  for (const child of Object.values(node)) nullableWithoutType(child);
  const n = node as Record<string, unknown>;
  if (n['nullable'] === true && !('type' in n) && !Array.isArray(node)) {
    const { nullable: _nullable, ...rest } = n;
    for (const k of Object.keys(n)) delete n[k];
    n['anyOf'] = [rest, { type: 'null' }];
  }
}
nullableWithoutType(spec.components);
nullableWithoutType(spec.paths);

// OpenAPI 3.0 schemas are a dialect of JSON Schema: `nullable` Ajv understands natively,
// `example`/`discriminator`/`x-*` are annotations that strict:false lets through, and the
// integer formats below are OpenAPI's own.
/**
 * Two spots where OpenAPI's `nullable` and Ajv disagree: an `enum` with `nullable: true` must list null
 * itself for Ajv to accept it (check-run `conclusion`), and Ajv refuses `nullable` beside no `type`
 * (a `$ref`/`allOf`, as in the ruleset schemas). Both are rewritten to what the description means.
 */
function normalizeNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(normalizeNullable);
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  if (n['nullable'] === true) {
    if (Array.isArray(n['enum']) && !n['enum'].includes(null)) n['enum'] = [...n['enum'], null];
    if (n['type'] === undefined) {
      delete n['nullable'];
      const rest = { ...n };
      for (const k of Object.keys(n)) delete n[k];
      n['anyOf'] = [rest, { type: 'null' }];
    }
  }
  for (const v of Object.values(n)) normalizeNullable(v);
}
normalizeNullable(spec.components);
normalizeNullable(spec.paths);

const ajv = new Ajv({ strict: false, allErrors: true });
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });

const compiled = new Map<string, ValidateFunction | null>();

function deref(node: unknown): Record<string, unknown> | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string') return node as Record<string, unknown>;
  // Response-level refs (#/components/responses/not_found) are OpenAPI, not JSON Schema: resolve by hand.
  let target: unknown = spec;
  for (const part of ref.replace(/^#\//, '').split('/')) target = (target as Record<string, unknown>)[part];
  return deref(target);
}

/** The compiled schema for one operation's response, or null when the description defines no body for it. */
function validatorFor(method: string, template: string, status: number): ValidateFunction | null {
  const key = `${method} ${template} ${status}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`GitHub's OpenAPI description has no operation ${method} ${template}`);
  const response = deref(operation.responses?.[String(status)]);
  const content = deref(response?.['content']) as Record<string, { schema?: unknown }> | undefined;
  const schema = content?.['application/json']?.schema;
  let validate: ValidateFunction | null = null;
  if (schema !== undefined) {
    // Component refs (#/components/schemas/…) resolve against this root, which carries the components.
    validate = ajv.compile({ ...(schema as object), components: spec.components });
  }
  compiled.set(key, validate);
  return validate;
}

/**
 * Throws unless `body` is what GitHub documents for `method template` answering `status`.
 * A 2xx must have a documented schema and match it; an error status is checked against its
 * documented schema, or against GitHub's generic error body when none is documented.
 */
export function assertValidResponse(method: string, template: string, status: number, body: unknown): void {
  let validate = validatorFor(method, template, status);
  if (!validate) {
    if (status >= 200 && status < 300) {
      if (body === undefined && status === 204) return;
      throw new Error(`GitHub documents no JSON body for ${method} ${template} ${status}`);
    }
    if (body === undefined) return;
    validate = ajv.compile({ $ref: '#/components/schemas/basic-error', components: spec.components });
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`fixture for ${method} ${template} ${status} does not match GitHub's OpenAPI description: ${errors}`);
  }
}

/** GitHub's own recorded example for an operation's response, as a base for fixtures. */
export function documentedExample(method: string, template: string, status: number): unknown {
  const operation = spec.paths[template]?.[method.toLowerCase()];
  const content = deref(deref(operation?.responses?.[String(status)])?.['content']) as
    | Record<string, { examples?: Record<string, unknown> }>
    | undefined;
  const examples = content?.['application/json']?.examples ?? {};
  const first = Object.values(examples)[0];
  const example = deref(first);
  if (!example || !('value' in example)) throw new Error(`no documented example for ${method} ${template} ${status}`);
  return structuredClone(example['value']);
}

/** Throws unless `body` is a valid JSON request body of `method template` as GitHub describes it. */
export function assertValidRequestBody(method: string, template: string, body: unknown): void {
  const operation = spec.paths[template]?.[method.toLowerCase()] as { requestBody?: unknown } | undefined;
  if (!operation) throw new Error(`GitHub's OpenAPI description has no operation ${method} ${template}`);
  const content = deref(deref(operation.requestBody)?.['content']) as Record<string, { schema?: unknown }> | undefined;
  const schema = content?.['application/json']?.schema;
  if (schema === undefined) throw new Error(`GitHub documents no JSON request body for ${method} ${template}`);
  const key = `request ${method} ${template}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile({ ...(schema as object), components: spec.components });
    compiled.set(key, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`request body for ${method} ${template} does not match GitHub's OpenAPI description: ${errors}`);
  }
}
