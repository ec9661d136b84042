/**
 * hummingbot: the connector name decides. `binance_paper_trade` (and testnet connectors) are paper;
 * a plain exchange connector places real orders. Connector names live in strategy/script/controller
 * config YAML and in the defaults of script and controller config classes. Call keywords such as
 * `CandlesConfig(connector="binance")` are market-data feeds and are deliberately not read.
 */
import { findNodes, type SyntaxNode } from '../../../core/python.js';
import { readConfig } from '../../../core/config-files.js';
import { rule } from '../rules.js';
import { hit, pyValue, short } from './py.js';
import type { Preset, PresetHit } from './types.js';

/** Config keys whose value is a connector (not `market`: there it is a trading pair). */
const CONNECTOR_KEYS = new Set([
  'exchange', 'exchanges', 'connector', 'connectors', 'connector_name', 'connector_1', 'connector_2', 'derivative',
  'spot_connector', 'perpetual_connector', 'maker_market', 'taker_market', 'primary_market', 'secondary_market',
]);

export function isPaperConnector(name: string): boolean {
  return /_paper_trade$/i.test(name) || /testnet|sandbox|demo/i.test(name);
}

/** A YAML file is a hummingbot config when it lives under conf/ or carries hummingbot's own keys. */
const HUMMINGBOT_YAML = /^(template_version|script_file_name|controller_name|controller_type|strategy)\s*:/m;

function liveMessage(name: string, where: string): string {
  return `hummingbot connector "${name}" (${where}) places real orders; paper connectors end in _paper_trade.`;
}

export const hummingbot: Preset = {
  id: 'hummingbot',
  rule: rule('preset-hummingbot-live', {
    title: 'hummingbot live connector',
    description: 'A hummingbot config or a script/controller config default names a connector that is not a paper (`*_paper_trade`) or testnet connector.',
    defaultSeverity: 'error',
    help: 'Use the paper connector (`binance_paper_trade`, `kucoin_paper_trade`, …) or a testnet connector; choose live connectors only in reviewed deployment config.',
  }),
  config: {
    applies: (p) => /\.ya?ml$/i.test(p) && !/(^|\/)\.github\//.test(p),
    mentions: /^\s*(exchange|exchanges|connector[\w]*|derivative|spot_connector|perpetual_connector|maker_market|taker_market|primary_market|secondary_market)\s*:/m,
    check(file) {
      if (!/(^|\/)conf\//.test(file.path) && !HUMMINGBOT_YAML.test(file.text)) return [];
      const out: PresetHit[] = [];
      for (const e of readConfig(file.path, file.text, 'yaml')) {
        const key = [...e.path].reverse().find((k): k is string => typeof k === 'string');
        if (!key || !CONNECTOR_KEYS.has(key) || typeof e.value !== 'string' || e.value.trim() === '') continue;
        if (isPaperConnector(e.value)) continue;
        out.push({ kind: 'live', line: e.line, column: e.column, matched: `${key} ${e.value}`, message: liveMessage(e.value, `${e.path.join('.')}`) });
      }
      return out;
    },
  },
  python: {
    mentions: /\bhummingbot\b/,
    check(tree) {
      const out: PresetHit[] = [];
      // A connector's own credential map (`class XConfigMap(BaseConnectorConfigMap): connector = "x"`)
      // names the connector it configures; it is not a bot choosing where to trade.
      const classOrModuleLevel = (n: SyntaxNode) => {
        const holder = n.parent?.parent;
        if (holder?.type === 'module') return true;
        if (holder?.type !== 'block' || holder.parent?.type !== 'class_definition') return false;
        return !/ConnectorConfigMap\b/.test(holder.parent.childForFieldName('superclasses')?.text ?? '');
      };
      for (const a of findNodes(tree.rootNode, (n) => n.type === 'assignment' && classOrModuleLevel(n))) {
        const name = a.childForFieldName('left')?.text ?? '';
        const right = a.childForFieldName('right');
        if (!right) continue;
        if (name === 'markets') out.push(...marketKeys(right));
        else if (CONNECTOR_KEYS.has(name)) out.push(...connectorValues(fieldDefault(right), name));
      }
      return out;
    },
  },
};

/** `Field(default=x)` / `Field(x, ...)` (pydantic) carries the value; anything else is the value. */
function fieldDefault(node: SyntaxNode): SyntaxNode | null {
  if (node.type !== 'call' || !/(^|\.)Field$/.test(node.childForFieldName('function')?.text ?? '')) return node;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  const kw = args.find((x) => x?.type === 'keyword_argument' && x.childForFieldName('name')?.text === 'default');
  if (kw) return kw.childForFieldName('value');
  const first = args[0];
  return first && first.type !== 'keyword_argument' ? first : null;
}

function connectorValues(node: SyntaxNode | null, name: string): PresetHit[] {
  if (!node) return [];
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set') {
    return node.namedChildren.flatMap((c) => (c ? connectorValues(c, name) : []));
  }
  const v = pyValue(node);
  if (v?.kind === 'str') return isPaperConnector(v.value) || !v.value ? [] : [hit('live', node, liveMessage(v.value, name))];
  if (v?.kind === 'none' || v?.kind === 'name' || (v?.kind === 'dynamic' && node.type === 'ellipsis')) return [];
  // A call other than an environment read (an ORM `Column(...)`, a config helper) is not a connector choice.
  if (node.type === 'call' && !/getenv|environ/.test(node.childForFieldName('function')?.text ?? '')) return [];
  return [hit('review', node, `hummingbot ${name} is computed at run time (${short(node)}): whether it is a paper connector cannot be shown.`)];
}

/** `markets = {"binance_paper_trade": {"ETH-USDT"}}`: the keys are connectors. */
function marketKeys(node: SyntaxNode): PresetHit[] {
  if (node.type !== 'dictionary') return [];
  return node.namedChildren.flatMap((p) => {
    if (p?.type !== 'pair') return [];
    const key = p.childForFieldName('key');
    return key ? connectorValues(key, 'markets') : [];
  });
}
