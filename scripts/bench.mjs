// Benchmarks Gate D (live-endpoints) against ripgrep on a large generated repository.
//
//   npm run bench [-- --runs N] [-- --regenerate]
//
// Generates (once, deterministically) a 20,000-file git repository under .bench/tree, writes the
// catalog's live hosts to .bench/hosts.txt, then times, interleaved, N runs each of
//   node dist/cli.js check .bench/tree --gates live-endpoints --format json --output /dev/null
//   rg -F -f .bench/hosts.txt --count-matches .bench/tree
// and prints the medians and the ratio paperguard/rg. The result is also written to .bench/result.json.
// Not part of `npm test`: the figures depend on the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    files: { type: 'string', default: '20000' },
    regenerate: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const FILES = Number(args.files);
if (!Number.isInteger(RUNS) || RUNS < 1) die(`--runs ${args.runs}: give a positive integer`);
if (!Number.isInteger(FILES) || FILES < 100) die(`--files ${args.files}: give an integer >= 100`);

/** Bump when the generator's output changes: a tree with another stamp is regenerated. */
const GENERATOR_VERSION = 2;
const SEED = 0x9e3779b9;

const benchDir = path.join(root, '.bench');
const treeDir = path.join(benchDir, 'tree');
const stampFile = path.join(benchDir, 'tree.stamp.json');
const hostsFile = path.join(benchDir, 'hosts.txt');
const resultFile = path.join(benchDir, 'result.json');
const cli = path.join(root, 'dist', 'cli.js');

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The catalog's live hosts: mirrors EndpointCatalog.from + liveHosts() (merge of the same host
// across catalogs gives 'shared' when the envs differ; every host that is not 'sandbox' is live).

function catalogHosts() {
  const files = ['policies/endpoints/ccxt.generated.json', 'policies/endpoints/brokers.yml'];
  const env = new Map();
  for (const rel of files) {
    const text = readFileSync(path.join(root, rel), 'utf8');
    const data = rel.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    for (const h of data.hosts) {
      const prev = env.get(h.host);
      env.set(h.host, prev === undefined || prev === h.env ? h.env : 'shared');
    }
  }
  const live = [...env].filter(([, e]) => e !== 'sandbox').map(([h]) => h).sort();
  const sandbox = [...env].filter(([, e]) => e === 'sandbox').map(([h]) => h).sort();
  return { live, sandbox };
}

// ---------------------------------------------------------------------------------------------
// Deterministic generator.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeGen(seed) {
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p) => rnd() < p;
  // Box-Muller, for log-normal file sizes.
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return { rnd, int, pick, chance, normal };
}

const WORDS = (
  'order book price quote trade signal strategy backtest portfolio position risk limit market data feed stream ' +
  'candle bar tick volume spread hedge alpha beta factor model config loader parser client server handler worker ' +
  'queue cache store record event metric report summary account balance ledger fill execution venue symbol ' +
  'instrument universe calendar session schedule retry timeout window rolling mean variance sharpe drawdown ' +
  'paper sandbox simulator engine broker router gateway adapter registry plugin util helper common core base ' +
  'schema table column frame series index batch chunk buffer reader writer encoder decoder token auth user'
).split(' ');
const SAFE_HOSTS = [
  'github.com', 'api.github.com', 'raw.githubusercontent.com', 'pypi.org', 'files.pythonhosted.org', 'docs.python.org',
  'www.npmjs.com', 'registry.npmjs.org', 'developer.mozilla.org', 'golang.org', 'pkg.go.dev', 'proxy.golang.org',
  'docs.docker.com', 'hub.docker.com', 'grafana.com', 'prometheus.io', 'sentry.io', 'o123456.ingest.sentry.io',
  'hooks.slack.com', 'api.slack.com', 'www.postgresql.org', 'redis.io', 'kafka.apache.org', 'numpy.org',
  'pandas.pydata.org', 'scikit-learn.org', 'pytorch.org', 'www.tensorflow.org', 'stackoverflow.com',
  'en.wikipedia.org', 'www.example.com', 'example.org', 'internal.corp.example.net', 'metrics.internal.example.io',
  'storage.googleapis.com', 's3.amazonaws.com', 'data-bucket.s3.us-east-1.amazonaws.com', 'login.microsoftonline.com',
  'www.federalreserve.gov', 'fred.stlouisfed.org', 'www.sec.gov', 'www.ecb.europa.eu', 'quant.stackexchange.com',
];
const PY_MODULES = ['os', 'sys', 'json', 'time', 'logging', 'datetime', 'typing', 'pathlib', 'asyncio', 'dataclasses', 'functools', 'itertools', 'collections', 'math', 'decimal', 'enum', 're', 'hashlib', 'hmac'];
const PY_THIRD = [['numpy', 'np'], ['pandas', 'pd'], ['requests', null], ['aiohttp', null], ['pydantic', null], ['yaml', null], ['sqlalchemy', 'sa'], ['scipy.stats', 'stats']];
const TS_PKGS = ['node:fs', 'node:path', 'node:events', 'zod', 'axios', 'ws', 'pino', 'express', 'lodash', 'date-fns', 'decimal.js', 'ioredis'];
const GO_PKGS = ['context', 'fmt', 'time', 'net/http', 'encoding/json', 'errors', 'sync', 'strings', 'log/slog', 'github.com/shopspring/decimal', 'github.com/gorilla/websocket', 'go.uber.org/zap'];

