/**
 * Each preset on a good and a bad source: live findings, reviews for computed values, and nothing
 * from comments, strings, or other libraries' look-alike calls.
 */
import { describe, expect, it } from 'vitest';
import { withPythonTree } from '../../../src/core/python.js';
import { PRESETS } from '../../../src/gates/paper-mode/presets/index.js';
import { parseJs } from '../../../src/gates/paper-mode/presets/js.js';
import type { Preset } from '../../../src/gates/paper-mode/presets/types.js';

async function py(p: Preset, text: string): Promise<string[]> {
  if (!p.python!.mentions.test(text)) return [];
  return withPythonTree('x.py', text, (tree) => p.python!.check(tree, { path: 'x.py', text }).map((h) => `${h.kind} ${h.line}`));
}
function js(p: Preset, text: string, file = 'x.ts'): string[] {
  return p.javascript!.check(parseJs(file, text), { path: file, text }).map((h) => `${h.kind} ${h.line}`);
}
function cfg(p: Preset, text: string, file: string): string[] {
  return p.config!.applies(file) && p.config!.mentions.test(text) ? p.config!.check({ path: file, text }).map((h) => `${h.kind} ${h.line}`) : [];
}

describe('alpaca-py', () => {
  const p = PRESETS['alpaca-py'];
  it('paper=False, positional False, a live url_override are live; a computed paper is a review', async () => {
    expect(await py(p, 'from alpaca.trading.client import TradingClient\nTradingClient("k", "s", paper=False)\nTradingClient("k", "s", None, False)\nTradingClient("k", "s", url_override="https://api.alpaca.markets")\nTradingClient("k", "s", paper=flag)\n')).toEqual(['live 2', 'live 3', 'live 4', 'review 5']);
  });
  it('omitted or True is paper; comments, strings and other TradingClient classes are nothing', async () => {
    expect(await py(p, 'from alpaca.trading.client import TradingClient\nfrom mybroker import TradingClient as T\nTradingClient("k", "s")  # paper=False\nx = "TradingClient(k, s, paper=False)"\nT(paper=False)\n')).toEqual([]);
  });
});

describe('alpaca-trade-api', () => {
  const p = PRESETS['alpaca-trade-api'];
  it('REST without base_url, and with the live host, is live', async () => {
    expect(await py(p, 'import alpaca_trade_api as tradeapi\ntradeapi.REST("k", "s")\ntradeapi.REST("k", "s", "https://api.alpaca.markets")\ntradeapi.REST("k", "s", base_url=url)\n')).toEqual(['live 2', 'live 3', 'review 4']);
  });
  it('the paper host (also through URL()) is paper', async () => {
    expect(await py(p, 'from alpaca_trade_api.rest import REST\nfrom alpaca_trade_api.common import URL\nREST("k", "s", base_url=URL("https://paper-api.alpaca.markets"))\n# REST("k", "s")\n')).toEqual([]);
  });
  it('APCA_API_BASE_URL: live host only', () => {
    expect(p.env!({ name: 'APCA_API_BASE_URL', value: 'https://api.alpaca.markets', line: 1, column: 1 }, '.env')?.kind).toBe('live');
    expect(p.env!({ name: 'APCA_API_BASE_URL', value: 'https://paper-api.alpaca.markets', line: 1, column: 1 }, '.env')).toBeNull();
  });
});

describe('alpaca-js', () => {
  const p = PRESETS['alpaca-js'];
  it('no paper: true, a live baseUrl, a computed baseUrl', () => {
    expect(js(p, 'import Alpaca from "@alpacahq/alpaca-trade-api";\nnew Alpaca({ keyId: "k" });\nnew Alpaca({ paper: true, baseUrl: "https://api.alpaca.markets" });\nnew Alpaca({ paper: true, baseUrl: process.env.URL! });\n')).toEqual(['live 2', 'live 3', 'review 4']);
  });
  it('require() form with paper: true is paper; other modules are nothing', () => {
    expect(js(p, 'const Alpaca = require("@alpacahq/alpaca-trade-api");\nnew Alpaca({ paper: true });\n// new Alpaca({})\n', 'x.js')).toEqual([]);
    expect(js(p, 'import Alpaca from "other";\nnew Alpaca({});\n')).toEqual([]);
  });
});

