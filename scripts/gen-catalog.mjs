// Generates policies/endpoints/ccxt.generated.json from ccxt's own exchange definitions
// (`urls` and `api` of every exchange, plus the ccxt.pro classes for websocket URLs).
// Run with `npm run catalog`. test/catalog checks the committed file is not stale.
//
// Rules (the gate relies on them, so they are spelled out):
// - env: a URL under `urls.api` (or `urls.api2`...) is live; under `urls.test` or a top-level
//   key containing demo/sandbox/testnet (`urls.demo`, `urls.demotrading`) it is sandbox, and so
//   is a URL whose own key path contains one of those words. A host seen both ways is `shared`.
// - base URL of an `api` section: ccxt's `sign()` looks the section name up in `urls.api`, and
//   the `urls.api` keys mirror (a subset of) the section's key path. We pick the URL leaf whose
//   specific key segments all occur in the section's key path, preferring the most segments
//   ("rest" is a catch-all segment); when every leaf of a group is the same URL, that URL. A tie
//   is broken by the URL `sign()` really built. No unique answer: the section is skipped for
//   that URL group and counted (its hosts still appear through their URL leaves).
// - access, per endpoint, first rule that applies:
//   1. a key segment of its section contains "private" -> private;
//   2. its path submits a pre-signed transaction (sendTx, broadcast_tx: DEX orders) -> private;
//   3. ccxt's `sign()` refuses it without credentials (AuthenticationError) -> private, whatever
//      the section is called (binance `public` holds `userDataStream`, which needs a key);
//   4. `sign()` builds it without credentials -> public: ccxt itself sends it unauthenticated
//      (this is how `market`, `data`, `v1`... sections are told apart);
//   5. `sign()` failed otherwise and the section name contains "public" -> public;
//   6. otherwise private with `accessInferred: true` (fail closed).
//   The endpoints of a section on one base URL are split into one base per access.
//   Exception: on a URL whose `urls` key is `market`/`marketData`/`data` every endpoint is
//   public market data, signed or not (alpaca serves keyed quotes from data.alpaca.markets);
//   `access` means market data vs orders/account, not anonymous vs authenticated.
// - websocket URLs (ccxt.pro) are public market data unless a key segment names private,
//   trading or user traffic (private, trad, ws-api, papi, user, account, order, gateway):
//   binance `ws-api` and alpaca `trading` carry orders although the key lacks "private".
// - URL leaves that no section uses (websocket, `www` of a demo site...) are still emitted,
//   with no paths, so that no host ccxt knows is missing from the catalog; an HTTP one is
//   private/public when its key says so, else private with `accessInferred: true`.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const OUTPUT = fileURLToPath(new URL('../policies/endpoints/ccxt.generated.json', import.meta.url));

