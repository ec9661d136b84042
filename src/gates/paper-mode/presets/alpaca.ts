/**
 * Alpaca's three SDKs choose differently: alpaca-py is paper unless told otherwise; the older
 * Python `alpaca-trade-api` and the JS SDK are live unless given the paper host.
 */
import { walk, jsHit, jsQualified, jsValue, objectProps, src, type JsNode } from './js.js';
import { arg, hit, moduleConstants, pyCalls, pyImports, pyValue, short } from './py.js';
import { rule } from '../rules.js';
import type { Preset, PresetHit } from './types.js';

const LIVE_HOST = /\/\/api\.alpaca\.markets(?:[/:]|$)/;
const PAPER_HOST = /\/\/paper-api\.alpaca\.markets(?:[/:]|$)/;

export const alpacaPy: Preset = {
  id: 'alpaca-py',
  rule: rule('preset-alpaca-py-live', {
    title: 'alpaca-py client set to live',
    description: '`TradingClient`/`TradingStream` with `paper=False` or a live `url_override`, or `BrokerClient(sandbox=False)` (alpaca-py).',
    defaultSeverity: 'error',
    // paperguard-allow: live-trading-endpoint the message names the live host so users can recognise it; nothing connects
    help: 'Omit `paper` (alpaca-py defaults to paper) or pass `paper=True`; never point `url_override` at api.alpaca.markets.',
  }),
  python: {
    mentions: /\balpaca\b/,
    check(tree) {
      const root = tree.rootNode;
      const imports = pyImports(root);
      const consts = moduleConstants(root);
      const out: PresetHit[] = [];
      for (const call of pyCalls(root, imports)) {
        const n = call.name ?? '';
        if (!n.startsWith('alpaca.')) continue;
        const cls = n.slice(n.lastIndexOf('.') + 1);
        if (cls === 'TradingClient' || cls === 'TradingStream') {
          const paper = arg(call, 'paper', cls === 'TradingClient' ? 3 : 2);
          const v = pyValue(paper, consts);
          if (v?.kind === 'bool' && !v.value) out.push(hit('live', paper!, `${cls}(paper=False) trades on the live account.`, `${cls} paper=False`));
          else if (v && v.kind !== 'bool') out.push(hit('review', paper!, `${cls} paper=${short(paper!)} is decided at run time.`, `${cls} paper=${paper!.text}`));
          const url = arg(call, 'url_override', cls === 'TradingClient' ? 5 : null);
          const u = pyValue(url, consts);
          if (u?.kind === 'str' && LIVE_HOST.test(u.value)) out.push(hit('live', url!, `${cls} url_override points at the live host ${u.value}.`));
          else if (u && u.kind !== 'str' && u.kind !== 'none') out.push(hit('review', url!, `${cls} url_override=${short(url!)} is decided at run time.`));
        } else if (cls === 'BrokerClient') {
          const sb = call.keywords.get('sandbox');
          const v = pyValue(sb ?? null, consts);
          if (v?.kind === 'bool' && !v.value) out.push(hit('live', sb!, 'BrokerClient(sandbox=False) uses the live Broker API.'));
          else if (v && v.kind !== 'bool') out.push(hit('review', sb!, `BrokerClient sandbox=${short(sb!)} is decided at run time.`));
        }
      }
      return out;
    },
  },
};

