/**
 * `paperguard init`: turns a trading repository into a governed one in one step. It detects the
 * frameworks the repository depends on, writes `.github/paperguard.yml` with the matching presets
 * and the workflow that runs every gate as its own job (job names stable enough to be required
 * checks). It never overwrites a file unless told to.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { Inventory } from '../core/inventory.js';
import { REPOSITORY_URL } from '../core/docs.js';
import { detectFrameworks, type DetectedFramework } from './detect-frameworks.js';

export const POLICY_FILE = '.github/paperguard.yml';
export const WORKFLOW_FILE = '.github/workflows/paperguard.yml';

/** Pinned by full commit SHA (a tag can be moved); the comment names the release. */
const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';
const ACTION_REPO = new URL(REPOSITORY_URL).pathname.slice(1);

/** The job (and required check) name of a gate in the generated workflow. */
export function checkName(gate: string): string {
  return `paperguard / ${gate}`;
}

export function renderPolicy(gates: string[], frameworks: DetectedFramework[], presetsAvailable: ReadonlySet<string>): string {
  const presets = frameworks.filter((f) => presetsAvailable.has(f.preset));
  const unsupported = frameworks.filter((f) => !presetsAvailable.has(f.preset));
  const lines = [
    '# yaml-language-server: $schema=https://github.com/paperguard/paperguard/raw/main/schemas/policy.schema.json',
    '# Written by `paperguard init`. It extends the built-in recommended policy: a key set here',
    '# replaces the default for that key. Reference: https://github.com/paperguard/paperguard#policy',
    'version: 1',
    `gates: [${gates.join(', ')}]`,
  ];
  if (gates.includes('paper-mode')) {
    lines.push('', 'paper-mode:');
    if (presets.length) {
      lines.push('  # Frameworks found in the dependency files:');
      for (const f of presets) lines.push(`  #   ${f.preset}: ${f.package} in ${f.file}`);
    }
    for (const f of unsupported) lines.push(`  # ${f.package} (${f.file}) has no preset yet: review its paper/live switch by hand.`);
    lines.push(`  presets: [${presets.map((f) => f.preset).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** One job per gate, so that branch protection can require each by name. */
export function renderWorkflow(gates: string[]): string {
  const jobs = gates.flatMap((gate) => [
    `  ${gate}:`,
    `    name: ${checkName(gate)}`,
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 15',
    '    permissions:',
    '      contents: read',
    '      pull-requests: read # security review of allowlist changes',
    '    steps:',
    `      - uses: ${CHECKOUT}`,
    '        with:',
    '          fetch-depth: 0 # the base commit of a pull request is compared against',
    '          persist-credentials: false',
    `      - uses: ${ACTION_REPO}/actions/${gate}@v0 # pin to a commit SHA for production`,
    '        with:',
    '          base: ${{ github.event.pull_request.base.sha }}',
    '',
  ]);
  return [
    '# Written by `paperguard init`: every paperguard gate as its own job. Make the job names',
    '# ("paperguard / <gate>") required status checks of main and release/* branches.',
    'name: paperguard',
    '',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main, "release/**"]',
    '',
    'permissions:',
    '  contents: read',
    '',
    'jobs:',
    ...jobs,
  ].join('\n').replace(/\n+$/, '\n');
}

export interface InitOptions {
  path: string;
  cwd: string;
  force: boolean;
  gates: string[];
  presetsAvailable: ReadonlySet<string>;
}

export interface InitResult {
  root: string;
  frameworks: DetectedFramework[];
  written: string[];
}

export async function runInit(opts: InitOptions): Promise<InitResult> {
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root)) throw new UsageError(`${opts.path}: no such directory`);
  // The working tree minus .gitignore, not only tracked files: init often runs before the first commit.
  const inventory = await Inventory.build(root, null, { maxFileSize: Number.MAX_SAFE_INTEGER });
  const frameworks = detectFrameworks(inventory.root, inventory.files.map((f) => f.path));
  const outputs: [string, string][] = [
    [POLICY_FILE, renderPolicy(opts.gates, frameworks, opts.presetsAvailable)],
    [WORKFLOW_FILE, renderWorkflow(opts.gates)],
  ];
  const existing = outputs.map(([rel]) => rel).filter((rel) => existsSync(path.join(root, rel)));
  if (existing.length && !opts.force) {
    throw new UsageError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (use --force to replace)`);
  }
  for (const [rel, content] of outputs) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { root, frameworks, written: outputs.map(([rel]) => rel) };
}
