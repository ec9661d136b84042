/**
 * ccxt is live unless told otherwise: `set_sandbox_mode(True)` / `setSandboxMode(true)`,
 * `enable_demo_trading(True)`, or the `sandbox`/`testnet` option. A client without API keys can
 * only read public data, so only keyed clients (or clients whose keys we cannot see) matter.
 */
import type { SyntaxNode } from '../../../core/python.js';
import { walk, jsHit, jsQualified, jsValue, objectProps, type JsFile, type JsNode } from './js.js';
import { dictEntries, hit, moduleConstants, pyCalls, pyImports, pyValue, qualified, short, type PyCall } from './py.js';
import { rule } from '../rules.js';
import type { Preset, PresetHit } from './types.js';

const SWITCHES = new Set(['set_sandbox_mode', 'setSandboxMode', 'enable_demo_trading', 'enableDemoTrading']);
const KEYS = ['apiKey', 'secret', 'privateKey', 'walletAddress', 'uid', 'password'];
/** Lower-case members of the ccxt module that are not exchange classes. */
const NOT_EXCHANGES = new Set(['exchanges', 'version', 'base', 'async_support', 'pro', 'static_dependencies', 'decimal_to_precision']);
const EXCHANGE = /^ccxt(?:\.async_support|\.pro)?\.([a-z][a-z0-9_]*)$/;

type Instance = { node: SyntaxNode | JsNode; label: string; keyed: 'yes' | 'no' | 'unknown'; paper: boolean };

export const ccxt: Preset = {
  id: 'ccxt',
  rule: rule('preset-ccxt-live', {
    title: 'ccxt client trades live',
    description: 'A ccxt exchange given API keys with no sandbox/demo switch in the same file, or `set_sandbox_mode(False)`.',
    defaultSeverity: 'error',
    help: 'Call `exchange.set_sandbox_mode(True)` (or `enable_demo_trading(True)`) right after creating a keyed exchange, in the same file.',
  }),
  python: {
    mentions: /\bccxt\b|set_sandbox_mode|enable_demo_trading/,
    check(tree) {
      const root = tree.rootNode;
      const imports = pyImports(root);
      const consts = moduleConstants(root);
      const calls = pyCalls(root, imports);
      const out: PresetHit[] = [];
      let switched = false;
      for (const c of calls) {
        const fn = c.node.childForFieldName('function');
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
        if (!method || !SWITCHES.has(method)) continue;
        const v = pyValue(c.positional[0] ?? c.keywords.get('enabled') ?? null, consts);
        if (v?.kind === 'bool' && v.value) switched = true;
        else if (v?.kind === 'bool' || !v) out.push(hit('live', c.node, `${method}(${v ? 'False' : ''}) keeps the exchange on the live API.`, `${method} False`));
        else {
          switched = true;
          out.push(hit('review', c.node, `${method}(${short(c.positional[0] ?? c.node)}) is decided at run time.`));
        }
      }
      const keyedByAttribute = /\.\s*(apiKey|secret)\s*=[^=]/.test(tree.rootNode.text);
      const instances: Instance[] = [];
      for (const c of calls) {
        const id = exchangeId(c, imports);
        if (!id) continue;
        const config = c.positional[0] ?? c.keywords.get('config') ?? null;
        const dict = dictEntries(config);
        let keyed: Instance['keyed'] = 'no';
        let paper = false;
        if (c.splat || (config && !dict)) keyed = 'unknown';
        else if (dict) {
          keyed = KEYS.some((k) => dict.has(k) && pyValue(dict.get(k) ?? null)?.kind !== 'none' && !(pyValue(dict.get(k) ?? null)?.kind === 'str' && (pyValue(dict.get(k) ?? null) as { value: string }).value === '')) ? 'yes' : 'no';
          const options = dictEntries(dict.get('options') ?? null);
          for (const m of [dict, options]) for (const k of ['sandbox', 'testnet', 'sandboxMode']) if (m?.get(k)?.type === 'true') paper = true;
        }
        if (keyed === 'no' && keyedByAttribute) keyed = 'yes';
        instances.push({ node: c.node, label: id, keyed, paper });
      }
      for (const i of instances) {
        if (i.paper || switched || i.keyed === 'no') continue;
        const node = i.node as SyntaxNode;
        out.push(
          i.keyed === 'yes'
            ? hit('live', node, `ccxt ${i.label} gets API keys and this file never calls set_sandbox_mode(True): it trades live.`, `ccxt ${i.label} keyed`)
            : hit('review', node, `ccxt ${i.label} gets a config we cannot read (${short(node)}) and this file never calls set_sandbox_mode(True).`, `ccxt ${i.label} config`),
        );
      }
      return out;
    },
  },
  javascript: {
    mentions: /\bccxt\b|setSandboxMode|enableDemoTrading/,
    check(js) {
      return checkJs(js);
    },
  },
};

