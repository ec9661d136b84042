import type { IndexedHost } from './catalog.js';

export type EndpointKind = 'trading' | 'market-data' | 'shared' | 'sandbox';

export interface EndpointRef {
  host: string;
  /** 'http' | 'https' | 'ws' | 'wss', or null for a bare hostname. */
  scheme: string | null;
  /** URL path without query or fragment, '' when absent. */
  path: string;
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
export function classify(entry: IndexedHost, ref: EndpointRef): Classification {
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
  if (path && !isBasePrefix(entry, path)) {
    return {
      kind: 'trading',
      reason: `${ref.host} serves private (order/account) endpoints of ${venuesOf(entry)} and ${path} is not a known public market-data path`,
    };
  }
  return {
    kind: 'trading',
    reason: `a base URL of ${ref.host}, which serves private (order/account) endpoints of ${venuesOf(entry)}`,
  };
}

function matchPath(entry: IndexedHost, path: string): { access: 'public' | 'private'; section: string; inferred: boolean } | null {
  let publicHit: { section: string } | null = null;
  // Longest prefix first: a specific section beats the root section.
  const bases = [...entry.bases].sort((a, b) => b.prefix.length - a.prefix.length);
  for (const base of bases) {
    const prefix = base.prefix.replace(/\/+$/, '');
    if (prefix && path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const rest = path.slice(prefix.length).replace(/^\/+/, '');
    if (!rest) continue;
    if (!base.matchers.some((m) => m.test(rest))) continue;
    // A path listed as private anywhere on the host is trading, even if another section lists it as public.
    if (base.access === 'private') return { access: 'private', section: base.section, inferred: !!base.accessInferred };
    publicHit ??= { section: base.section };
  }
  return publicHit ? { access: 'public', inferred: false, ...publicHit } : null;
}

function isBasePrefix(entry: IndexedHost, path: string): boolean {
  return entry.bases.some((b) => b.prefix.replace(/\/+$/, '') === path);
}
