import type { IndexedHost } from './catalog.js';

export type EndpointKind = 'trading' | 'market-data' | 'shared' | 'sandbox';

export interface EndpointRef {
  host: string;
  /** 'http' | 'https' | 'ws' | 'wss', or null for a bare hostname. */
  scheme: string | null;
  /** URL path without query or fragment, '' when absent. */
  path: string;
}

/** What else the file says about its endpoints. */
export interface ClassifyContext {
  /**
   * Path literals of the same file (`"/api/v3/klines"`): code that keeps a base URL and its
   * endpoint paths in separate constants. Used only for a bare base URL of a trading host.
   */
  pathLiterals?: readonly string[];
}

export interface Classification {
  kind: EndpointKind;
  /** Why, in words a reviewer can check against the catalog. */
  reason: string;
}

/** Messages name at most a few venues and one catalog section: enough to check, short enough to read. */
function venuesOf(h: IndexedHost): string {
  const shown = h.venues.slice(0, 3).join(', ');
  return h.venues.length > 3 ? `${shown} and ${h.venues.length - 3} more` : shown;
}

function sectionOf(section: string): string {
  const parts = section.split(', ');
  return parts.length > 1 ? `${parts[0]} and ${parts.length - 1} more` : section;
}

/**
 * Trading vs market data. A paper-only system may read live public market data; what it must not hold
 * is anything that can place orders or reach an account. When we cannot show that a URL is public
 * market data on a host that serves private endpoints, the URL counts as trading (fail closed).
 */
export function classify(entry: IndexedHost, ref: EndpointRef, context: ClassifyContext = {}): Classification {
  if (entry.env === 'sandbox') return { kind: 'sandbox', reason: `${ref.host} is a sandbox/testnet host of ${venuesOf(entry)}` };
  if (entry.env === 'shared') {
    return {
      kind: 'shared',
      reason: `${ref.host} is listed as both live and sandbox for ${venuesOf(entry)} (the mode is chosen elsewhere, e.g. a header or account)`,
    };
  }
  const path = ref.path.replace(/\/+$/, '');
  if (path) {
    const hit = matchPath(entry, path);
    if (hit) {
      return hit.access === 'private'
        ? {
            kind: 'trading',
            reason: `${path} is a private (order/account) endpoint of ${venuesOf(entry)} (${sectionOf(hit.section)}${hit.inferred ? ', access inferred' : ''})`,
          }
        : { kind: 'market-data', reason: `${path} is a public market-data endpoint of ${venuesOf(entry)} (${sectionOf(hit.section)})` };
    }
  }
  if (!entry.trading) {
    return { kind: 'market-data', reason: `${ref.host} serves only public market data for ${venuesOf(entry)}` };
  }
  const stream = publicBaseOnly(entry, path);
  if (stream) {
    return { kind: 'market-data', reason: `${path} is a public market-data base of ${venuesOf(entry)} (${sectionOf(stream.section)})` };
  }
  if (path && /\/public(?:\/|$)/i.test(path) && !/\/private(?:\/|$)/i.test(path) && !isBasePrefix(entry, path)) {
    // Not listed (an older API version ccxt no longer has), but the venue's own path says public.
    return { kind: 'market-data', reason: `${path} is under a /public/ section of ${venuesOf(entry)}, and no private endpoint of the host matches it` };
  }
  if (path && !isBasePrefix(entry, path) && !isVersionPath(path)) {
    return {
      kind: 'trading',
      reason: `${ref.host} serves private (order/account) endpoints of ${venuesOf(entry)} and ${path} is not a known public market-data path`,
    };
  }
  const use = usesOfBase(entry, path, context.pathLiterals ?? []);
  if (use.private) {
    return {
      kind: 'trading',
      reason: `a base URL of ${ref.host}, used in this file with ${use.private}, a private (order/account) endpoint of ${venuesOf(entry)}`,
    };
  }
  if (use.public.length > 0) {
    const shown = use.public.slice(0, 2).join(', ') + (use.public.length > 2 ? ` and ${use.public.length - 2} more` : '');
    return {
      kind: 'market-data',
      reason: `a base URL of ${ref.host} that this file uses only with public market-data paths of ${venuesOf(entry)} (${shown})`,
    };
  }
  return {
    kind: 'trading',
    reason: `a base URL of ${ref.host}, which serves private (order/account) endpoints of ${venuesOf(entry)}`,
  };
}

/**
 * How a file uses a bare base URL: its path literals that are endpoints of this host, on their own
 * or after the base URL's path (`"https://api.pacifica.fi/api/v1"` + `"/kline"`). Any private
 * endpoint makes the base trading; only public ones make it market data; none leaves it trading.
 */
