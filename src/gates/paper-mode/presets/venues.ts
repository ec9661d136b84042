/**
 * Single-venue Python SDKs whose paper switch is a constructor argument: python-binance, pybit,
 * oandapyV20, and Interactive Brokers through ib_insync/ib_async.
 */
import type { SyntaxTree } from '../../../core/python.js';
import { arg, hit, moduleConstants, pyCalls, pyImports, pyValue, qualified, short, type PyCall } from './py.js';
import { rule } from '../rules.js';
import type { Preset, PresetHit } from './types.js';

function calls(tree: SyntaxTree): { calls: PyCall[]; consts: ReturnType<typeof moduleConstants>; imports: Map<string, string> } {
  const root = tree.rootNode;
  const imports = pyImports(root);
  return { calls: pyCalls(root, imports), consts: moduleConstants(root), imports };
}

/** `testnet=True` or `demo=True`: anything else on a keyed client is live; a computed value is for review. */
function testnetCheck(c: PyCall, consts: ReturnType<typeof moduleConstants>, label: string, testnetPosition: number | null): PresetHit | null {
  const switches = [['testnet', arg(c, 'testnet', testnetPosition)], ['demo', c.keywords.get('demo') ?? null]] as const;
  let dynamic: string | null = null;
  for (const [k, node] of switches) {
    const v = pyValue(node, consts);
    if (v?.kind === 'bool' && v.value) return null;
    if (v && v.kind !== 'bool' && v.kind !== 'none') dynamic = `${k}=${short(node!)}`;
  }
  if (c.splat && !dynamic) dynamic = 'arguments passed with * or **';
  if (dynamic) return hit('review', c.node, `${label}(${dynamic}): testnet/demo is decided at run time.`, `${label} ${dynamic}`);
  return hit('live', c.node, `${label} without testnet=True or demo=True connects to the live exchange with API keys.`, `${label} live`);
}

export const pythonBinance: Preset = {
  id: 'python-binance',
  rule: rule('preset-python-binance-live', {
    title: 'python-binance client trades live',
    description: '`Client`/`AsyncClient.create` from python-binance given API keys without `testnet=True` or `demo=True`.',
    defaultSeverity: 'error',
    help: 'Pass `testnet=True` (or `demo=True`) to the client.',
  }),
  python: {
    mentions: /\bbinance\b/,
    check(tree) {
      const { calls: all, consts } = calls(tree);
      const out: PresetHit[] = [];
      for (const c of all) {
        if (!/^binance(?:\.client|\.async_client)?\.(?:Client|AsyncClient(?:\.create)?)$/.test(c.name ?? '')) continue;
        // Without keys the client can only read public data.
        const keyed = c.positional.length > 0 || c.keywords.has('api_key') || c.splat;
        if (!keyed) continue;
        const h = testnetCheck(c, consts, (c.name ?? '').replace(/^binance\.(client\.|async_client\.)?/, ''), 5);
        if (h) out.push(h);
      }
      return out;
    },
  },
};

export const pybit: Preset = {
  id: 'pybit',
  rule: rule('preset-pybit-live', {
    title: 'pybit session trades live',
    description: '`HTTP`/`WebSocket`/`WebSocketTrading` from pybit given API keys without `testnet=True` or `demo=True`.',
    defaultSeverity: 'error',
    help: 'Pass `testnet=True` (or `demo=True`) to the session.',
  }),
  python: {
    mentions: /\bpybit\b/,
    check(tree) {
      const { calls: all, consts } = calls(tree);
      const out: PresetHit[] = [];
      for (const c of all) {
        const m = /^pybit\.[a-z_]+\.(HTTP|WebSocket|WebSocketTrading)$/.exec(c.name ?? '');
        if (!m) continue;
        const keyed = m[1] === 'WebSocketTrading' || c.keywords.has('api_key') || c.splat;
        if (!keyed) continue;
        const h = testnetCheck(c, consts, m[1] as string, null);
        if (h) out.push(h);
      }
      return out;
    },
  },
};

export const oanda: Preset = {
  id: 'oanda',
  rule: rule('preset-oanda-live', {
    title: 'oandapyV20 client on the live environment',
    description: '`oandapyV20.API(environment="live")`.',
    defaultSeverity: 'error',
    help: 'Omit `environment` or pass `environment="practice"`.',
  }),
  python: {
    mentions: /oandapyV20/,
    check(tree) {
      const { calls: all, consts } = calls(tree);
      const out: PresetHit[] = [];
      for (const c of all) {
        if (!/^oandapyV20(?:\.oandapyV20)?\.API$/.test(c.name ?? '')) continue;
        const env = arg(c, 'environment', 1);
        const v = pyValue(env, consts);
        if (v?.kind === 'str' && v.value !== 'practice') out.push(hit('live', env!, `oandapyV20 API environment=${JSON.stringify(v.value)} trades on the live fxTrade account.`));
        else if (v && v.kind !== 'str') out.push(hit('review', env!, `oandapyV20 API environment=${short(env!)} is decided at run time.`));
        else if (!env && c.splat) out.push(hit('review', c.node, 'oandapyV20 API(**kwargs): environment is decided at run time.'));
      }
      return out;
    },
  },
};

const IB_LIVE = new Set([7496, 4001]);

export const ib: Preset = {
  id: 'ib',
  rule: rule('preset-ib-live', {
    title: 'Interactive Brokers connection to a live port',
    description: '`IB.connect`/`connectAsync` (ib_insync, ib_async) on port 7496 (TWS live) or 4001 (Gateway live), or `IBC(tradingMode="live")`.',
    defaultSeverity: 'error',
    help: 'Connect to the paper ports (TWS 7497, IB Gateway 4002) and start IBC with `tradingMode="paper"`.',
  }),
  python: {
    mentions: /\bib_(?:insync|async)\b/,
    check(tree) {
      const { calls: all, consts, imports } = calls(tree);
      if (![...imports.values()].some((m) => /^ib_(insync|async)(\.|$)/.test(m))) return [];
      const out: PresetHit[] = [];
      for (const c of all) {
        const fn = c.node.childForFieldName('function');
        if (/^ib_(insync|async)(\.[a-z_]+)?\.IBC$/.test(c.name ?? '')) {
          const mode = c.keywords.get('tradingMode') ?? null;
          const v = pyValue(mode, consts);
          if (v?.kind === 'str' && v.value === 'live') out.push(hit('live', mode!, 'IBC(tradingMode="live") logs in to the live account.'));
          else if (v && v.kind !== 'str' && v.kind !== 'none') out.push(hit('review', mode!, `IBC tradingMode=${short(mode!)} is decided at run time.`));
          continue;
        }
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
        if (method !== 'connect' && method !== 'connectAsync') continue;
        // Another library's connect (sqlite3.connect, ...) is not an IB connection.
        const owner = qualified(fn!.childForFieldName('object'), imports);
        if (owner && !/^ib_(insync|async)(\.|$)/.test(owner)) continue;
        const port = arg(c, 'port', 1);
        const v = pyValue(port, consts);
        if (v?.kind === 'int' && IB_LIVE.has(v.value)) out.push(hit('live', port!, `${method} on port ${v.value}: the ${v.value === 7496 ? 'TWS' : 'IB Gateway'} live port.`, `${method} port ${v.value}`));
        else if (v && v.kind !== 'int' && v.kind !== 'none') out.push(hit('review', port!, `${method} port=${short(port!)} is decided at run time (live ports 7496, 4001).`));
      }
      return out;
    },
  },
};
