import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ScanError } from '../../core/errors.js';
import type { Catalog, CatalogBase, CatalogHost, HostEnv, PortEntry } from './catalog-types.js';

export const CATALOG_FILES = ['policies/endpoints/ccxt.generated.json', 'policies/endpoints/brokers.yml'];

/** A host the policy adds for a venue the catalogs do not know. */
export interface ExtraHost {
  host: string;
  env: 'live' | 'sandbox';
  venue: string;
  trading: boolean;
}

/** An endpoint path compiled for matching: placeholders like `{symbol}` match one path segment. */
interface CompiledBase extends CatalogBase {
  matchers: RegExp[];
}

export interface IndexedHost extends Omit<CatalogHost, 'bases'> {
  bases: CompiledBase[];
}

/** Host lookups are exact on the whole DNS name; the index is the single source of truth for the gate. */
export class EndpointCatalog {
  /** Path matchers are compiled on first lookup: a run meets a handful of the catalog's hosts, not all of them. */
  private readonly indexed = new Map<string, IndexedHost>();

  private constructor(
    private readonly hosts: Map<string, CatalogHost>,
    readonly ports: PortEntry[],
  ) {}

  static load(packageRoot: string, extra: ExtraHost[]): EndpointCatalog {
    const catalogs = CATALOG_FILES.map((rel) => readCatalog(path.join(packageRoot, rel), rel));
    return EndpointCatalog.from(catalogs, extra);
  }

  static from(catalogs: Catalog[], extra: ExtraHost[] = []): EndpointCatalog {
    const byHost = new Map<string, CatalogHost>();
    const add = (h: CatalogHost) => {
      const prev = byHost.get(h.host);
      byHost.set(h.host, prev ? mergeHosts(prev, h) : h);
    };
    for (const c of catalogs) for (const h of c.hosts) add(h);
    for (const e of extra) {
      add({
        host: e.host.toLowerCase(),
        env: e.env,
        venues: [e.venue],
        protocols: ['http', 'ws'],
        trading: e.trading,
        marketData: !e.trading,
        bases: [],
        sources: ['policy: live-endpoints.extra_hosts'],
      });
    }
    return new EndpointCatalog(byHost, catalogs.flatMap((c) => c.ports ?? []));
  }

  get(host: string): IndexedHost | undefined {
    let entry = this.indexed.get(host);
    if (entry) return entry;
    const h = this.hosts.get(host);
    if (!h) return undefined;
    entry = { ...h, bases: h.bases.map(compileBase) };
    this.indexed.set(host, entry);
    return entry;
  }

  /** Every host name in the catalog, sandbox ones included. */
  hostNames(): string[] {
    return [...this.hosts.keys()];
  }

  /** Whether the host is in the catalog, without compiling its paths. */
  has(host: string): boolean {
    return this.hosts.has(host);
  }

  /** Every live (or shared) host: what `rg -F -f hosts.txt` is given in the benchmark. */
  liveHosts(): string[] {
    return [...this.hosts.values()].filter((h) => h.env !== 'sandbox').map((h) => h.host).sort();
  }

  /** The last DNS labels of every known host: a cheap prefilter before any lookup. */
  topLevelLabels(): string[] {
    return [...new Set([...this.hosts.keys()].map((h) => h.slice(h.lastIndexOf('.') + 1)))].sort();
  }

  size(): number {
    return this.hosts.size;
  }
}

/** The same host listed as live somewhere and as a sandbox elsewhere serves both: shared. */
function mergeHosts(a: CatalogHost, b: CatalogHost): CatalogHost {
  const env: HostEnv = a.env === b.env ? a.env : 'shared';
  return {
    host: a.host,
    env,
    venues: [...new Set([...a.venues, ...b.venues])].sort(),
    protocols: [...new Set([...a.protocols, ...b.protocols])].sort(),
    trading: a.trading || b.trading,
    marketData: a.marketData || b.marketData,
    bases: [...a.bases, ...b.bases],
    sources: [...new Set([...a.sources, ...b.sources])],
  };
}

function compileBase(b: CatalogBase): CompiledBase {
  return { ...b, matchers: b.paths.map(pathMatcher) };
}

function pathMatcher(p: string): RegExp {
  const parts = p.replace(/^\/+|\/+$/g, '').split(/(\{[^}]*\})/);
  const body = parts
    .map((part) => (/^\{[^}]*\}$/.test(part) ? '[^/?#]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}/?$`, 'i');
}

function readCatalog(file: string, rel: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScanError(`endpoint catalog ${rel} is missing from the installation: ${(err as Error).message}`, rel);
  }
  const data = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Catalog;
  if (!data || data.version !== 1 || !Array.isArray(data.hosts)) {
    throw new ScanError(`endpoint catalog ${rel} is not a version 1 catalog`, rel);
  }
  return data;
}