// The same test ccxt's defineRestApi uses to tell an HTTP method from a nested section.
const HTTP_METHOD = /^(?:get|post|put|delete|head|patch)$/i;
const LIVE_TOP_KEY = /^api\d*$/;
const SANDBOX_KEY = /demo|sandbox|testnet/i;
const CATCH_ALL_SEGMENTS = new Set(['rest']);
// A URL key naming market data: everything sent there is market data, keyed or not.
const MARKET_DATA_KEY = /^(market|marketdata|data)$/i;
// DEX orders are signed inside the payload, so ccxt's sign() sends them without credentials.
const TX_SUBMIT = /sendtx|broadcast_tx/i;
const WS_PRIVATE_KEY = /private|trad|ws-api|papi|user|account|order|gateway/i;
const URL_RE = /^(https?|wss?):\/\/([^/?#]+)([^?#]*)/i;
const DNS_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Endpoint lists of an `api` tree, grouped by the section key path (method keys removed). */
function collectSections(api, keyPath = [], out = new Map()) {
  for (const [key, value] of Object.entries(api ?? {})) {
    let paths = null;
    if (Array.isArray(value)) paths = value;
    else if (HTTP_METHOD.test(key) && value && typeof value === 'object') paths = Object.keys(value);
    else if (value && typeof value === 'object') collectSections(value, [...keyPath, key], out);
    if (paths === null) continue;
    const name = keyPath.join('.');
    let section = out.get(name);
    if (!section) out.set(name, (section = { keyPath, endpoints: [] }));
    for (const p of paths) if (typeof p === 'string' && p.trim()) section.endpoints.push({ method: key.toUpperCase(), path: p.trim() });
  }
  return out;
}

/**
 * Splits a section's endpoints by access, and returns a URL ccxt's `sign()` built for the
 * section (used to place it). Per endpoint, not per section: binance `public` holds
 * `userDataStream`, which needs an API key, beside the public market data.
 */
function classifySection(ccxt, exchange, { keyPath, endpoints }, stats) {
  const name = keyPath.join('.');
  const typeArg = keyPath.length > 1 ? keyPath : keyPath[0];
  const namedPrivate = /private/i.test(name);
  const namedPublic = /public/i.test(name);
  const groups = new Map();
  let signUrl;
  for (const { method, path } of endpoints) {
    let rule;
    if (namedPrivate) rule = 'name private';
    else if (TX_SUBMIT.test(path)) rule = 'submits a transaction';
    else {
      try {
        const request = exchange.sign(path, typeArg, method, {});
        signUrl ??= typeof request?.url === 'string' ? request.url : undefined;
        rule = 'unsigned';
      } catch (err) {
        if (err instanceof ccxt.AuthenticationError) rule = 'signed';
        else rule = namedPublic ? 'name public' : 'inferred';
      }
    }
    stats.access[rule] = (stats.access[rule] ?? 0) + 1;
    const access = rule === 'unsigned' || rule === 'name public' ? 'public' : 'private';
    const inferred = rule === 'inferred';
    const key = `${access}${inferred ? '?' : ''}`;
    if (!groups.has(key)) groups.set(key, { access, inferred, paths: [] });
    groups.get(key).paths.push(path);
  }
  return { groups: [...groups.values()], signUrl };
}

function flattenUrls(value, rel, visit) {
  if (typeof value === 'string') visit(rel, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenUrls(v, [...rel, k], visit);
  }
}

function parseUrl(url) {
  const m = URL_RE.exec(url);
  if (!m) return null;
  const authority = m[2].replace(/^.*@/, '');
  const host = authority.replace(/:\d+$/, '').toLowerCase();
  if (!DNS_NAME.test(host)) return null;
  const protocol = m[1].toLowerCase().startsWith('ws') ? 'ws' : 'http';
  return { host, protocol, prefix: m[3].replace(/\/+$/, '') };
}

/** URL leaves of `urls.api`, `urls.test`, `urls.demo`... of one exchange instance. */
function urlLeaves(exchange, stats) {
  const leaves = [];
  for (const [top, value] of Object.entries(exchange.urls ?? {})) {
    let groupEnv;
    if (LIVE_TOP_KEY.test(top)) groupEnv = 'live';
    else if (top === 'test' || SANDBOX_KEY.test(top)) groupEnv = 'sandbox';
    else continue;
    flattenUrls(value, [], (rel, raw) => {
      const where = `${exchange.id} urls.${[top, ...rel].join('.')}`;
      // {hostname} and any other placeholder naming a string property of the exchange.
      const url = raw.replace(/\{(\w+)\}/g, (m, prop) => (typeof exchange[prop] === 'string' ? exchange[prop] : m));
      const parsed = parseUrl(url);
      if (!parsed) {
        stats.skippedUrls.push(`${where}: ${raw}`);
        return;
      }
      const env = rel.some((k) => SANDBOX_KEY.test(k)) ? 'sandbox' : groupEnv;
      leaves.push({ top, rel, url, env, where, ...parsed });
    });
  }
  return leaves;
}

/**
 * The URL leaf ccxt would use for a section. Ties are broken by the URL ccxt's own `sign()`
 * built for the section (public sections), else by the key path chosen in the live group.
 */
function pickLeaf(keyPath, leaves, hint) {
  let best = -1;
  let picks = [];
  for (const leaf of leaves) {
    const specific = leaf.rel.filter((k) => !CATCH_ALL_SEGMENTS.has(k));
    if (!specific.every((k) => keyPath.includes(k))) continue;
    if (specific.length > best) {
      best = specific.length;
      picks = [leaf];
    } else if (specific.length === best) picks.push(leaf);
  }
  // No key matches, but every key of the group points at the same URL: any key gives it.
  if (picks.length === 0) picks = leaves;
  const unique = (ls) => (ls.length > 0 && new Set(ls.map((l) => l.url)).size === 1 ? ls[0] : null);
  const one = unique(picks);
  if (one || picks.length === 0) return one;
  if (hint.signUrl) {
    const prefixes = picks.filter((l) => hint.signUrl.startsWith(l.url.replace(/\/+$/, '')));
    const longest = Math.max(...prefixes.map((l) => l.url.length));
    const bySign = unique(prefixes.filter((l) => l.url.length === longest));
    if (bySign) return bySign;
  }
  if (hint.rel) return unique(picks.filter((l) => l.rel.join('.') === hint.rel));
  return null;
}

function wsAccess(rel) {
  return rel.some((k) => WS_PRIVATE_KEY.test(k)) ? 'private' : 'public';
}

function leafAccess(leaf) {
  if (leaf.protocol === 'ws') return { access: wsAccess(leaf.rel) };
  const name = leaf.rel.join('.');
  if (/private/i.test(name)) return { access: 'private' };
  if (/public/i.test(name)) return { access: 'public' };
  return { access: 'private', inferred: true };
}

/**
 * The installed ccxt's package version. Not `ccxt.version`: the ESM build of 4.5.84 still
 * reports '4.5.83', which would make `source` name the wrong release.
 */
export function installedCcxtVersion() {
  const entry = createRequire(import.meta.url).resolve('ccxt'); // <pkg>/dist/ccxt.cjs
  let dir = path.dirname(entry);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'ccxt') return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json of ccxt above ${entry}`);
    dir = up;
  }
}

function newStats() {
  return { exchanges: 0, sections: 0, access: {}, unmapped: [], disagree: [], skippedUrls: [] };
}

/**
 * Builds the catalog from a loaded ccxt module. Pure apart from instantiating exchanges;
 * `stats`, when given, receives counts for the printed summary.
 * @param {any} ccxt the default export of the `ccxt` package
 * @param {{ version?: string, stats?: ReturnType<typeof newStats> }} [options]
 */
export function buildCatalog(ccxt, { version = installedCcxtVersion(), stats = newStats() } = {}) {
  const sourcePrefix = `ccxt ${version}`;
  const hosts = new Map();

  const addBase = (leaf, venue, base) => {
    let h = hosts.get(leaf.host);
    if (!h) {
      h = { envs: new Set(), venues: new Set(), protocols: new Set(), bases: new Map(), sources: new Set() };
      hosts.set(leaf.host, h);
    }
    h.envs.add(leaf.env);
    h.venues.add(venue);
    h.protocols.add(leaf.protocol);
    h.sources.add(`${sourcePrefix}: ${leaf.where}`);
    // Venues that share a definition (binance, binanceusdm, binancecoinm) share one base.
    const key = [leaf.prefix, base.access, base.inferred ? 1 : 0].join('\u0000');
    let b = h.bases.get(key);
    if (!b) h.bases.set(key, (b = { prefix: leaf.prefix, access: base.access, inferred: !!base.inferred, sections: new Set(), paths: new Set() }));
    b.sections.add(base.section);
    for (const p of base.paths) b.paths.add(p.replace(/^\/+/, ''));
  };

  for (const id of [...ccxt.exchanges].sort()) {
    stats.exchanges++;
    // A ccxt.pro class extends the REST class: its definition holds the REST urls and api
    // plus the websocket urls, so one instance per exchange is enough.
    const Pro = ccxt.pro?.[id];
    const exchange = typeof Pro === 'function' ? new Pro() : new ccxt[id]();
    const leaves = urlLeaves(exchange, stats);

    const used = new Set();
    const httpGroups = new Map();
    for (const leaf of leaves) {
      if (leaf.protocol !== 'http') continue;
      if (!httpGroups.has(leaf.top)) httpGroups.set(leaf.top, []);
      httpGroups.get(leaf.top).push(leaf);
    }

    for (const section of collectSections(exchange.api).values()) {
      if (section.endpoints.length === 0) continue;
      stats.sections++;
      const { groups, signUrl } = classifySection(ccxt, exchange, section, stats);
      const name = `ccxt:${id} api.${section.keyPath.join('.')}`;
      let mapped = false;
      // The live group first: sign() ran against it, and its choice guides the other groups.
      const live = httpGroups.get('api');
      const liveLeaf = live ? pickLeaf(section.keyPath, live, { signUrl }) : null;
      if (liveLeaf && signUrl && !signUrl.startsWith(liveLeaf.url.replace(/\/+$/, ''))) {
        stats.disagree.push(`${id} api.${section.keyPath.join('.')}: ${liveLeaf.url} vs sign() ${signUrl}`);
      }
      for (const [top, group] of httpGroups) {
        const leaf = top === 'api' ? liveLeaf : pickLeaf(section.keyPath, group, { rel: liveLeaf?.rel.join('.') });
        if (!leaf) continue;
        mapped = true;
        used.add(leaf);
        for (const g of groups) {
          // Keyed market data (alpaca `market.private` on data.alpaca.markets) is still market data.
          const data = leaf.rel.some((k) => MARKET_DATA_KEY.test(k));
          addBase(leaf, id, { ...g, ...(data ? { access: 'public', inferred: false } : {}), section: name });
        }
      }
      if (!mapped) stats.unmapped.push(`${id} api.${section.keyPath.join('.')}`);
    }

    for (const leaf of leaves) {
      if (used.has(leaf)) continue;
      addBase(leaf, id, { ...leafAccess(leaf), section: `ccxt:${id} urls.${[leaf.top, ...leaf.rel].join('.')}`, paths: [] });
    }
  }

  const out = [];
  for (const host of [...hosts.keys()].sort()) {
    const h = hosts.get(host);
    const env = h.envs.size > 1 ? 'shared' : [...h.envs][0];
    const bases = [...h.bases.values()]
      .map((b) => ({
        prefix: b.prefix,
        access: b.access,
        ...(b.inferred ? { accessInferred: true } : {}),
        section: [...b.sections].sort().join(', '),
        paths: [...b.paths].sort(),
      }))
      .sort((a, b) => cmp(a.prefix, b.prefix) || cmp(a.access, b.access) || cmp(a.section, b.section));
    out.push({
      host,
      env,
      venues: [...h.venues].sort(),
      protocols: [...h.protocols].sort(),
      trading: bases.some((b) => b.access === 'private'),
      marketData: bases.some((b) => b.access === 'public'),
      bases,
      sources: [...h.sources].sort(),
    });
  }
  return { version: 1, source: `${sourcePrefix} exchange definitions (urls, api), generated by scripts/gen-catalog.mjs`, hosts: out };
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The exact bytes written to disk; the freshness test compares against these. */
export function serializeCatalog(catalog) {
  return JSON.stringify(catalog, null, 1) + '\n';
}

export { newStats };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { default: ccxt } = await import('ccxt');
  const started = Date.now();
  const stats = newStats();
  const catalog = buildCatalog(ccxt, { stats });
  const text = serializeCatalog(catalog);
  writeFileSync(OUTPUT, text);
  const envs = { live: 0, sandbox: 0, shared: 0 };
  for (const h of catalog.hosts) envs[h.env]++;
  console.log(`wrote ${OUTPUT} (${(text.length / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
  console.log(`${stats.exchanges} exchanges, ${stats.sections} api sections; hosts: ${catalog.hosts.length} (live ${envs.live}, sandbox ${envs.sandbox}, shared ${envs.shared})`);
  console.log(`section access decided by: ${Object.entries(stats.access).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`${stats.unmapped.length} sections with no unique base URL (skipped):`);
  for (const s of stats.unmapped) console.log(`  ${s}`);
  console.log(`${stats.disagree.length} sections whose chosen base is not a prefix of the URL ccxt's sign() built:`);
  for (const s of stats.disagree) console.log(`  ${s}`);
  console.log(`${stats.skippedUrls.length} URLs skipped (unexpanded placeholder or not a DNS host):`);
  for (const s of stats.skippedUrls) console.log(`  ${s}`);
}