export const alpacaTradeApi: Preset = {
  id: 'alpaca-trade-api',
  rule: rule('preset-alpaca-trade-api-live', {
    title: 'alpaca-trade-api client defaults to live',
    description: '`alpaca_trade_api.REST()`/`Stream()` without a paper `base_url` (it then reads APCA_API_BASE_URL, defaulting to live), or with the live host; `APCA_API_BASE_URL` set to the live host.',
    defaultSeverity: 'error',
    help: 'Pass `base_url="https://paper-api.alpaca.markets"` explicitly (or migrate to alpaca-py, which defaults to paper).',
  }),
  python: {
    mentions: /alpaca_trade_api/,
    check(tree) {
      const root = tree.rootNode;
      const imports = pyImports(root);
      const consts = moduleConstants(root);
      const out: PresetHit[] = [];
      for (const call of pyCalls(root, imports)) {
        const n = call.name ?? '';
        if (!n.startsWith('alpaca_trade_api.') || !/\.(REST|Stream)$/.test(n)) continue;
        const cls = n.slice(n.lastIndexOf('.') + 1);
        let base = arg(call, 'base_url', 2);
        // `URL("https://...")` from alpaca_trade_api.common wraps the string.
        if (base?.type === 'call' && base.childForFieldName('function')?.text.endsWith('URL')) base = base.childForFieldName('arguments')?.namedChildren[0] ?? base;
        const v = pyValue(base, consts);
        if (!base) {
          if (call.splat) out.push(hit('review', call.node, `${cls}(**kwargs): whether a paper base_url is passed is decided at run time.`));
          // paperguard-allow: live-trading-endpoint the message names the live host so users can recognise it; nothing connects
          else out.push(hit('live', call.node, `alpaca_trade_api ${cls}() without base_url uses APCA_API_BASE_URL, which defaults to the live api.alpaca.markets.`, `${cls} without base_url`));
        } else if (v?.kind === 'str') {
          if (!PAPER_HOST.test(v.value)) out.push(hit('live', base, `${cls} base_url ${v.value} is not the paper host.`));
        } else if (v?.kind === 'none') {
          out.push(hit('live', base, `${cls} base_url=None falls back to APCA_API_BASE_URL, which defaults to live.`));
        } else {
          out.push(hit('review', base, `${cls} base_url=${short(base)} is decided at run time.`));
        }
      }
      return out;
    },
  },
  env(a) {
    if (a.name !== 'APCA_API_BASE_URL' || !LIVE_HOST.test(a.value)) return null;
    return { kind: 'live', line: a.line, column: a.column, matched: `${a.name}=${a.value}`, message: `${a.name}=${a.value} points the Alpaca SDKs at the live account.` };
  },
};

export const alpacaJs: Preset = {
  id: 'alpaca-js',
  rule: rule('preset-alpaca-js-live', {
    title: 'Alpaca JS client defaults to live',
    description: '`new Alpaca({...})` from @alpacahq/alpaca-trade-api without `paper: true`, or with a `baseUrl` that is not the paper host (baseUrl beats `paper`).',
    defaultSeverity: 'error',
    help: 'Pass `paper: true` and no `baseUrl`, or `baseUrl: "https://paper-api.alpaca.markets"`.',
  }),
  javascript: {
    mentions: /@alpacahq\/alpaca-trade-api/,
    check(js) {
      const out: PresetHit[] = [];
      walk(js.program, (n) => {
        if (n.type !== 'NewExpression') return;
        const name = jsQualified(n.callee as JsNode, js.imports);
        if (!name || !name.startsWith('@alpacahq/alpaca-trade-api')) return;
        const first = (n.arguments as JsNode[])[0];
        const props = objectProps(first);
        if (!props) {
          out.push(jsHit(first ? 'review' : 'live', first ?? n, js.text, first ? `new Alpaca(${src(first, js.text).slice(0, 40)}): its paper setting is decided at run time.` : 'new Alpaca() without options is live.'));
          return;
        }
        const baseUrl = props.get('baseUrl');
        if (baseUrl) {
          const v = jsValue(baseUrl, js.text);
          if (v?.kind === 'str' && PAPER_HOST.test(v.value)) return;
          if (v?.kind === 'str') out.push(jsHit('live', baseUrl, js.text, `Alpaca baseUrl ${v.value} is not the paper host; it overrides paper.`));
          else out.push(jsHit('review', baseUrl, js.text, `Alpaca baseUrl ${src(baseUrl, js.text)} is decided at run time and overrides paper.`));
          return;
        }
        const paper = props.get('paper');
        const v = jsValue(paper, js.text);
        if (!paper) out.push(jsHit('live', first as JsNode, js.text, 'new Alpaca({...}) without paper: true trades live (unless APCA_API_BASE_URL says otherwise).'));
        else if (v?.kind === 'bool' && !v.value) out.push(jsHit('live', paper, js.text, 'new Alpaca({ paper: false }) trades live.'));
        else if (v?.kind !== 'bool') out.push(jsHit('review', paper, js.text, `Alpaca paper: ${src(paper, js.text)} is decided at run time.`));
      });
      return out;
    },
  },
};