function exchangeId(c: PyCall, imports: Map<string, string>): string | null {
  const m = EXCHANGE.exec(c.name ?? '');
  if (m && !NOT_EXCHANGES.has(m[1] as string)) return m[1] as string;
  // getattr(ccxt, name)(config): the exchange is chosen at run time.
  const fn = c.node.childForFieldName('function');
  if (fn?.type === 'call' && fn.childForFieldName('function')?.text === 'getattr') {
    const target = fn.childForFieldName('arguments')?.namedChildren[0] ?? null;
    if (/^ccxt(\.|$)/.test(qualified(target, imports) ?? '')) return `getattr(${target?.text}, ...)`;
  }
  return null;
}

function checkJs(js: JsFile): PresetHit[] {
  const out: PresetHit[] = [];
  let switched = false;
  const instances: Instance[] = [];
  walk(js.program, (n) => {
    if (n.type === 'CallExpression') {
      const callee = n.callee as JsNode;
      const method = callee.type === 'MemberExpression' && !callee.computed ? String((callee.property as JsNode).name) : null;
      if (method && SWITCHES.has(method)) {
        const v = jsValue((n.arguments as JsNode[])[0], js.text);
        if (v?.kind === 'bool' && v.value) switched = true;
        else if (v?.kind === 'bool' || !v) out.push(jsHit('live', n, js.text, `${method}(false) keeps the exchange on the live API.`));
        else {
          switched = true;
          out.push(jsHit('review', n, js.text, `${method}(...) is decided at run time.`));
        }
      }
    }
    if (n.type !== 'NewExpression') return;
    const callee = n.callee as JsNode;
    const name = jsQualified(callee, js.imports);
    let label: string | null = null;
    const m = name ? /^ccxt(?:\.pro)?\.([a-z][a-z0-9_]*)$/.exec(name) : null;
    if (m && !NOT_EXCHANGES.has(m[1] as string)) label = m[1] as string;
    else if (callee.type === 'MemberExpression' && callee.computed && /^ccxt(\.pro)?$/.test(jsQualified(callee.object as JsNode, js.imports) ?? '')) label = 'ccxt[...]';
    if (!label) return;
    const config = (n.arguments as JsNode[])[0];
    const props = objectProps(config);
    let keyed: Instance['keyed'] = config && !props ? 'unknown' : 'no';
    let paper = false;
    if (props) {
      keyed = KEYS.some((k) => props.has(k)) ? 'yes' : 'no';
      const options = objectProps(props.get('options'));
      for (const o of [props, options]) for (const k of ['sandbox', 'testnet', 'sandboxMode']) if (jsValue(o?.get(k), js.text)?.kind === 'bool' && (jsValue(o?.get(k), js.text) as { value: boolean }).value) paper = true;
    }
    instances.push({ node: n, label, keyed, paper });
  });
  const keyedByAttribute = /\.\s*(apiKey|secret)\s*=[^=]/.test(js.text);
  for (const i of instances) {
    const keyed = i.keyed === 'no' && keyedByAttribute ? 'yes' : i.keyed;
    if (i.paper || switched || keyed === 'no') continue;
    out.push(jsHit(keyed === 'yes' ? 'live' : 'review', i.node as JsNode, js.text,
      keyed === 'yes' ? `ccxt ${i.label} gets API keys and this file never calls setSandboxMode(true): it trades live.` : `ccxt ${i.label} gets a config we cannot read and this file never calls setSandboxMode(true).`));
  }
  return out;
}
