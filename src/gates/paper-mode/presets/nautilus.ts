/**
 * nautilus_trader: `environment=LIVE` on a TradingNode is not real money; the venue exec client
 * configs decide, and their `environment` defaults to LIVE. Older pins used testnet/demo flags.
 */
import { arg, hit, moduleConstants, pyCalls, pyImports, pyValue, short } from './py.js';
import { rule } from '../rules.js';
import type { Preset, PresetHit } from './types.js';

/** Venues whose exec config has the `environment` enum (adapters/<venue>/config.py). */
const ENV_VENUES = new Set(['binance', 'bybit', 'okx', 'bitmex', 'deribit', 'dydx', 'hyperliquid', 'kraken']);
const LEGACY = ['testnet', 'is_testnet', 'demo', 'is_demo', 'use_testnet'];
const PAPER_ENVS = /(?:^|\.)(TESTNET|DEMO|SANDBOX)$/;

export const nautilus: Preset = {
  id: 'nautilus',
  rule: rule('preset-nautilus-live', {
    title: 'nautilus_trader venue client on live',
    description: 'A venue `*ExecClientConfig` whose `environment` is LIVE, None or unset (it defaults to LIVE) and no legacy testnet/demo flag; `DockerizedIBGatewayConfig(trading_mode="live")`.',
    defaultSeverity: 'error',
    help: 'Set `environment=<Venue>Environment.TESTNET` (or DEMO), or use `SandboxExecutionClientConfig` for simulated fills on live data.',
  }),
  python: {
    mentions: /nautilus_trader/,
    check(tree) {
      const root = tree.rootNode;
      const imports = pyImports(root);
      const consts = moduleConstants(root);
      const out: PresetHit[] = [];
      for (const c of pyCalls(root, imports)) {
        const name = c.name ?? '';
        const m = /^nautilus_trader\.adapters\.([a-z_]+)(?:\.[A-Za-z_.]+)?\.([A-Za-z]+ExecClientConfig)$/.exec(name);
        if (m && ENV_VENUES.has(m[1] as string)) {
          const cls = m[2] as string;
          // The PyO3 (v2) configs spell it `network` for dYdX.
          const env = c.keywords.get('environment') ?? c.keywords.get('network') ?? null;
          const v = pyValue(env, consts);
          if (v) {
            const text = v.kind === 'name' || v.kind === 'str' ? v.value : v.kind === 'none' ? 'None' : '';
            if (PAPER_ENVS.test(text)) continue;
            if (/(?:^|\.)(LIVE|MAINNET|PRODUCTION)$/.test(text) || v.kind === 'none') out.push(hit('live', env!, `${cls}(environment=${short(env!)}) trades on the live venue.`));
            else out.push(hit('review', env!, `${cls} environment=${short(env!)} is decided at run time.`));
            continue;
          }
          let legacy: 'paper' | 'dynamic' | null = null;
          for (const k of LEGACY) {
            const lv = pyValue(c.keywords.get(k) ?? null, consts);
            if (lv?.kind === 'bool' && lv.value) legacy = 'paper';
            else if (lv && lv.kind !== 'bool' && legacy === null) legacy = 'dynamic';
          }
          if (legacy === 'paper') continue;
          if (legacy === 'dynamic' || c.splat) out.push(hit('review', c.node, `${cls}: its environment is decided at run time.`, `${cls} dynamic`));
          else out.push(hit('live', c.node, `${cls} without environment: it defaults to LIVE.`, `${cls} environment unset`));
        } else if (/^nautilus_trader\.adapters\.interactive_brokers(?:\.[a-z_.]+)?\.DockerizedIBGatewayConfig$/.test(name)) {
          const mode = arg(c, 'trading_mode', null);
          const v = pyValue(mode, consts);
          if (v?.kind === 'str' && v.value === 'live') out.push(hit('live', mode!, 'DockerizedIBGatewayConfig(trading_mode="live") logs in to the live account.'));
          else if (v && v.kind !== 'str') out.push(hit('review', mode!, `DockerizedIBGatewayConfig trading_mode=${short(mode!)} is decided at run time.`));
        }
      }
      return out;
    },
  },
};