function textGen(g) {
  const w = () => g.pick(WORDS);
  const camel = (n = g.int(2, 3)) => {
    const parts = Array.from({ length: n }, w);
    return parts[0] + parts.slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  };
  const pascal = (n = 2) => {
    const c = camel(n);
    return c[0].toUpperCase() + c.slice(1);
  };
  const snake = (n = g.int(2, 3)) => Array.from({ length: n }, w).join('_');
  const sentence = (n = g.int(6, 16)) => {
    const s = Array.from({ length: n }, w).join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const safeUrl = () => {
    const h = g.pick(SAFE_HOSTS);
    const p = Array.from({ length: g.int(0, 4) }, () => (g.chance(0.2) ? String(g.int(1, 9999)) : w())).join('/');
    return `https://${h}/${p}${g.chance(0.15) ? `?q=${w()}&page=${g.int(1, 9)}` : ''}`;
  };
  const dotted = () => `${g.pick(['self', 'ctx', 'cfg', 'client', 'np', 'pd', 'os.path', 'this', 'app.state'])}.${camel(1)}.${camel(g.int(1, 2))}`;
  return { w, camel, pascal, snake, sentence, safeUrl, dotted };
}

/** One block of a file's body: a few lines in the file's language. */
const BLOCKS = {
  py(g, t) {
    const f = t.snake();
    const a = t.snake(1), b = t.snake(2);
    switch (g.int(0, 3)) {
      case 0:
        return `\n\ndef ${f}(${a}, ${b}=None, *, timeout: float = ${g.int(1, 30)}.0):\n    """${t.sentence()}\n\n    ${t.sentence()}\n    See ${t.safeUrl()}\n    """\n    if ${b} is None:\n        ${b} = ${t.dotted()}(${a})\n    result = []\n    for item in ${a}:\n        value = ${t.dotted()}(item, ${g.int(1, 100)})\n        if value > ${g.int(0, 1000)}:\n            result.append((item, value))\n    logger.info("${t.sentence(5)} %s", len(result))\n    return result\n`;
      case 1:
        return `\n\nclass ${t.pascal()}:\n    """${t.sentence()}"""\n\n    def __init__(self, ${a}: str, ${b}: int = ${g.int(1, 64)}):\n        self.${a} = ${a}\n        self.${b} = ${b}\n        self._${t.snake(1)} = {}\n\n    def ${f}(self, ${t.snake(1)}):\n        # ${t.sentence()}\n        return self.${a}.${t.snake(1)}(${b}=self.${b})\n`;
      case 2:
        return `\n${t.snake().toUpperCase()} = "${t.safeUrl()}"\n${t.snake().toUpperCase()} = ${g.int(1, 10000)}\n${t.snake().toUpperCase()} = os.environ.get("${t.snake().toUpperCase()}", "${t.w()}")\n`;
      default:
        return `\n\nasync def ${f}(session, ${a}):\n    async with session.get(f"${t.safeUrl()}/{${a}}") as resp:\n        resp.raise_for_status()\n        payload = await resp.json()\n    return [${t.snake(1)}["${t.w()}"] for ${t.snake(1)} in payload.get("${t.w()}", [])]\n`;
    }
  },
  ts(g, t) {
    const f = t.camel();
    switch (g.int(0, 3)) {
      case 0:
        return `\n/** ${t.sentence()} */\nexport function ${f}(${t.camel(1)}: ${g.pick(['string', 'number', 'Order[]', 'Record<string, number>'])}, opts: ${t.pascal()}Options = {}): ${t.pascal()} {\n  const ${t.camel(1)} = opts.${t.camel(1)} ?? ${g.int(0, 100)};\n  for (const item of ${t.dotted()}) {\n    if (item.${t.camel(1)} > ${g.int(0, 1000)}) ${t.camel(1)}.push(item);\n  }\n  return { ${t.camel(1)}, at: Date.now() } as ${t.pascal()};\n}\n`;
      case 1:
        return `\nexport interface ${t.pascal()} {\n  ${t.camel(1)}: string;\n  ${t.camel(1)}?: number;\n  ${t.camel(2)}: ${t.pascal()}[];\n  // ${t.sentence()}\n  ${t.camel(1)}: Date;\n}\n`;
      case 2:
        return `\nconst ${t.camel().toUpperCase()} = '${t.safeUrl()}';\nconst ${t.camel()} = process.env.${t.snake().toUpperCase()} ?? '${t.w()}';\n`;
      default:
        return `\nexport async function ${f}(id: string): Promise<${t.pascal()}> {\n  const res = await fetch(\`${t.safeUrl()}/\${id}\`, { headers: { accept: 'application/json' } });\n  if (!res.ok) throw new Error(\`${t.sentence(4)} \${res.status}\`);\n  return (await res.json()) as ${t.pascal()};\n}\n`;
    }
  },
  go(g, t) {
    const f = t.pascal();
    switch (g.int(0, 2)) {
      case 0:
        return `\n// ${f} ${t.sentence()}\nfunc (s *${t.pascal()}) ${f}(ctx context.Context, ${t.camel(1)} string) (*${t.pascal()}, error) {\n\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, "${t.safeUrl()}", nil)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("${t.sentence(3)}: %w", err)\n\t}\n\tresp, err := s.client.Do(req)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n\tvar out ${t.pascal()}\n\treturn &out, json.NewDecoder(resp.Body).Decode(&out)\n}\n`;
      case 1:
        return `\ntype ${f} struct {\n\t${t.pascal(1)} string \`json:"${t.snake()}"\`\n\t${t.pascal(1)} int64 \`json:"${t.snake()}"\`\n\t${t.pascal(1)} time.Duration\n\tmu sync.Mutex\n}\n`;
      default:
        return `\nconst ${t.camel()} = ${g.int(1, 9999)} // ${t.sentence()}\nvar ${t.camel()} = errors.New("${t.sentence(4)}")\n`;
    }
  },
  md(g, t) {
    switch (g.int(0, 2)) {
      case 0:
        return `\n## ${t.sentence(4).slice(0, -1)}\n\n${t.sentence()} ${t.sentence()} See [${t.w()}](${t.safeUrl()}).\n`;
      case 1:
        return `\n${t.sentence()} ${t.sentence()} ${t.sentence()}\n\n- ${t.sentence(5)}\n- \`${t.dotted()}\` ${t.sentence(5)}\n- ${t.sentence(5)}\n`;
      default:
        return `\n\`\`\`python\nfrom ${t.snake(1)}.${t.snake(1)} import ${t.pascal()}\nclient = ${t.pascal()}(url="${t.safeUrl()}")\n\`\`\`\n`;
    }
  },
  yaml(g, t) {
    return `\n${t.snake()}:\n  enabled: ${g.chance(0.5)}\n  url: ${t.safeUrl()}\n  ${t.snake(1)}: ${g.int(1, 5000)}\n  ${t.snake(1)}:\n    - ${t.w()}\n    - ${t.w()}\n  # ${t.sentence()}\n`;
  },
  toml(g, t) {
    return `\n[${t.snake(1)}.${t.snake(1)}]\n${t.snake(1)} = "${t.w()}"\nurl = "${t.safeUrl()}"\n${t.snake(1)} = ${g.int(1, 500)}\n# ${t.sentence()}\n`;
  },
  env(g, t) {
    return `${t.snake().toUpperCase()}=${g.chance(0.3) ? t.safeUrl() : t.w()}\n`;
  },
};
BLOCKS.js = BLOCKS.ts;

function header(kind, g, t) {
  switch (kind) {
    case 'py':
      return `"""${t.sentence()}"""\n${Array.from({ length: g.int(2, 6) }, () => `import ${g.pick(PY_MODULES)}`).join('\n')}\n${Array.from({ length: g.int(1, 3) }, () => {
        const [m, as] = g.pick(PY_THIRD);
        return as ? `import ${m} as ${as}` : `import ${m}`;
      }).join('\n')}\nfrom ${t.snake(1)}.${t.snake(1)} import ${t.pascal()}, ${t.pascal()}\n\nlogger = logging.getLogger(__name__)\n`;
    case 'ts':
    case 'js':
      return `${Array.from({ length: g.int(2, 6) }, () => `import { ${t.camel(1)} } from '${g.chance(0.5) ? g.pick(TS_PKGS) : `../${t.camel(1)}/${t.camel(1)}.js`}';`).join('\n')}\n`;
    case 'go':
      return `package ${t.w()}\n\nimport (\n${Array.from({ length: g.int(2, 6) }, () => `\t"${g.pick(GO_PKGS)}"`).join('\n')}\n)\n`;
    case 'md':
      return `# ${t.pascal(2)}\n\n${t.sentence()} ${t.sentence()}\n`;
    case 'json':
    case 'yaml':
    case 'toml':
      return `# ${t.sentence()}\n`;
    default:
      return '';
  }
}

function jsonBody(g, t, target, plants) {
  // JSON: an object with many entries; plants become string values.
  const entries = [];
  let size = 2;
  while (size < target) {
    const e = `  "${t.snake()}_${entries.length}": ${g.pick([
      () => `"${t.safeUrl()}"`,
      () => String(g.int(0, 100000)),
      () => `{ "${t.w()}": "${t.w()}", "${t.w()}": ${g.int(0, 99)}, "enabled": ${g.chance(0.5)} }`,
      () => `["${t.w()}", "${t.w()}", "${t.dotted()}"]`,
      () => `"${t.sentence()}"`,
    ])()}`;
    entries.push(e);
    size += e.length + 2;
  }
  for (const p of plants) entries.splice(g.int(0, entries.length), 0, `  "${t.snake()}_url": "${p}"`);
  return `{\n${entries.join(',\n')}\n}\n`;
}

/** How a planted URL looks in each kind of file. */
function plantLine(kind, url, t) {
  switch (kind) {
    case 'py':
      return `\n${t.snake().toUpperCase()} = "${url}"\n`;
    case 'ts':
    case 'js':
      return `\nexport const ${t.camel()} = '${url}';\n`;
    case 'go':
      return `\nconst ${t.camel()} = "${url}"\n`;
    case 'md':
      return `\nThe service talks to ${url} in production.\n`;
    case 'yaml':
      return `\n${t.snake()}:\n  url: ${url}\n`;
    case 'toml':
      return `\n[${t.snake(1)}]\nendpoint = "${url}"\n`;
    case 'env':
      return `${t.snake().toUpperCase()}_URL=${url}\n`;
    default:
      return `\n${url}\n`;
  }
}

const KINDS = [
  ['py', 30], ['ts', 17], ['js', 7], ['go', 12], ['json', 8], ['yaml', 10], ['toml', 3], ['env', 2], ['md', 11],
];

function generateTree(liveHosts, sandboxHosts) {
  const g = makeGen(SEED);
  const t = textGen(g);
  const totalWeight = KINDS.reduce((a, [, w]) => a + w, 0);
  const kindOf = () => {
    let r = g.rnd() * totalWeight;
    for (const [k, w] of KINDS) if ((r -= w) < 0) return k;
    return 'py';
  };

  // Directory pool: services/<name>/<sub>/..., libs, config, docs, deploy.
  const dirs = [];
  for (let i = 0; i < 900; i++) {
    const top = g.pick(['services', 'libs', 'packages', 'tools', 'research', 'internal', 'cmd', 'pkg']);
    const depth = g.int(1, 4);
    dirs.push([top, ...Array.from({ length: depth }, () => t.snake(g.int(1, 2)))].join('/'));
  }

  // Plants: live hosts (some with trading paths, some bare), sandbox hosts, near misses.
  const paths = ['/api/v3/order', '/api/v3/account', '/v2/orders', '/api/v1/klines', '/ws', '/v1/ticker', '', '/fapi/v1/order', '/api/v5/trade/order'];
  const plants = [];
  for (let i = 0; i < 48; i++) {
    const h = g.pick(liveHosts);
    const scheme = g.pick(['https://', 'https://', 'wss://', '']);
    plants.push(`${scheme}${h}${scheme ? g.pick(paths) : ''}`);
  }
  for (let i = 0; i < 24; i++) plants.push(`https://${g.pick(sandboxHosts)}${g.pick(paths)}`);
  for (let i = 0; i < 24; i++) {
    const h = g.pick(liveHosts);
    plants.push(g.pick([
      `https://${h}.example.org/v1`, // the live host is a label prefix of another name
      `https://mirror-${h}/v1`,
      `${h.replace(/\./g, '_')}`,
      `https://${h}.internal.test/api`,
    ]));
  }
  plants.push('https://api.binance.com.example.org/api/v3/order');
  const plantsByFile = new Map();
  for (const p of plants) {
    const i = g.int(0, FILES - 1);
    plantsByFile.set(i, [...(plantsByFile.get(i) ?? []), p]);
  }

  rmSync(treeDir, { recursive: true, force: true });
  mkdirSync(treeDir, { recursive: true });
  writeFileSync(path.join(treeDir, '.gitignore'), 'node_modules/\n__pycache__/\n*.log\n.venv/\n');
  writeFileSync(path.join(treeDir, 'README.md'), '# bench tree\n\nGenerated by scripts/bench.mjs; not a real project.\n');
  const made = new Set();
  const used = new Set();
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const kind = kindOf();
    const dir = kind === 'md' && g.chance(0.5) ? `docs/${t.snake(1)}` : kind === 'yaml' && g.chance(0.3) ? `deploy/${t.w()}` : g.pick(dirs);
    const name = kind === 'env'
      ? (g.chance(0.5) ? '.env' : `.env.${g.pick(['example', 'local', 'staging', 'test'])}`)
      : `${t.snake(g.int(1, 2))}.${kind === 'yaml' ? g.pick(['yaml', 'yml']) : kind}`;
    let rel = `${dir}/${name}`;
    if (used.has(rel)) rel = `${dir}/${i}_${name.replace(/^\./, '')}`;
    used.add(rel);

    // Sizes: log-normal around ~2.2 KB, clamped to 0.5-8 KB; about 1.5% are large (16-256 KB, log-uniform).
    const target = g.chance(0.015)
      ? Math.round(16384 * Math.exp(g.rnd() * Math.log(16)))
      : Math.min(8192, Math.max(512, Math.round(Math.exp(Math.log(2200) + 0.7 * g.normal()))));
    const filePlants = plantsByFile.get(i) ?? [];
    let body;
    if (kind === 'json') {
      body = jsonBody(g, t, target, filePlants);
    } else {
      const blocks = [header(kind, g, t)];
      let size = blocks[0].length;
      while (size < target) {
        const b = BLOCKS[kind](g, t);
        blocks.push(b);
        size += b.length;
      }
      for (const p of filePlants) blocks.splice(g.int(1, blocks.length), 0, plantLine(kind, p, t));
      body = blocks.join('');
    }
    const abs = path.join(treeDir, rel);
    const d = path.dirname(abs);
    if (!made.has(d)) {
      mkdirSync(d, { recursive: true });
      made.add(d);
    }
    writeFileSync(abs, body);
    bytes += Buffer.byteLength(body);
  }

  const git = (...a) => execFileSync('git', a, { cwd: treeDir, stdio: ['ignore', 'ignore', 'inherit'] });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'generated bench tree');
  return { files: FILES + 2, bytes, plants: plants.length };
}

