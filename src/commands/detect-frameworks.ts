/**
 * Which trading frameworks a repository depends on, from its dependency files (never from imports
 * in code: the declared dependencies are what the deployment installs). Feeds `paperguard init`,
 * which turns the matching paper-mode presets on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../core/errors.js';

/** Package name (normalized: lower case, `_` and `.` as `-`) → paper-mode preset id. */
const PRESET_BY_PACKAGE: Record<string, string> = {
  freqtrade: 'freqtrade',
  hummingbot: 'hummingbot',
  'alpaca-py': 'alpaca-py',
  'alpaca-trade-api': 'alpaca-trade-api',
  '@alpacahq/alpaca-trade-api': 'alpaca-js',
  ccxt: 'ccxt',
  'nautilus-trader': 'nautilus',
  jesse: 'jesse',
  lumibot: 'lumibot',
  octobot: 'octobot',
  vnpy: 'vnpy',
  'ib-insync': 'ib',
  'ib-async': 'ib',
  'python-binance': 'python-binance',
  pybit: 'pybit',
  oandapyv20: 'oanda',
};

export interface DetectedFramework {
  preset: string;
  package: string;
  /** Repo-relative dependency file that declares it. */
  file: string;
}

/** PEP 503 normalization; npm names are kept as they are (lower case already). */
export function normalizePackage(name: string): string {
  return name.startsWith('@') ? name.toLowerCase() : name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The name at the start of a PEP 508 requirement (`ccxt[async]>=4; python_version>"3.9"` → `ccxt`). */
function requirementName(spec: string): string | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return m ? (m[1] as string) : null;
}

type Reader = (text: string) => string[];

const fromRequirements: Reader = (text) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('-'))
    .map(requirementName)
    .filter((n): n is string => n !== null);

const fromPyproject: Reader = (text) => {
  const data = parseToml(text) as Record<string, any>;
  const names: string[] = [];
  const pep621 = data.project ?? {};
  for (const spec of [...(pep621.dependencies ?? []), ...Object.values(pep621['optional-dependencies'] ?? {}).flat()]) {
    const n = typeof spec === 'string' ? requirementName(spec) : null;
    if (n) names.push(n);
  }
  const poetry = data.tool?.poetry ?? {};
  names.push(...Object.keys(poetry.dependencies ?? {}), ...Object.keys(poetry['dev-dependencies'] ?? {}));
  for (const group of Object.values(poetry.group ?? {}) as { dependencies?: object }[]) names.push(...Object.keys(group.dependencies ?? {}));
  return names;
};

const fromPipfile: Reader = (text) => {
  const data = parseToml(text) as Record<string, Record<string, unknown> | undefined>;
  return [...Object.keys(data.packages ?? {}), ...Object.keys(data['dev-packages'] ?? {})];
};

/** setup.cfg `install_requires` and setup.py `install_requires=[...]`: the quoted or listed names. */
const fromSetup: Reader = (text) => {
  const block = /install_requires\s*[=:]\s*(\[[\s\S]*?\]|(?:\n[ \t]+.+)+)/.exec(text)?.[1] ?? '';
  const quoted = [...block.matchAll(/["']([^"']+)["']/g)].map((m) => m[1] as string);
  const lines = quoted.length ? quoted : block.split('\n');
  return lines.map(requirementName).filter((n): n is string => n !== null);
};

const fromConda: Reader = (text) => {
  const data = parseYaml(text) as { dependencies?: unknown[] } | null;
  const names: string[] = [];
  for (const dep of data?.dependencies ?? []) {
    if (typeof dep === 'string') names.push(dep.split(/[=<>!\s]/)[0] ?? '');
    else if (dep && typeof dep === 'object' && Array.isArray((dep as { pip?: unknown[] }).pip)) {
      for (const p of (dep as { pip: unknown[] }).pip) if (typeof p === 'string') names.push(requirementName(p) ?? '');
    }
  }
  return names.filter(Boolean);
};

const fromPackageJson: Reader = (text) => {
  const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {}));
};

/** Which reader understands a repo-relative path, if any. */
function readerFor(rel: string): Reader | null {
  const base = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
  if (/^requirements.*\.(txt|in)$/.test(base) || (rel.includes('requirements/') && /\.(txt|in)$/.test(base))) return fromRequirements;
  if (base === 'pyproject.toml') return fromPyproject;
  if (base === 'pipfile') return fromPipfile;
  if (base === 'setup.cfg' || base === 'setup.py') return fromSetup;
  if (base === 'environment.yml' || base === 'environment.yaml') return fromConda;
  if (base === 'package.json') return fromPackageJson;
  return null;
}

/**
 * Frameworks declared by the dependency files among `files` (repo-relative, e.g. the inventory),
 * sorted by preset. A dependency file that does not parse is a configuration error naming it:
 * `init` must not guess the presets of a repository it could not read.
 */
export function detectFrameworks(root: string, files: string[]): DetectedFramework[] {
  const found = new Map<string, DetectedFramework>();
  for (const rel of files.filter((f) => !/(^|\/)(node_modules|vendor|\.venv|venv)\//.test(f)).sort()) {
    const reader = readerFor(rel);
    if (!reader) continue;
    let names: string[];
    try {
      names = reader(readFileSync(path.join(root, rel), 'utf8'));
    } catch (err) {
      throw new ConfigError(`cannot read dependencies: ${(err as Error).message.split('\n')[0]}`, rel);
    }
    for (const name of names) {
      const preset = PRESET_BY_PACKAGE[normalizePackage(name)];
      if (preset && !found.has(preset)) found.set(preset, { preset, package: name, file: rel });
    }
  }
  return [...found.values()].sort((a, b) => a.preset.localeCompare(b.preset));
}
