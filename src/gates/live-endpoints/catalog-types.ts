export type HostEnv = 'live' | 'sandbox' | 'shared';
export interface CatalogBase {
  prefix: string;                 // URL path prefix of an API section, e.g. "/api/v3"; "" for the root
  access: 'public' | 'private';   // public market data vs orders/account
  accessInferred?: boolean;       // true when we could not tell and chose private (fail closed)
  section: string;                // e.g. "ccxt:binance api.public" or "alpaca trading API v2"
  paths: string[];                // endpoint paths relative to prefix, no leading slash, ccxt placeholders kept like "order/{id}"
}
export interface CatalogHost {
  host: string;                   // lowercase DNS name, no port, no path
  env: HostEnv;
  venues: string[];               // e.g. ["binance"]
  protocols: ('http' | 'ws')[];
  trading: boolean;               // serves any private (order/account) endpoint
  marketData: boolean;            // serves any public market-data endpoint
  bases: CatalogBase[];
  sources: string[];              // e.g. "ccxt 4.5.84: binance urls.api.private" or a docs URL
}
export interface PortEntry { port: number; env: 'live' | 'sandbox'; venue: string; product: string; source: string }
export interface Catalog { version: 1; source: string; hosts: CatalogHost[]; ports?: PortEntry[] }
