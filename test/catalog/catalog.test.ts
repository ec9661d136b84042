import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import ccxt from 'ccxt';
import { buildCatalog, installedCcxtVersion, OUTPUT, serializeCatalog } from '../../scripts/gen-catalog.mjs';
import type { Catalog, CatalogHost } from '../../src/gates/live-endpoints/catalog-types.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const committedText = readFileSync(OUTPUT, 'utf8');
const generated = JSON.parse(committedText) as Catalog;
const curated = parse(readFileSync(root('policies/endpoints/brokers.yml'), 'utf8')) as Catalog;
const schema = JSON.parse(readFileSync(root('schemas/endpoint-catalog.schema.json'), 'utf8')) as object;

function host(name: string): CatalogHost {
  const found = [...generated.hosts, ...curated.hosts].filter((h) => h.host === name);
  expect(found, `${name} in the catalogs`).toHaveLength(1);
  return found[0]!;
}

describe('ccxt.generated.json', () => {
  it('is what the generator builds from the installed ccxt', () => {
    const fresh = serializeCatalog(buildCatalog(ccxt));
    // A plain equality keeps the failure message short; the diff of 800 KiB helps nobody.
    if (fresh !== committedText) {
      expect.fail(`${OUTPUT} is stale (ccxt ${installedCcxtVersion()} or scripts/gen-catalog.mjs changed): run \`npm run catalog\` and commit the result.`);
    }
  }, 30_000);

  it('names the installed ccxt version it came from', () => {
    const version = installedCcxtVersion();
    expect(version).toBe((JSON.parse(readFileSync(root('package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['ccxt']);
    expect(generated.source).toContain(`ccxt ${version} `);
    expect(generated.hosts.flatMap((h) => h.sources).every((s) => s.startsWith(`ccxt ${version}: `))).toBe(true);
  });

  it('lists hosts sorted and once each', () => {
    const names = generated.hosts.map((h) => h.host);
    expect(names).toEqual([...new Set(names)].sort());
  });
});

describe('schema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);

  it.each([
    ['ccxt.generated.json', generated],
    ['brokers.yml', curated],
  ])('%s validates', (_name, data) => {
    const ok = validate(data);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a host with a port', () => {
    const bad = structuredClone(curated);
    bad.hosts[0]!.host = 'api.tradier.com:443';
    expect(validate(bad)).toBe(false);
  });
});

describe('classification', () => {
  it('api.binance.com is live with a private base that places orders', () => {
    const h = host('api.binance.com');
    expect(h.env).toBe('live');
    expect(h.trading).toBe(true);
    const priv = h.bases.filter((b) => b.access === 'private' && !b.accessInferred && b.prefix === '/api/v3');
    expect(priv.flatMap((b) => b.paths)).toContain('order');
    // ticker data stays public even though ccxt's `public` section also holds userDataStream.
    const pub = h.bases.find((b) => b.access === 'public' && b.prefix === '/api/v3');
    expect(pub?.paths).toContain('ticker/price');
    expect(pub?.paths).not.toContain('userDataStream');
  });

  it('testnet.binance.vision is sandbox', () => {
    expect(host('testnet.binance.vision').env).toBe('sandbox');
  });

  it('www.okx.com is shared (OKX demo trading is a header on the live host)', () => {
    expect(host('www.okx.com').env).toBe('shared');
  });

  it('alpaca: paper-api is sandbox, api is live, data hosts are shared market data only', () => {
    expect(host('paper-api.alpaca.markets').env).toBe('sandbox');
    expect(host('api.alpaca.markets').env).toBe('live');
    for (const name of ['data.alpaca.markets', 'stream.data.alpaca.markets']) {
      const h = host(name);
      expect(h.env, name).toBe('shared');
      expect(h.marketData, name).toBe(true);
      expect(h.trading, name).toBe(false);
    }
  });

  it('binance ws-api carries orders, so it is private although its key lacks "private"', () => {
    const h = host('ws-api.binance.com');
    expect(h.protocols).toEqual(['ws']);
    expect(h.trading).toBe(true);
  });

  it('a DEX transaction submit endpoint is private although ccxt signs it in the payload', () => {
    const h = host('mainnet.zklighter.elliot.ai');
    const sendTx = h.bases.filter((b) => b.paths.includes('sendTx'));
    expect(sendTx.map((b) => b.access)).toEqual(['private']);
  });

  it('oanda stream hosts split pricing (market data) from transactions (private) by path', () => {
    for (const [name, env] of [['stream-fxtrade.oanda.com', 'live'], ['stream-fxpractice.oanda.com', 'sandbox']] as const) {
      const h = host(name);
      expect(h.env).toBe(env);
      const access = (path: string) => h.bases.filter((b) => b.paths.includes(path)).map((b) => b.access);
      expect(access('accounts/{accountID}/pricing/stream')).toEqual(['public']);
      expect(access('accounts/{accountID}/transactions/stream')).toEqual(['private']);
    }
  });

  it('curated broker hosts pair live with sandbox', () => {
    const expected: Record<string, string> = {
      'api.tradier.com': 'live',
      'sandbox.tradier.com': 'sandbox',
      'api.tastyworks.com': 'live',
      'api.cert.tastyworks.com': 'sandbox',
      'api.tradestation.com': 'live',
      'sim-api.tradestation.com': 'sandbox',
      'api-fxtrade.oanda.com': 'live',
      'api-fxpractice.oanda.com': 'sandbox',
      'api.coinbase.com': 'live',
      'api-public.sandbox.exchange.coinbase.com': 'sandbox',
      'demo-futures.kraken.com': 'sandbox',
      'test.deribit.com': 'sandbox',
      'api.hyperliquid.xyz': 'live',
      'api.hyperliquid-testnet.xyz': 'sandbox',
      'indexer.dydx.trade': 'live',
      'indexer.v4testnet.dydx.exchange': 'sandbox',
    };
    for (const [name, env] of Object.entries(expected)) expect(host(name).env, name).toBe(env);
  });

  it('interactive brokers ports: 7496/4001 live, 7497/4002 paper', () => {
    const ports = Object.fromEntries((curated.ports ?? []).map((p) => [p.port, p.env]));
    expect(ports).toEqual({ 7496: 'live', 4001: 'live', 7497: 'sandbox', 4002: 'sandbox' });
  });
});

describe('invariants of both files', () => {
  const all = [...generated.hosts, ...curated.hosts];

  it('brokers.yml does not repeat a host ccxt already covers', () => {
    const fromCcxt = new Set(generated.hosts.map((h) => h.host));
    expect(curated.hosts.map((h) => h.host).filter((h) => fromCcxt.has(h))).toEqual([]);
  });

  it('every host is a bare lowercase DNS name', () => {
    const bad = all.map((h) => h.host).filter((h) => /[{}:/A-Z]/.test(h) || h !== h.trim() || !h.includes('.'));
    expect(bad).toEqual([]);
  });

  it('every host has a source, and trading/marketData agree with its bases', () => {
    for (const h of all) {
      expect(h.sources.length, h.host).toBeGreaterThan(0);
      expect(h.sources.every((s) => s.trim().length > 0), h.host).toBe(true);
      expect(h.trading, h.host).toBe(h.bases.some((b) => b.access === 'private'));
      expect(h.marketData, h.host).toBe(h.bases.some((b) => b.access === 'public'));
    }
  });

  it('counts every environment', () => {
    const envs = new Set(all.map((h) => h.env));
    expect([...envs].sort()).toEqual(['live', 'sandbox', 'shared']);
  });
});
