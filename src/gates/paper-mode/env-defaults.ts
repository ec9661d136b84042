/**
 * Defaults in code that reads the trading mode or a live flag from the environment: a missing
 * variable must mean paper. Python through the tree-sitter tree, JS/TS through Babel's.
 */
import type { SyntaxTree } from '../../core/python.js';
import type { Flags } from './flags.js';
import { jsHit, jsValue, src, walk, type JsFile, type JsNode } from './presets/js.js';
import { hit, moduleConstants, pyCalls, pyImports, pyValue } from './presets/py.js';
import type { PresetHit } from './presets/types.js';

const READERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault', 'os.getenvb']);

export function pythonEnvDefaults(tree: SyntaxTree, flags: Flags): PresetHit[] {
  const root = tree.rootNode;
  const imports = pyImports(root);
  const consts = moduleConstants(root);
  const out: PresetHit[] = [];
  for (const c of pyCalls(root, imports)) {
    if (!READERS.has(c.name ?? '')) continue;
    const name = pyValue(c.positional[0] ?? c.keywords.get('key') ?? null, consts);
    if (name?.kind !== 'str' || !flags.kind(name.value)) continue;
    const def = c.positional[1] ?? c.keywords.get('default') ?? null;
    const v = pyValue(def, consts);
    if (!v || v.kind === 'dynamic' || v.kind === 'name') continue;
    const value = v.kind === 'none' ? null : v.value;
    const why = flags.unsafeDefault(name.value, value);
    if (why) out.push(hit('live', def!, `${c.name}("${name.value}", ...) ${why}.`, `${name.value} default ${def!.text}`));
  }
  return out;
}

/** `process.env.NAME ?? d`, `process.env.NAME || d`, `process.env["NAME"] ?? d`. */
export function jsEnvDefaults(js: JsFile, flags: Flags): PresetHit[] {
  const out: PresetHit[] = [];
  walk(js.program, (n) => {
    if (n.type !== 'LogicalExpression' || (n.operator !== '??' && n.operator !== '||')) return;
    const name = envName(n.left as JsNode);
    if (!name || !flags.kind(name)) return;
    const right = n.right as JsNode;
    const v = jsValue(right, js.text);
    if (!v || v.kind === 'dynamic') return;
    const value = v.kind === 'null' ? null : v.value;
    const why = flags.unsafeDefault(name, value);
    if (why) out.push({ ...jsHit('live', right, js.text, `process.env.${name} ${n.operator} ${src(right, js.text)} ${why}.`), matched: `${name} default ${src(right, js.text)}` });
  });
  return out;
}

function envName(n: JsNode): string | null {
  let e = n;
  while (e.type === 'TSAsExpression' || e.type === 'TSNonNullExpression' || e.type === 'ParenthesizedExpression') e = e.expression as JsNode;
  if (e.type !== 'MemberExpression' && e.type !== 'OptionalMemberExpression') return null;
  const obj = e.object as JsNode;
  if (obj.type !== 'MemberExpression' || (obj.object as JsNode).name !== 'process' || (obj.property as JsNode).name !== 'env') return null;
  const prop = e.property as JsNode;
  if (!e.computed) return String(prop.name);
  return prop.type === 'StringLiteral' ? String(prop.value) : null;
}