describe('ccxt', () => {
  const p = PRESETS.ccxt;
  it('a keyed exchange without a sandbox switch, set_sandbox_mode(False), unknown config', async () => {
    expect(await py(p, 'import ccxt\nex = ccxt.binance({"apiKey": k, "secret": s})\n')).toEqual(['live 2']);
    expect(await py(p, 'import ccxt\nex = ccxt.binance()\nex.set_sandbox_mode(False)\n')).toEqual(['live 3']);
    expect(await py(p, 'import ccxt\nex = getattr(ccxt, name)(config)\n')).toEqual(['review 2']);
  });
  it('sandbox switches, the sandbox option and keyless clients are paper; strings are nothing', async () => {
    expect(await py(p, 'import ccxt\nex = ccxt.binance({"apiKey": k})\nex.set_sandbox_mode(True)\n')).toEqual([]);
    expect(await py(p, 'import ccxt.pro as ccxt\nex = ccxt.okx({"apiKey": k, "options": {"sandbox": True}})\n')).toEqual([]);
    expect(await py(p, 'import ccxt\nex = ccxt.kraken()\ns = "ccxt.binance({apiKey: k})"\n')).toEqual([]);
  });
  it('JS: keyed new ccxt.x without setSandboxMode is live; with it, paper', () => {
    expect(js(p, 'import ccxt from "ccxt";\nconst e = new ccxt.binance({ apiKey: k, secret: s });\n')).toEqual(['live 2']);
    expect(js(p, 'const ccxt = require("ccxt");\nconst e = new ccxt.pro.binance({ apiKey: k });\ne.setSandboxMode(true);\n', 'x.js')).toEqual([]);
  });
});

describe('python-binance and pybit', () => {
  it('python-binance: keyed client without testnet/demo is live', async () => {
    const p = PRESETS['python-binance'];
    expect(await py(p, 'from binance.client import Client\nClient(k, s)\nClient(k, s, testnet=True)\nClient()\nClient(k, s, testnet=flag)\n')).toEqual(['live 2', 'review 5']);
    expect(await py(p, 'from binance.spot import Spot\nSpot(k, s)\n')).toEqual([]);
  });
  it('pybit: keyed HTTP without testnet/demo is live; public WebSocket is nothing', async () => {
    const p = PRESETS.pybit;
    expect(await py(p, 'from pybit.unified_trading import HTTP, WebSocket\nHTTP(api_key=k, api_secret=s)\nHTTP(api_key=k, demo=True)\nWebSocket(testnet=False, channel_type="spot")\n')).toEqual(['live 2']);
  });
});

describe('ib, oanda', () => {
  it('ib: live ports and IBC live; paper ports, omitted port, other libraries are nothing', async () => {
    const p = PRESETS.ib;
    expect(await py(p, 'from ib_async import IB\nib = IB()\nib.connect("h", 4001, 1)\nib.connect(port=7497)\nib.connect()\nib.connect("h", PORT)\n')).toEqual(['live 3', 'review 6']);
    expect(await py(p, 'import sqlite3\nfrom ib_insync import IB\nsqlite3.connect("db", 7496)\n')).toEqual([]);
    expect(await py(p, 'from ib_insync import IB\nPORT = 7496\nIB().connect("h", PORT)\n')).toEqual(['live 3']);
  });
  it('oanda: environment="live" is live; practice and omitted are paper', async () => {
    const p = PRESETS.oanda;
    expect(await py(p, 'from oandapyV20 import API\nAPI(access_token=t, environment="live")\nAPI(t)\nAPI(t, "practice")\nAPI(t, environment=env)\n')).toEqual(['live 2', 'review 5']);
  });
});

