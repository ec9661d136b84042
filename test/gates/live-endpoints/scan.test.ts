import { describe, expect, it } from 'vitest';
import { EndpointCatalog } from '../../../src/gates/live-endpoints/catalog.js';
import { classify } from '../../../src/gates/live-endpoints/classify.js';
import { portMatcher } from '../../../src/gates/live-endpoints/ib-ports.js';
import { hostMatcher } from '../../../src/gates/live-endpoints/scan.js';
import { LineIndex } from '../../../src/core/lines.js';
import { nonRuntimeRegions, regionAt } from '../../../src/gates/live-endpoints/regions.js';
import type { Catalog } from '../../../src/gates/live-endpoints/catalog-types.js';

const catalog: Catalog = {
  version: 1,
  source: 'test',
  hosts: [
    {
      host: 'api.binance.com',
      env: 'live',
      venues: ['binance'],
      protocols: ['http'],
      trading: true,
      marketData: true,
      bases: [
        { prefix: '/api/v3', access: 'public', section: 'ccxt:binance api.public', paths: ['klines', 'depth', 'ticker/price'] },
        { prefix: '/api/v3', access: 'private', section: 'ccxt:binance api.private', paths: ['order', 'account', 'order/{id}'] },
      ],
      sources: ['test'],
    },
    { host: 'stream.binance.com', env: 'live', venues: ['binance'], protocols: ['ws'], trading: false, marketData: true, bases: [], sources: ['test'] },
    { host: 'testnet.binance.vision', env: 'sandbox', venues: ['binance'], protocols: ['http'], trading: true, marketData: true, bases: [], sources: ['test'] },
    { host: 'api.alpaca.markets', env: 'live', venues: ['alpaca'], protocols: ['http'], trading: true, marketData: false, bases: [], sources: ['test'] },
    { host: 'paper-api.alpaca.markets', env: 'sandbox', venues: ['alpaca'], protocols: ['http'], trading: true, marketData: false, bases: [], sources: ['test'] },
    { host: 'www.okx.com', env: 'live', venues: ['okx'], protocols: ['http'], trading: true, marketData: true, bases: [], sources: ['a'] },
  ],
  ports: [
    { port: 7496, env: 'live', venue: 'Interactive Brokers', product: 'TWS', source: 't' },
    { port: 4001, env: 'live', venue: 'Interactive Brokers', product: 'IB Gateway', source: 't' },
    { port: 7497, env: 'sandbox', venue: 'Interactive Brokers', product: 'TWS', source: 't' },
  ],
};
const sandboxOkx: Catalog = {
  version: 1,
  source: 'test2',
  hosts: [{ host: 'www.okx.com', env: 'sandbox', venues: ['okx'], protocols: ['http'], trading: true, marketData: true, bases: [], sources: ['b'] }],
};

const index = EndpointCatalog.from([catalog, sandboxOkx]);
const find = hostMatcher(index.topLevelLabels());

function kindOf(text: string) {
  const [m] = find(text);
  if (!m) return null;
  const entry = index.get(m.host);
  return entry ? classify(entry, m).kind : 'unknown';
}

describe('host matching', () => {
  it('matches whole hostnames only, on label boundaries', () => {
    expect(find('x = "https://paper-api.alpaca.markets/v2"').map((m) => m.host)).toEqual(['paper-api.alpaca.markets']);
    // The name continues past a catalog host into another label: it is not that host, and not any other.
    expect(find('u = "https://api.binance.com.example.org/api/v3/order"')).toEqual([]);
    expect(find('u = "https://api.binance.com.evil.com/api/v3/order"').map((m) => m.host)).toEqual(['api.binance.com.evil.com']);
    expect(index.get('api.binance.com.evil.com')).toBeUndefined();
    expect(find('contact support@api.binance.com').length).toBe(0);
    expect(find('fapi.binance.com').map((m) => m.host)).toEqual(['fapi.binance.com']);
  });

  it('splits scheme, port and path, and drops query and trailing punctuation', () => {
    const [m] = find('see wss://stream.binance.com:9443/ws/btcusdt@trade.');
    expect(m).toMatchObject({ host: 'stream.binance.com', scheme: 'wss', port: 9443, path: '/ws/btcusdt@trade' });
    const [q] = find("get('https://api.binance.com/api/v3/klines?symbol=BTCUSDT')");
    expect(q).toMatchObject({ path: '/api/v3/klines', text: 'https://api.binance.com/api/v3/klines?symbol=BTCUSDT' });
  });

  it('is case-insensitive on the host', () => {
    expect(find('HTTPS://API.Binance.COM/api/v3/order')[0]?.host).toBe('api.binance.com');
  });

  it('gives exact 1-based line and column', () => {
    const text = 'a = 1\n\tb = "https://api.alpaca.markets"\n';
    const [m] = find(text);
    expect(new LineIndex(text).position(m!.index)).toEqual({ line: 2, column: 7 });
  });
});

