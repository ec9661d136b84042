// False-positive patterns found by running Gate D on real trading repositories
// (docs/evaluation/live-endpoints-real-repos.md). Each fix has a good and a bad example.
import { describe, expect, it } from 'vitest';
import { EndpointCatalog } from '../../../src/gates/live-endpoints/catalog.js';
import { classify } from '../../../src/gates/live-endpoints/classify.js';
import { nonRuntimeRegions, pathLiterals, regionAt } from '../../../src/gates/live-endpoints/regions.js';
import { hostMatcher } from '../../../src/gates/live-endpoints/scan.js';
import type { Catalog } from '../../../src/gates/live-endpoints/catalog-types.js';

const host = (h: string, bases: Catalog['hosts'][number]['bases']) => ({
  host: h,
  env: 'live' as const,
  venues: [h.split('.')[1] as string],
  protocols: ['http' as const, 'ws' as const],
  trading: bases.some((b) => b.access === 'private'),
  marketData: bases.some((b) => b.access === 'public'),
  bases,
  sources: ['test'],
});

const catalog: Catalog = {
  version: 1,
  source: 'test',
  hosts: [
    host('api.binance.com', [
      { prefix: '/api/v1', access: 'private', accessInferred: true, section: 'urls.api.v1', paths: [] },
      { prefix: '/api/v3', access: 'public', section: 'api.public', paths: ['klines', 'exchangeInfo', 'ping'] },
      { prefix: '/api/v3', access: 'private', section: 'api.private', paths: ['order', 'account'] },
    ]),
    host('api.kraken.com', [
      { prefix: '', access: 'public', section: 'api.public', paths: ['Time', 'OHLC'] },
      { prefix: '', access: 'private', section: 'api.private', paths: ['AddOrder', 'Balance'] },
    ]),
    host('fstream.binance.com', [
      { prefix: '/market/ws', access: 'public', section: 'urls.api.ws.optionMarket', paths: [] },
      { prefix: '/public/ws', access: 'public', section: 'urls.api.ws.option', paths: [] },
      { prefix: '/private/ws', access: 'private', section: 'urls.api.ws.optionPrivate', paths: [] },
      { prefix: '/ws', access: 'public', section: 'urls.api.ws.future', paths: [] },
    ]),
    host('api.huobi.pro', [
      { prefix: '', access: 'private', section: 'api.private', paths: ['v1/order/orders/place'] },
      { prefix: '/ws', access: 'public', section: 'urls.api.ws.public', paths: [] },
      { prefix: '/ws/v2', access: 'private', section: 'urls.api.ws.private', paths: [] },
    ]),
    // One websocket URL for everything (orders too): ccxt's key says public, we do not believe it.
    host('www.deribit.com', [
      { prefix: '/api/v2', access: 'private', section: 'api.private', paths: ['private/buy'] },
      { prefix: '/ws/api/v2', access: 'public', section: 'urls.api.ws', paths: [] },
    ]),
    host('api.pacifica.fi', [
      { prefix: '', access: 'public', section: 'api.public', paths: ['kline', 'info'] },
      { prefix: '', access: 'private', section: 'api.private', paths: ['orders/create'] },
    ]),
  ],
};
const index = EndpointCatalog.from([catalog]);
const find = hostMatcher(index.topLevelLabels());

function kindOf(url: string, fileText = '') {
  const [m] = find(url);
  if (!m) return null;
  return classify(index.get(m.host)!, m, { pathLiterals: pathLiterals(fileText) }).kind;
}

describe('paths beside the listed ones', () => {
  it('matches a version/section infix between the base and a listed endpoint (Kraken /0/public/Time)', () => {
    expect(kindOf('https://api.kraken.com/0/public/Time')).toBe('market-data');
    expect(kindOf('https://api.kraken.com/0/private/AddOrder')).toBe('trading');
    expect(kindOf('https://api.kraken.com/0/private/SomethingNew')).toBe('trading');
  });

  it('matches another API version of a listed endpoint (/api/v1/exchangeInfo)', () => {
    expect(kindOf('https://api.binance.com/api/v1/exchangeInfo')).toBe('market-data');
    expect(kindOf('https://api.binance.com/api/v1/order')).toBe('trading');
  });
});

describe('unlisted paths under a /public/ section', () => {
  it('are market data unless a private endpoint matches', () => {
    expect(kindOf('https://api.kraken.com/v2/public/symbols')).toBe('market-data');
    expect(kindOf('https://api.kraken.com/0/public/AddOrder')).toBe('trading');
    expect(kindOf('https://api.kraken.com/0/private/Unlisted')).toBe('trading');
  });
});