describe('nautilus', () => {
  const p = PRESETS.nautilus;
  it('environment LIVE/MAINNET/None/unset is live; TESTNET, DEMO and legacy testnet=True are paper', async () => {
    const src = [
      'from nautilus_trader.adapters.binance import BinanceExecClientConfig, BinanceEnvironment',
      'from nautilus_trader.adapters.bybit import BybitExecClientConfig',
      'BinanceExecClientConfig()',
      'BinanceExecClientConfig(environment=BinanceEnvironment.LIVE)',
      'BybitExecClientConfig(environment=BybitEnvironment.MAINNET)',
      'BinanceExecClientConfig(environment=BinanceEnvironment.TESTNET)',
      'BybitExecClientConfig(demo=True)',
      'BybitExecClientConfig(environment=env)',
      '',
    ].join('\n');
    expect(await py(p, src)).toEqual(['live 3', 'live 4', 'live 5', 'review 8']);
  });
  it('data client configs and other venues are nothing', async () => {
    expect(await py(p, 'from nautilus_trader.adapters.binance import BinanceDataClientConfig\nBinanceDataClientConfig()\n')).toEqual([]);
  });
});

describe('freqtrade and octobot (config)', () => {
  it('freqtrade: dry_run false or missing in a bot config; other JSON is nothing', () => {
    const p = PRESETS.freqtrade;
    expect(cfg(p, '{\n  // c\n  "stake_currency": "USDT",\n  "dry_run": false,\n  "exchange": {"name": "x"},\n}\n', 'config.json')).toEqual(['live 4']);
    expect(cfg(p, '{"strategy": "S", "exchange": {"name": "x"}}', 'c.json')).toEqual(['live 1']);
    expect(cfg(p, '{"strategy": "S", "dry_run": true, "exchange": {"name": "x"}}', 'c.json')).toEqual([]);
    expect(cfg(p, '{"exchange": {"name": "x"}}', 'c.json')).toEqual([]);
    expect(p.env!({ name: 'FREQTRADE__DRY_RUN', value: 'false', line: 1, column: 1 }, '.env')?.kind).toBe('live');
    expect(p.env!({ name: 'FREQTRADE__DRY_RUN', value: 'true', line: 1, column: 1 }, '.env')).toBeNull();
  });
  it('octobot: trader enabled with a non-sandboxed exchange', () => {
    const p = PRESETS.octobot;
    expect(cfg(p, '{"trader": {"enabled": true}, "trader-simulator": {"enabled": false}}', 'profile.json')).toEqual(['live 1']);
    expect(cfg(p, '{"trader": {"enabled": false}, "trader-simulator": {"enabled": true}}', 'profile.json')).toEqual([]);
  });
});

describe('hummingbot', () => {
  const p = PRESETS.hummingbot;
  it('plain connectors in conf YAML are live; paper and testnet connectors, trading pairs and other YAML are nothing', () => {
    const conf = 'template_version: 3\nexchange: binance\nmarket: ETH-USDT\nmaker_market: kucoin_paper_trade\ntaker_market: bybit_perpetual_testnet\nconnector_1: null\n';
    expect(cfg(p, conf, 'conf/strategies/a.yml')).toEqual(['live 2']);
    expect(cfg(p, 'exchange: binance\n', 'deploy/values.yaml')).toEqual([]);
    expect(cfg(p, 'exchange: binance\n', 'conf/scripts/s.yml')).toEqual(['live 1']);
  });
  it('config class defaults and markets keys are read; connector credential maps and candle feeds are not', async () => {
    const src = [
      'from hummingbot.client.config.config_data_types import BaseConnectorConfigMap',
      'class C:',
      '    connector_name: str = Field(default="okx")',
      '    exchanges: list = Field(default=["binance_paper_trade", "gate_io"])',
      '    exchange = os.getenv("EXCHANGE", "binance_paper_trade")',
      'class M(BaseConnectorConfigMap):',
      '    connector: str = "binance"',
      'class S:',
      '    markets = {"kucoin": {"BTC-USDT"}, "binance_paper_trade": {"ETH-USDT"}}',
      '    candles = CandlesConfig(connector="binance")',
      '    exchange = Column(Text)',
    ].join('\n');
    expect(await py(p, src)).toEqual(['live 3', 'live 4', 'review 5', 'live 9']);
  });
});