describe('classification', () => {
  it('tells trading from market data by the path', () => {
    expect(kindOf('https://api.binance.com/api/v3/klines')).toBe('market-data');
    expect(kindOf('https://api.binance.com/api/v3/ticker/price')).toBe('market-data');
    expect(kindOf('https://api.binance.com/api/v3/order')).toBe('trading');
    expect(kindOf('https://api.binance.com/api/v3/order/123')).toBe('trading');
  });

  it('counts a bare base URL or hostname of a trading host as trading', () => {
    expect(kindOf('https://api.binance.com')).toBe('trading');
    expect(kindOf('https://api.binance.com/api/v3')).toBe('trading');
    expect(kindOf('"api.binance.com"')).toBe('trading');
  });

  it('fails closed on an unknown path of a trading host', () => {
    expect(kindOf('https://api.binance.com/api/v3/secret-new-endpoint')).toBe('trading');
  });

  it('counts hosts that only serve public data as market data', () => {
    expect(kindOf('wss://stream.binance.com:9443/ws')).toBe('market-data');
  });

  it('ignores sandboxes and marks hosts listed as both as shared', () => {
    expect(kindOf('https://testnet.binance.vision/api/v3/order')).toBe('sandbox');
    expect(kindOf('https://www.okx.com/api/v5/trade/order')).toBe('shared');
  });
});

describe('comments', () => {
  /** Whether the first occurrence of `needle` in `text` lies in a comment of a file of kind `ext`. */
  const commented = (text: string, ext: string, needle = 'api.alpaca.markets') =>
    regionAt(nonRuntimeRegions(text, ext), text.indexOf(needle)) === 'a comment';

  it('Python: # comments and docstrings are comments; strings are not', () => {
    expect(commented('x = "https://a.b"  # https://api.alpaca.markets\n', 'py')).toBe(true);
    expect(commented('x = "https://api.alpaca.markets"\n', 'py')).toBe(false);
    expect(commented('x = "# not a comment https://api.alpaca.markets"\n', 'py')).toBe(false);
    expect(commented('def f():\n    """Calls https://api.alpaca.markets."""\n    return 1\n', 'py')).toBe(true);
    expect(commented('URL = """https://api.alpaca.markets"""\n', 'py')).toBe(false);
    expect(commented("s = 'it''s'\nu = 'https://api.alpaca.markets'\n", 'py')).toBe(false);
  });

  it('C-like: line and block comments are comments; // and /* inside strings are not', () => {
    expect(commented('// https://api.alpaca.markets\n', 'ts')).toBe(true);
    expect(commented('/**\n * `paper-api.x` is not `api.alpaca.markets`\n */\n', 'ts')).toBe(true);
    expect(commented('const u = "https://api.alpaca.markets";\n', 'ts')).toBe(false);
    expect(commented("const g = '/v2/*'; const u = 'https://api.alpaca.markets';\n", 'ts')).toBe(false);
    expect(commented('const u = `https://${host}` + "https://api.alpaca.markets";\n', 'ts')).toBe(false);
    expect(commented('u := "https://api.alpaca.markets" // live\n', 'go')).toBe(false);
  });

  it('YAML and shell: # opens a comment only at a token start', () => {
    expect(commented('url: https://api.alpaca.markets  # live\n', 'yaml')).toBe(false);
    expect(commented('# url: https://api.alpaca.markets\n', 'yaml')).toBe(true);
    expect(commented('url: x#frag https://api.alpaca.markets\n', 'yaml')).toBe(false);
  });

  it('XML comments; unknown kinds have none', () => {
    expect(commented('<!-- https://api.alpaca.markets -->\n<url>x</url>\n', 'xml')).toBe(true);
    expect(commented('<url>https://api.alpaca.markets</url>\n', 'xml')).toBe(false);
    expect(commented('# https://api.alpaca.markets\n', 'json')).toBe(false);
  });
});

describe('IB ports', () => {
  const ports = portMatcher(catalog.ports ?? []);
  it('finds live ports in connect calls of IB code', () => {
    const text = 'from ib_insync import IB\nib = IB()\nib.connect("127.0.0.1", 7496, clientId=1)\n';
    expect(ports(text).map((p) => [p.port, p.context])).toEqual([[7496, 'connect call']]);
  });
  it('finds live ports in IB-named keys anywhere, plain port keys only in IB code', () => {
    expect(ports('IB_GATEWAY_PORT=4001\n').map((p) => p.port)).toEqual([4001]);
    expect(ports('tws_port: 7496\n').map((p) => p.port)).toEqual([7496]);
    expect(ports('REDIS_PORT=4001\nport: 7496\ndistribution_port: 4001\n')).toEqual([]);
    expect(ports('import { IBApi } from "@stoqey/ib";\nconst ib = new IBApi({ port: 4001 });\n').map((p) => p.port)).toEqual([4001]);
  });
  it('never reports paper ports or longer numbers', () => {
    expect(ports('from ib_insync import IB\nib.connect("h", 7497)\nIB_PORT=40012\n')).toEqual([]);
  });
});

describe('known-host prefilter', () => {
  const filtered = hostMatcher(index.topLevelLabels(), (h) => index.has(h));
  const known = (ms: { host: string }[]) => ms.filter((m) => index.has(m.host));
  const texts = [
    'x = "https://API.Binance.COM/api/v3/order"',
    'u = "https://api.binance.com.example.org/api/v3/order" and https://github.com/x',
    'see https://github.com/redirect/api.binance.com here',
    'mirror-api.binance.com x-api.binance.com _api.binance.com ..api.binance.com',
    'wss://stream.binance.com:9443/ws and paper-api.alpaca.markets and www.okx.com.',
    'nothing.here.example.org, self.client.get, os.path.join',
    'a.com b.io c.markets api.alpaca.markets-proxy api.alpaca.markets',
  ];
  it('gives the same known hosts as the full pattern, and nothing for texts without one', () => {
    for (const t of texts) expect(known(filtered(t))).toEqual(known(find(t)));
    expect(filtered('see https://github.com/a and https://pypi.org/project/x')).toEqual([]);
  });
});