function ensureTree(liveHosts, sandboxHosts) {
  const want = { generator: GENERATOR_VERSION, seed: SEED, files: FILES, hosts: liveHosts.length };
  if (!args.regenerate && existsSync(stampFile) && existsSync(path.join(treeDir, '.git'))) {
    const have = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (['generator', 'seed', 'files', 'hosts'].every((k) => have[k] === want[k])) {
      console.log(`tree: reusing ${path.relative(root, treeDir)} (${have.files} files, ${(have.bytes / 1e6).toFixed(1)} MB)`);
      return have;
    }
  }
  const t0 = performance.now();
  console.log(`tree: generating ${FILES} files in ${path.relative(root, treeDir)} ...`);
  const made = generateTree(liveHosts, sandboxHosts);
  // `files` is the count requested (what the stamp compares); `tracked` adds README.md and .gitignore.
  const stamp = { ...want, tracked: made.files, bytes: made.bytes, plants: made.plants };
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  console.log(`tree: ${made.files} files, ${(made.bytes / 1e6).toFixed(1)} MB, ${made.plants} planted strings, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return stamp;
}

// ---------------------------------------------------------------------------------------------
// ripgrep

function haveRg() {
  return spawnSync('rg', ['--version'], { stdio: 'ignore' }).status === 0;
}

function ensureRg() {
  if (haveRg()) return;
  console.log('rg: not found; installing ripgrep with apt-get');
  const apt = (...a) => spawnSync('apt-get', a, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!apt('install', '-y', 'ripgrep')) {
    apt('update');
    apt('install', '-y', 'ripgrep');
  }
  if (!haveRg()) {
    console.error('bench: ripgrep (rg) is required and could not be installed; install it (e.g. apt-get install ripgrep) and re-run.');
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// Timing

const PG_ARGS = [cli, 'check', path.relative(root, treeDir), '--gates', 'live-endpoints', '--format', 'json', '--output', '/dev/null'];
const RG_ARGS = ['-F', '-f', path.relative(root, hostsFile), '--count-matches', path.relative(root, treeDir)];

function timeOnce(cmd, argv, expect) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) die(`${cmd}: ${r.error.message}`);
  if (r.status !== expect) die(`${cmd} ${argv.join(' ')} exited ${r.status} (expected ${expect})\n${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------------------------------------

if (!existsSync(cli)) die(`${path.relative(root, cli)} is missing: run npm run build first`);
ensureRg();
mkdirSync(benchDir, { recursive: true });
const { live, sandbox } = catalogHosts();
writeFileSync(hostsFile, `${live.join('\n')}\n`);
console.log(`hosts: ${live.length} live hosts in ${path.relative(root, hostsFile)}`);
const tree = ensureTree(live, sandbox);

// One JSON run for the figures the timed runs discard.
const json = spawnSync(process.execPath, PG_ARGS.slice(0, -2), { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (json.status !== 1) die(`paperguard exited ${json.status} (expected 1: hosts are planted)\n${json.stderr}`);
const report = JSON.parse(json.stdout);
const gate = report.gates.find((x) => x.id === 'live-endpoints');
const byRule = {};
for (const f of gate.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
const rgOut = spawnSync('rg', RG_ARGS, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (rgOut.status !== 0) die(`rg exited ${rgOut.status}\n${rgOut.stderr}`);
const rgLines = rgOut.stdout.split('\n').filter(Boolean);
const rgMatches = rgLines.reduce((a, l) => a + Number(l.slice(l.lastIndexOf(':') + 1)), 0);
console.log(`paperguard: ${gate.stats.filesScanned} files scanned of ${report.inventory.files}, ${gate.findings.length} findings ${JSON.stringify(byRule)}`);
console.log(`rg: ${rgMatches} matches in ${rgLines.length} files`);

const pg = [];
const rg = [];
console.log(`timing: 1 warm-up + ${RUNS} runs each, interleaved, on ${os.cpus().length} CPUs`);
timeOnce(process.execPath, PG_ARGS, 1);
timeOnce('rg', RG_ARGS, 0);
for (let i = 0; i < RUNS; i++) {
  // Alternate which goes first so that neither always follows the other's cache effects.
  if (i % 2 === 0) {
    pg.push(timeOnce(process.execPath, PG_ARGS, 1));
    rg.push(timeOnce('rg', RG_ARGS, 0));
  } else {
    rg.push(timeOnce('rg', RG_ARGS, 0));
    pg.push(timeOnce(process.execPath, PG_ARGS, 1));
  }
}
const fmt = (x) => Math.round(x);
const pgMed = median(pg);
const rgMed = median(rg);
const ratio = pgMed / rgMed;
console.log(`paperguard: median ${fmt(pgMed)} ms, min ${fmt(Math.min(...pg))}, max ${fmt(Math.max(...pg))}  (node ${path.relative(root, cli)} ${PG_ARGS.slice(1).join(' ')})`);
console.log(`rg:         median ${fmt(rgMed)} ms, min ${fmt(Math.min(...rg))}, max ${fmt(Math.max(...rg))}  (rg ${RG_ARGS.join(' ')})`);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  runs: RUNS,
  tree: { files: tree.files, bytes: tree.bytes, generator: GENERATOR_VERSION },
  hosts: live.length,
  filesScanned: gate.stats.filesScanned,
  findings: gate.findings.length,
  findingsByRule: byRule,
  rgMatches,
  paperguard: { medianMs: pgMed, minMs: Math.min(...pg), maxMs: Math.max(...pg), samplesMs: pg },
  rg: { medianMs: rgMed, minMs: Math.min(...rg), maxMs: Math.max(...rg), samplesMs: rg },
  ratio,
  goal: 2,
};
writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`live-endpoints: ${fmt(pgMed)} ms median vs rg ${fmt(rgMed)} ms median: ${ratio.toFixed(2)}x (goal <= 2x)`);
