import type { Catalog } from '../src/gates/live-endpoints/catalog-types.js';

export interface CatalogStats {
  exchanges: number;
  sections: number;
  access: Record<string, number>;
  unmapped: string[];
  disagree: string[];
  skippedUrls: string[];
}

/** Absolute path of policies/endpoints/ccxt.generated.json. */
export const OUTPUT: string;
export function newStats(): CatalogStats;
/** Version in the installed ccxt's package.json. */
export function installedCcxtVersion(): string;
/** Builds the catalog from the default export of the `ccxt` package. */
export function buildCatalog(ccxt: unknown, options?: { version?: string; stats?: CatalogStats }): Catalog;
/** The exact text `npm run catalog` writes. */
export function serializeCatalog(catalog: Catalog): string;