function usesOfBase(entry: IndexedHost, basePath: string, literals: readonly string[]): { private: string | null; public: string[] } {
  const pub = new Set<string>();
  for (const lit of literals) {
    const p = lit.replace(/[?#].*$/, '').replace(/\/+$/, '');
    if (!p) continue;
    const candidates = basePath ? [p, `${basePath}${p}`] : [p];
    for (const c of candidates) {
      const hit = matchPath(entry, c);
      if (!hit) continue;
      if (hit.access === 'private') return { private: p, public: [] };
      pub.add(p);
    }
  }
  return { private: null, public: [...pub].sort() };
}

/**
 * The path is a base (or the parent of bases) that only public market-data bases have: ccxt.pro's
 * `wss://fstream.binance.com/market/ws`, whose private sibling is `/private/ws`. Private bases on
 * or under the path, or private endpoints under it, keep it trading.
 */
function publicBaseOnly(entry: IndexedHost, path: string): { section: string } | null {
  if (!path) return null;
  // Only where the venue puts private traffic on a URL of its own (binance `/private/ws`, HTX
  // `/ws/v2`). A venue with one websocket URL (Deribit, Hyperliquid, Lighter) takes orders on it,
  // whatever ccxt calls the key.
  if (!entry.bases.some((b) => b.access === 'private' && b.paths.length === 0 && !b.accessInferred)) return null;
  // A public base exactly at the path is that stream (`/ws` beside a private `/ws/v2`).
  const exact = entry.bases.filter((b) => b.prefix.replace(/\/+$/, '') === path);
  if (exact.length > 0 && exact.every((b) => b.access === 'public' && b.paths.length === 0)) return { section: (exact[0] as { section: string }).section };
  let found: { section: string } | null = null;
  // A sibling of a public base under the same parent (`/market/stream` beside `/market/ws`)
  // is public too, unless a private base shares that parent.
  const parent = path.slice(0, path.lastIndexOf('/'));
  let bySibling: { section: string } | null = null;
  let siblingPrivate = false;
  for (const b of entry.bases) {
    const prefix = b.prefix.replace(/\/+$/, '');
    const onOrUnder = prefix === path || prefix.startsWith(`${path}/`);
    const above = !prefix || path.startsWith(`${prefix}/`);
    const sibling = parent !== '' && prefix.startsWith(`${parent}/`) && !prefix.slice(parent.length + 1).includes('/');
    if (sibling && !onOrUnder) {
      if (b.access === 'private') siblingPrivate = true;
      else if (b.paths.length === 0) bySibling ??= { section: b.section };
    }
    if (onOrUnder) {
      if (b.access === 'private') return null;
      if (b.paths.length === 0) found ??= { section: b.section };
    } else if (above && b.access === 'private' && !(b.accessInferred && b.paths.length === 0)) {
      // A private endpoint below the path through a base above it (root base, "v5/order/create").
      const rest = path.slice(prefix.length).replace(/^\/+/, '');
      if (b.paths.length === 0 || b.paths.some((p) => p.replace(/^\/+/, '').startsWith(`${rest}/`))) return null;
    }
  }
  return found ?? (siblingPrivate ? null : bySibling);
}

type PathHit = { access: 'public' | 'private'; section: string; inferred: boolean };

/** Exact first; then, failing that, allowing another API version and a version/section infix. */
function matchPath(entry: IndexedHost, path: string): PathHit | null {
  return matchPathWith(entry, path, false) ?? matchPathWith(entry, path, true);
}

/** A path segment naming an API version (`v3`, `0`, `v2.1`). */
const VERSION = /^v?\d+(?:\.\d+)?$/i;
/** Segments a client puts between a base URL and an endpoint (Kraken `/0/public/Time`, `/api/v1/candles`). */
const INFIX = /^(?:v?\d+(?:\.\d+)?|api|public|private)$/i;

/**
 * The rest of `path` after `prefix`, or null. Loose: version segments match any version
 * (`/api/v1/exchangeInfo` under `/api/v3`), and leading version/section segments are dropped,
 * one at a time, giving several candidate rests.
 */
function restsAfter(prefix: string, path: string, loose: boolean): string[] {
  if (!loose) {
    if (prefix && path !== prefix && !path.startsWith(`${prefix}/`)) return [];
    const rest = path.slice(prefix.length).replace(/^\/+/, '');
    return rest ? [rest] : [];
  }
  const want = prefix.split('/').filter(Boolean);
  const segs = path.split('/').filter(Boolean);
  if (segs.length <= want.length) return [];
  for (let i = 0; i < want.length; i++) {
    const a = want[i] as string;
    const b = segs[i] as string;
    if (a.toLowerCase() !== b.toLowerCase() && !(VERSION.test(a) && VERSION.test(b))) return [];
  }
  const out: string[] = [];
  let rest = segs.slice(want.length);
  while (rest.length > 0) {
    out.push(rest.join('/'));
    if (!INFIX.test(rest[0] as string)) break;
    rest = rest.slice(1);
  }
  // A private/public segment right before the endpoint says which section it is; the list decides.
  return out;
}

function matchPathWith(entry: IndexedHost, path: string, loose: boolean): PathHit | null {
  let publicHit: { section: string } | null = null;
  // Longest prefix first: a specific section beats the root section.
  const bases = [...entry.bases].sort((a, b) => b.prefix.length - a.prefix.length);
  for (const base of bases) {
    const rests = restsAfter(base.prefix.replace(/\/+$/, ''), path, loose);
    if (!rests.some((rest) => base.matchers.some((m) => m.test(rest)))) continue;
    // A path listed as private anywhere on the host is trading, even if another section lists it as public.
    if (base.access === 'private') return { access: 'private', section: base.section, inferred: !!base.accessInferred };
    publicHit ??= { section: base.section };
  }
  return publicHit ? { access: 'public', inferred: false, ...publicHit } : null;
}

function isBasePrefix(entry: IndexedHost, path: string): boolean {
  return entry.bases.some((b) => b.prefix.replace(/\/+$/, '').toLowerCase() === path.toLowerCase());
}

/** A path of version and section segments only (`/api/v1`): a base URL, not an endpoint. */
function isVersionPath(path: string): boolean {
  return path.split('/').filter(Boolean).every((s) => INFIX.test(s));
}
