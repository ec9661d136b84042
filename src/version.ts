import { readFileSync } from 'node:fs';

/** Injected by the esbuild bundle from package.json; read from package.json when running from src/. */
declare const __PAPERGUARD_VERSION__: string | undefined;

export const TOOL_VERSION: string =
  typeof __PAPERGUARD_VERSION__ === 'string'
    ? __PAPERGUARD_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