describe('public websocket bases', () => {
  it('takes the access of a public stream base when the venue has a separate private one', () => {
    expect(kindOf('wss://fstream.binance.com/market/ws')).toBe('market-data');
    expect(kindOf('wss://fstream.binance.com/public')).toBe('market-data');
    expect(kindOf('wss://fstream.binance.com/market/stream')).toBe('market-data');
    expect(kindOf('wss://api.huobi.pro/ws')).toBe('market-data');
    expect(kindOf('wss://fstream.binance.com/private/ws')).toBe('trading');
    expect(kindOf('wss://fstream.binance.com/private')).toBe('trading');
    expect(kindOf('wss://api.huobi.pro/ws/v2')).toBe('trading');
    // A listen-key user stream under the public base is not the base: fail closed.
    expect(kindOf('wss://fstream.binance.com/ws/abc123listenkey')).toBe('trading');
    expect(kindOf('wss://fstream.binance.com')).toBe('trading');
  });

  it('keeps a single websocket URL of a trading host as trading', () => {
    expect(kindOf('wss://www.deribit.com/ws/api/v2')).toBe('trading');
  });
});

describe('a base URL and its paths in separate constants', () => {
  const candles = 'REST_URL = "https://api.binance.com"\nCANDLES = "/api/v3/klines"\nPING = "/api/v3/ping"\n';
  const connector = 'REST_URL = "https://api.binance.com"\nCANDLES = "/api/v3/klines"\nORDER = "/api/v3/order"\n';
  it('is market data when the file uses it only with public endpoints', () => {
    expect(kindOf('https://api.binance.com', candles)).toBe('market-data');
    expect(kindOf('https://api.pacifica.fi/api/v1', 'HEALTH = "/info"\nCANDLES = "/kline"\n')).toBe('market-data');
    expect(kindOf('https://api.kraken.com', 'C = "/0/public/OHLC"')).toBe('market-data');
  });

  it('is trading when the file also names a private endpoint, or no known endpoint at all', () => {
    expect(kindOf('https://api.binance.com', connector)).toBe('trading');
    expect(kindOf('https://api.binance.com', 'X = "/api/v3/not-listed"\n')).toBe('trading');
    expect(kindOf('https://api.binance.com')).toBe('trading');
    // An unknown endpoint path is not rescued by the file's other paths.
    expect(kindOf('https://api.binance.com/api/v3/secret', candles)).toBe('trading');
  });
});

describe('non-runtime regions', () => {
  const at = (text: string, needle: string, ext: string) => regionAt(nonRuntimeRegions(text, ext), text.indexOf(needle));

  it('sees Python docstrings but not triple-quoted values', () => {
    const doc = 'def f():\n    """\n    Uses wss://fstream.binance.com/private.\n    """\n    return 1\n';
    expect(at(doc, 'wss://', 'py')).toBe('a comment');
    const value = 'URL = """https://api.binance.com/api/v3/order"""\n';
    expect(at(value, 'https://', 'py')).toBeNull();
    const arg = 'post(\n    """https://api.binance.com/api/v3/order"""\n)\n';
    expect(at(arg, 'https://', 'py')).toBeNull();
    expect(at('x = "a"\ny = "https://api.binance.com"\n', 'https://', 'py')).toBeNull();
  });

  it('sees block comments but not /* inside a string', () => {
    expect(at('/* see https://api.binance.com */\nconst a = 1;', 'https://', 'ts')).toBe('a comment');
    expect(at('const g = "/*"; const u = "https://api.binance.com";', 'https://', 'ts')).toBeNull();
  });

  it('sees Rust #[cfg(test)] modules as tests, and the code before them as runtime', () => {
    const rs = [
      'pub const URL: &str = "https://api.binance.com";',
      'fn f<\'a>(x: &\'a str) -> &\'a str { x }',
      '#[cfg(test)]',
      'mod tests {',
      '    #[test]',
      '    fn t() { assert_eq!(url(), "https://api.bybit.com"); let s = "}"; }',
      '}',
      'pub const LATE: &str = "https://api.kraken.com";',
    ].join('\n');
    expect(at(rs, 'https://api.binance.com', 'rs')).toBeNull();
    expect(at(rs, 'https://api.bybit.com', 'rs')).toBe('in docs or tests');
    expect(at(rs, 'https://api.kraken.com', 'rs')).toBeNull();
  });
});
