#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  DEFAULT_API_URL,
  GATES,
  GATE_ID,
  GitRepo,
  Inventory,
  NoReviewContextOracle,
  PRESET_IDS,
  REPOSITORY_URL,
  TOOL_VERSION,
  allFindings,
  classicProtection,
  compileGlobs,
  countFindings,
  createGitHubClient,
  decisionRecords,
  defaultBranch,
  evidenceCommand,
  executablePaths,
  isExpired,
  isHelpFlag,
  listIssuesByLabel,
  listRulesets,
  loadFor,
  loadPolicy,
  locateRepoPolicy,
  parse,
  parseFlags,
  parseRepo,
  readManifest,
  readMarker,
  renderGithub,
  renderReport,
  require_dist,
  require_picomatch,
  runCheck,
  subcommand,
  tagCommand,
  tagStem,
  trackedScripts,
  writeDecisionLog
} from "./chunks/chunk-SVBVM7VJ.js";
import {
  ConfigError,
  EXIT,
  ScanError,
  UsageError,
  describeError,
  exitCodeOf
} from "./chunks/chunk-UF4OFXPZ.js";
import "./chunks/chunk-5BWOCFR3.js";
import "./chunks/chunk-LZBLR33N.js";
import {
  __toESM
} from "./chunks/chunk-EWAE2EHG.js";

// src/cli.ts
import { mkdirSync as mkdirSync4, writeFileSync as writeFileSync4 } from "node:fs";
import path6 from "node:path";
import { parseArgs } from "node:util";

// src/commands/doctor.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync as existsSync2, readdirSync, readFileSync as readFileSync2 } from "node:fs";
import path2 from "node:path";

// src/commands/manifest.ts
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// src/gates/script-risk/manifest-sync.ts
var UNCLASSIFIED = "unclassified";
function syncManifestText(file, original, scripts, isTracked) {
  const created = original === null;
  const base = original ?? '{\n  "version": 1,\n  "scripts": []\n}\n';
  const read = readManifest(base);
  if (!read.ok) {
    const p = read.problems[0];
    throw new ConfigError(`cannot sync an invalid manifest: ${p.message}`, file, p.line);
  }
  const removedEntries = read.entries.filter((e) => !isTracked(e.path));
  const kept = read.entries.filter((e) => isTracked(e.path));
  const listed = new Set(kept.map((e) => e.path));
  const added = [...new Set(scripts.filter((s) => !listed.has(s)))].sort();
  const removed = [...new Set(removedEntries.map((e) => e.path))];
  if (!created && added.length === 0 && removed.length === 0) return { text: base, added, removed, changed: false, created };
  const eol = base.includes("\r\n") ? "\r\n" : "\n";
  const array = read.scripts;
  const children = array.children ?? [];
  const slice = (from, to) => base.slice(from, to);
  const endOf = (n) => n.offset + n.length;
  const arrayEnd = endOf(array);
  let leading;
  let between;
  let trailing;
  let style;
  const first = children[0];
  const last = children[children.length - 1];
  if (first && last) {
    leading = slice(array.offset + 1, first.offset);
    trailing = slice(endOf(last), arrayEnd - 1);
    between = children[1] ? slice(endOf(first), children[1].offset) : `,${leading}`;
    style = styleOf(base, first);
  } else {
    const unit = indentUnit(base);
    const keyIndent = lineIndent(base, array.parent?.offset ?? array.offset);
    const elementIndent = keyIndent + unit;
    leading = eol + elementIndent;
    between = `,${leading}`;
    trailing = eol + keyIndent;
    style = { open: eol + elementIndent + unit, colon: ": ", sep: `,${eol}${elementIndent}${unit}`, close: eol + elementIndent };
  }
  const entryTexts = [
    ...kept.map((e) => slice(e.offset, e.offset + e.length)),
    ...added.map((p) => render(style, [["path", p], ["category", UNCLASSIFIED], ["requires_exec_guard", false]]))
  ];
  const arrayText = entryTexts.length ? `[${leading}${entryTexts.join(between)}${trailing}]` : "[]";
  let text = base.slice(0, array.offset) + arrayText + base.slice(arrayEnd);
  if (!text.endsWith("\n")) text += eol;
  return { text, added, removed, changed: text !== original, created };
}
function render(style, fields) {
  return `{${style.open}${fields.map(([k, v]) => `${JSON.stringify(k)}${style.colon}${JSON.stringify(v)}`).join(style.sep)}${style.close}}`;
}
function styleOf(text, entry) {
  const props = entry.children ?? [];
  const p0 = props[0];
  const p1 = props[1];
  const pn = props[props.length - 1];
  const [k0, v0] = p0.children;
  return {
    open: text.slice(entry.offset + 1, p0.offset),
    colon: text.slice(k0.offset + k0.length, v0.offset),
    sep: p1 ? text.slice(p0.offset + p0.length, p1.offset) : ", ",
    close: text.slice(pn.offset + pn.length, entry.offset + entry.length - 1)
  };
}
function indentUnit(text) {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1] : "  ";
}
function lineIndent(text, offset) {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

// src/commands/manifest.ts
var MANIFEST_HELP = `Usage: paperguard manifest sync [PATH] [--policy FILE] [--check]

Adds tracked scripts missing from the script-risk manifest (as "unclassified", which fails the
gate until classified), removes entries of files no longer tracked, keeps order and formatting.
  --policy FILE   repository policy (default: PATH/.github/paperguard.yml if present)
  --check         write nothing; exit 1 if a sync would change the manifest`;
async function syncManifest(opts) {
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root)) throw new UsageError(`${opts.path}: no such directory`);
  if (!statSync(root).isDirectory()) throw new UsageError(`${opts.path}: not a directory`);
  const git = await GitRepo.open(root);
  const loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: GATES, capabilities: CAPABILITIES, cwd: opts.cwd });
  const policy = loaded.policy.sections[GATE_ID];
  const inventory = await Inventory.build(root, git, { maxFileSize: loaded.policy.inventory.max_file_size });
  const scripts = trackedScripts(policy, inventory, await executablePaths(inventory.root, git, inventory)).map((s) => s.path);
  const file = path.join(inventory.root, policy.manifest);
  let original = null;
  if (existsSync(file)) {
    try {
      original = readFileSync(file, "utf8");
    } catch (err) {
      throw new ScanError(`cannot read ${policy.manifest}: ${err.code ?? err.message}`, policy.manifest);
    }
  }
  const plan = syncManifestText(policy.manifest, original, scripts, (p) => inventory.has(p));
  if (!plan.changed || opts.check) return { file: policy.manifest, plan, written: false };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, plan.text);
  } catch (err) {
    throw new ScanError(`cannot write ${policy.manifest}: ${err.code ?? err.message}`, policy.manifest);
  }
  return { file: policy.manifest, plan, written: true };
}
async function manifestCommand(args, ctx) {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${MANIFEST_HELP}
`);
    return EXIT.pass;
  }
  subcommand("manifest", sub, ["sync"]);
  const { values, positionals } = parseFlags(
    {
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { policy: { type: "string" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" }, verbose: { type: "boolean" } }
    },
    MANIFEST_HELP
  );
  if (values.help) {
    process.stdout.write(`${MANIFEST_HELP}
`);
    return EXIT.pass;
  }
  const [target = ".", ...extra] = positionals;
  if (extra.length) throw new UsageError(`manifest sync takes one PATH, got also: ${extra.join(" ")}`);
  const check = values.check === true;
  const { file, plan, written } = await syncManifest({ path: target, cwd: ctx.cwd, policy: values.policy, check });
  const lines = [];
  if (!plan.changed) {
    lines.push(`${file}: up to date`);
  } else {
    const head = plan.created ? check ? "would be created" : "created" : check ? "would change" : "updated";
    lines.push(`${file}: ${head} (${plan.added.length} added, ${plan.removed.length} removed)`);
    for (const p of plan.added) lines.push(`  + ${p} (unclassified: give it a category)`);
    for (const p of plan.removed) lines.push(`  - ${p} (no longer tracked)`);
    if (written && plan.added.length) lines.push('New entries are "unclassified" and fail the script-risk gate until classified.');
  }
  process.stdout.write(`${lines.join("\n")}
`);
  return check && plan.changed ? EXIT.violations : EXIT.pass;
}

// src/commands/doctor.ts
var EXPIRY_WARNING_DAYS = 14;
var ACTION_REPO = new URL(REPOSITORY_URL).pathname.slice(1);
function workflowSteps(root) {
  const dir = path2.join(root, ".github", "workflows");
  if (!existsSync2(dir)) return [];
  const out2 = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = `.github/workflows/${name}`;
    let wf;
    try {
      wf = (0, import_yaml.parse)(readFileSync2(path2.join(dir, name), "utf8")) ?? {};
    } catch (err) {
      throw new UsageError(`${file}: invalid YAML: ${err.message.split("\n")[0]}`);
    }
    for (const job of Object.values(wf.jobs ?? {})) {
      for (const step of job?.steps ?? []) {
        out2.push({
          file,
          uses: typeof step.uses === "string" ? step.uses : void 0,
          run: typeof step.run === "string" ? step.run : void 0,
          gatesInput: typeof step.with?.gates === "string" ? step.with.gates : void 0
        });
      }
    }
  }
  return out2;
}
var workflowsRunGates = (ctx) => {
  const steps = workflowSteps(ctx.root);
  return ctx.loaded.policy.gates.map((gate) => {
    const runner = steps.find((s) => {
      if (s.uses?.includes(`/actions/${gate}@`)) return true;
      if (s.uses?.startsWith(`${ACTION_REPO}@`) || s.uses === "./") return !s.gatesInput || s.gatesInput.split(",").map((g) => g.trim()).includes(gate);
      return !!s.run && /\bpaperguard(?:\.js)?\s+check\b/.test(s.run) && (!/--gates/.test(s.run) || new RegExp(`--gates[ =][^\\n]*\\b${gate}\\b`).test(s.run));
    });
    return runner ? { level: "OK", check: "workflow", message: `gate ${gate} runs in ${runner.file}` } : { level: "ERR", check: "workflow", message: `no workflow runs gate ${gate}: run \`paperguard init\` or add actions/${gate}` };
  });
};
var exceptionsExpiry = (ctx) => {
  const soon = new Date(ctx.now.getTime() + EXPIRY_WARNING_DAYS * 864e5);
  const entries = ctx.loaded.policy.exceptions.entries.map((e) => ({
    what: `exception for ${e.rule}${e.path ? ` on ${e.path}` : ""}`,
    expires: e.expires,
    owner: e.owner
  }));
  for (const [gate, section] of Object.entries(ctx.loaded.policy.sections)) {
    const allowlist = section.allowlist ?? [];
    for (const a of allowlist) if (a.expires) entries.push({ what: `${gate} allowlist entry for ${a.host}`, expires: a.expires, owner: a.owner ?? "?" });
  }
  const lines = entries.flatMap((e) => {
    if (isExpired(e.expires, ctx.now)) return [{ level: "ERR", check: "exceptions", message: `${e.what} expired on ${e.expires} (owner ${e.owner})` }];
    if (isExpired(e.expires, soon)) return [{ level: "WARN", check: "exceptions", message: `${e.what} expires on ${e.expires} (owner ${e.owner})` }];
    return [];
  });
  return lines.length ? lines : [{ level: "OK", check: "exceptions", message: `${entries.length} exceptions and allowlist entries, none expiring within ${EXPIRY_WARNING_DAYS} days` }];
};
var manifestInSync = async (ctx) => {
  if (!ctx.loaded.policy.gates.includes("script-risk")) return [];
  const { file, plan } = await syncManifest({ path: ctx.root, cwd: ctx.cwd, policy: ctx.policyArg, check: true });
  if (plan.created) return [{ level: "ERR", check: "manifest", message: `${file} is missing: run \`paperguard manifest sync\`, then classify each script` }];
  if (plan.changed) {
    return [{ level: "ERR", check: "manifest", message: `${file} is out of sync (${plan.added.length} scripts to add, ${plan.removed.length} entries to remove): run \`paperguard manifest sync\`` }];
  }
  return [{ level: "OK", check: "manifest", message: `${file} lists every tracked script` }];
};
var guardrailPresent = (ctx) => {
  if (!ctx.loaded.policy.gates.includes("paper-mode")) return [];
  const { guardrail } = ctx.loaded.policy.sections["paper-mode"];
  return existsSync2(path2.join(ctx.root, guardrail)) ? [{ level: "OK", check: "guardrail", message: `${guardrail} exists` }] : [{ level: "ERR", check: "guardrail", message: `${guardrail} is missing: add a test that fails unless TRADING_MODE is paper` }];
};
var runtimeGuardPresent = async (ctx) => {
  if (!ctx.loaded.policy.gates.includes("script-risk")) return [];
  const policy = ctx.loaded.policy.sections["script-risk"];
  const guarded = guardedScripts(path2.join(ctx.root, policy.manifest), policy.guard_categories);
  if (guarded === 0) return [{ level: "OK", check: "exec-guard", message: "no script in the manifest requires the exec guard" }];
  const inventory = await Inventory.build(ctx.root, await GitRepo.open(ctx.root), { maxFileSize: ctx.loaded.policy.inventory.max_file_size });
  const isTest = compileGlobs(policy.tests);
  const shellLib = compileGlobs([policy.shell_guard.source, `**/${policy.shell_guard.source}`]);
  const names = policy.python_guards.map((n) => n.slice(n.lastIndexOf(".") + 1));
  const def = new RegExp(`^\\s*(?:async\\s+)?def\\s+(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\s*\\(`, "m");
  const found = inventory.files.find(
    (f) => !isTest(f.path) && (shellLib(f.path) || f.path.endsWith(".py") && def.test(inventory.text(f.path) ?? ""))
  );
  return found ? [{ level: "OK", check: "exec-guard", message: `exec guard implemented in ${found.path} (${guarded} scripts require it)` }] : [{ level: "ERR", check: "exec-guard", message: `${guarded} scripts require the exec guard but none is implemented (a Python \`def ${names.join("`/`def ")}\` or a shell library ${policy.shell_guard.source})` }];
};
function guardedScripts(file, guardCategories) {
  if (!existsSync2(file)) return 0;
  try {
    const manifest = JSON.parse(readFileSync2(file, "utf8"));
    return (manifest.scripts ?? []).filter((e) => e.requires_exec_guard === true || guardCategories.includes(e.category ?? "")).length;
  } catch {
    return 0;
  }
}
var DEFAULT_CHECKS = [manifestInSync, guardrailPresent, runtimeGuardPresent, workflowsRunGates, exceptionsExpiry];
async function runDoctor(opts) {
  const root = path2.resolve(opts.cwd, opts.path);
  if (!existsSync2(root)) throw new UsageError(`${opts.path}: no such directory`);
  let loaded;
  try {
    loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: opts.gates, capabilities: opts.capabilities, cwd: opts.cwd });
  } catch (err) {
    return [{ level: "ERR", check: "policy", message: `policy does not load: ${describeError(err)}` }];
  }
  const lines = [
    loaded.repoFile ? { level: "OK", check: "policy", message: `${loaded.repoFile} is valid (${loaded.sources.length} sources, sha256 ${loaded.sha256.slice(0, 12)})` } : { level: "WARN", check: "policy", message: "no .github/paperguard.yml: only the built-in policy applies (run `paperguard init`)" }
  ];
  const ctx = { root, loaded, now: opts.now ?? /* @__PURE__ */ new Date(), policyArg: opts.policy, cwd: opts.cwd };
  for (const check of opts.checks) {
    try {
      lines.push(...await check(ctx));
    } catch (err) {
      lines.push({ level: "ERR", check: check.name || "check", message: describeError(err) });
    }
  }
  return lines;
}
function renderDoctor(lines) {
  const width = Math.max(...lines.map((l) => l.check.length));
  return `${lines.map((l) => `[${l.level}]${" ".repeat(5 - l.level.length)}${l.check.padEnd(width)}  ${l.message}`).join("\n")}
`;
}

// src/commands/init.ts
import { existsSync as existsSync3, mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path4 from "node:path";

// src/commands/detect-frameworks.ts
import { readFileSync as readFileSync3 } from "node:fs";
import path3 from "node:path";
var import_yaml2 = __toESM(require_dist(), 1);
var PRESET_BY_PACKAGE = {
  freqtrade: "freqtrade",
  hummingbot: "hummingbot",
  "alpaca-py": "alpaca-py",
  "alpaca-trade-api": "alpaca-trade-api",
  "@alpacahq/alpaca-trade-api": "alpaca-js",
  ccxt: "ccxt",
  "nautilus-trader": "nautilus",
  jesse: "jesse",
  lumibot: "lumibot",
  octobot: "octobot",
  vnpy: "vnpy",
  "ib-insync": "ib",
  "ib-async": "ib",
  "python-binance": "python-binance",
  pybit: "pybit",
  oandapyv20: "oanda"
};
function normalizePackage(name) {
  return name.startsWith("@") ? name.toLowerCase() : name.toLowerCase().replace(/[-_.]+/g, "-");
}
function requirementName(spec) {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return m ? m[1] : null;
}
var fromRequirements = (text) => text.split(/\r?\n/).map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l && !l.startsWith("#") && !l.startsWith("-")).map(requirementName).filter((n) => n !== null);
var fromPyproject = (text) => {
  const data = parse(text);
  const names = [];
  const pep621 = data.project ?? {};
  for (const spec of [...pep621.dependencies ?? [], ...Object.values(pep621["optional-dependencies"] ?? {}).flat()]) {
    const n = typeof spec === "string" ? requirementName(spec) : null;
    if (n) names.push(n);
  }
  const poetry = data.tool?.poetry ?? {};
  names.push(...Object.keys(poetry.dependencies ?? {}), ...Object.keys(poetry["dev-dependencies"] ?? {}));
  for (const group of Object.values(poetry.group ?? {})) names.push(...Object.keys(group.dependencies ?? {}));
  return names;
};
var fromPipfile = (text) => {
  const data = parse(text);
  return [...Object.keys(data.packages ?? {}), ...Object.keys(data["dev-packages"] ?? {})];
};
var fromSetup = (text) => {
  const block = /install_requires\s*[=:]\s*(\[[\s\S]*?\]|(?:\n[ \t]+.+)+)/.exec(text)?.[1] ?? "";
  const quoted = [...block.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]);
  const lines = quoted.length ? quoted : block.split("\n");
  return lines.map(requirementName).filter((n) => n !== null);
};
var fromConda = (text) => {
  const data = (0, import_yaml2.parse)(text);
  const names = [];
  for (const dep of data?.dependencies ?? []) {
    if (typeof dep === "string") names.push(dep.split(/[=<>!\s]/)[0] ?? "");
    else if (dep && typeof dep === "object" && Array.isArray(dep.pip)) {
      for (const p of dep.pip) if (typeof p === "string") names.push(requirementName(p) ?? "");
    }
  }
  return names.filter(Boolean);
};
var fromPackageJson = (text) => {
  const pkg = JSON.parse(text);
  return ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].flatMap((k) => Object.keys(pkg[k] ?? {}));
};
function readerFor(rel) {
  const base = rel.slice(rel.lastIndexOf("/") + 1).toLowerCase();
  if (/^requirements.*\.(txt|in)$/.test(base) || rel.includes("requirements/") && /\.(txt|in)$/.test(base)) return fromRequirements;
  if (base === "pyproject.toml") return fromPyproject;
  if (base === "pipfile") return fromPipfile;
  if (base === "setup.cfg" || base === "setup.py") return fromSetup;
  if (base === "environment.yml" || base === "environment.yaml") return fromConda;
  if (base === "package.json") return fromPackageJson;
  return null;
}
function detectFrameworks(root, files) {
  const found = /* @__PURE__ */ new Map();
  for (const rel of files.filter((f) => !/(^|\/)(node_modules|vendor|\.venv|venv)\//.test(f)).sort()) {
    const reader = readerFor(rel);
    if (!reader) continue;
    let names;
    try {
      names = reader(readFileSync3(path3.join(root, rel), "utf8"));
    } catch (err) {
      throw new ConfigError(`cannot read dependencies: ${err.message.split("\n")[0]}`, rel);
    }
    for (const name of names) {
      const preset = PRESET_BY_PACKAGE[normalizePackage(name)];
      if (preset && !found.has(preset)) found.set(preset, { preset, package: name, file: rel });
    }
  }
  return [...found.values()].sort((a, b) => a.preset.localeCompare(b.preset));
}

// src/commands/init.ts
var POLICY_FILE = ".github/paperguard.yml";
var WORKFLOW_FILE = ".github/workflows/paperguard.yml";
var CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1";
var ACTION_REPO2 = new URL(REPOSITORY_URL).pathname.slice(1);
function checkName(gate) {
  return `paperguard / ${gate}`;
}
function renderPolicy(gates, frameworks, presetsAvailable) {
  const presets = frameworks.filter((f) => presetsAvailable.has(f.preset));
  const unsupported = frameworks.filter((f) => !presetsAvailable.has(f.preset));
  const lines = [
    "# yaml-language-server: $schema=https://github.com/paperguard/paperguard/raw/main/schemas/policy.schema.json",
    "# Written by `paperguard init`. It extends the built-in recommended policy: a key set here",
    "# replaces the default for that key. Reference: https://github.com/paperguard/paperguard#policy",
    "version: 1",
    `gates: [${gates.join(", ")}]`
  ];
  if (gates.includes("paper-mode")) {
    lines.push("", "paper-mode:");
    if (presets.length) {
      lines.push("  # Frameworks found in the dependency files:");
      for (const f of presets) lines.push(`  #   ${f.preset}: ${f.package} in ${f.file}`);
    }
    for (const f of unsupported) lines.push(`  # ${f.package} (${f.file}) has no preset yet: review its paper/live switch by hand.`);
    lines.push(`  presets: [${presets.map((f) => f.preset).join(", ")}]`);
  }
  return `${lines.join("\n")}
`;
}
function renderWorkflow(gates) {
  const jobs = gates.flatMap((gate) => [
    `  ${gate}:`,
    `    name: ${checkName(gate)}`,
    "    runs-on: ubuntu-latest",
    "    timeout-minutes: 15",
    "    permissions:",
    "      contents: read",
    "      pull-requests: read # security review of allowlist changes",
    "    steps:",
    `      - uses: ${CHECKOUT}`,
    "        with:",
    "          fetch-depth: 0 # the base commit of a pull request is compared against",
    "          persist-credentials: false",
    `      - uses: ${ACTION_REPO2}/actions/${gate}@v0 # pin to a commit SHA for production`,
    "        with:",
    "          base: ${{ github.event.pull_request.base.sha }}",
    ""
  ]);
  return [
    "# Written by `paperguard init`: every paperguard gate as its own job. Make the job names",
    '# ("paperguard / <gate>") required status checks of main and release/* branches.',
    "name: paperguard",
    "",
    "on:",
    "  pull_request:",
    "  push:",
    '    branches: [main, "release/**"]',
    "",
    "permissions:",
    "  contents: read",
    "",
    "jobs:",
    ...jobs
  ].join("\n").replace(/\n+$/, "\n");
}
async function runInit(opts) {
  const root = path4.resolve(opts.cwd, opts.path);
  if (!existsSync3(root)) throw new UsageError(`${opts.path}: no such directory`);
  const inventory = await Inventory.build(root, null, { maxFileSize: Number.MAX_SAFE_INTEGER });
  const frameworks = detectFrameworks(inventory.root, inventory.files.map((f) => f.path));
  const outputs = [
    [POLICY_FILE, renderPolicy(opts.gates, frameworks, opts.presetsAvailable)],
    [WORKFLOW_FILE, renderWorkflow(opts.gates)]
  ];
  const existing = outputs.map(([rel]) => rel).filter((rel) => existsSync3(path4.join(root, rel)));
  if (existing.length && !opts.force) {
    throw new UsageError(`${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}; nothing written (use --force to replace)`);
  }
  for (const [rel, content] of outputs) {
    const abs = path4.join(root, rel);
    mkdirSync2(path4.dirname(abs), { recursive: true });
    writeFileSync2(abs, content);
  }
  return { root, frameworks, written: outputs.map(([rel]) => rel) };
}

// src/commands/protection.ts
import { existsSync as existsSync4, mkdirSync as mkdirSync3, statSync as statSync2, writeFileSync as writeFileSync3 } from "node:fs";
import path5 from "node:path";

// src/protection/rulesets.ts
function branchRuleset(p) {
  return {
    name: "paperguard: protected branches",
    target: "branch",
    enforcement: "active",
    bypass_actors: [],
    conditions: { ref_name: { include: p.branches.map((b) => `refs/heads/${b}`), exclude: [] } },
    rules: [
      { type: "deletion" },
      { type: "non_fast_forward" },
      {
        type: "pull_request",
        parameters: {
          required_approving_review_count: p.required_approvals,
          dismiss_stale_reviews_on_push: p.dismiss_stale_reviews,
          require_code_owner_review: p.require_code_owner_review,
          require_last_push_approval: true,
          required_review_thread_resolution: false
        }
      },
      {
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: p.strict_status_checks,
          required_status_checks: p.blocking_checks.map((context) => ({ context }))
        }
      }
    ]
  };
}
function tagRulesetPattern(prefix) {
  return `refs/tags/${tagStem(prefix)}*`;
}
function tagRuleset(p, prefix) {
  return {
    name: "paperguard: release tags",
    target: "tag",
    enforcement: "active",
    bypass_actors: p.tag_bypass_actors.map((a) => ({ ...a })),
    conditions: { ref_name: { include: [tagRulesetPattern(prefix)], exclude: [] } },
    rules: [{ type: "creation" }, { type: "update" }, { type: "deletion" }]
  };
}

// src/protection/verify.ts
var import_picomatch = __toESM(require_picomatch(), 1);
function rulesetCovers(rs, ref, defaultBranch2) {
  const expand = (p) => p === "~DEFAULT_BRANCH" ? `refs/heads/${defaultBranch2}` : p;
  const hit = (p) => p === "~ALL" || expand(p) === ref || import_picomatch.default.isMatch(ref, expand(p), { dot: true });
  return rs.include.some(hit) && !rs.exclude.some(hit);
}
function verifyProtection(p, prefix, rulesets, classic, defaultBranch2 = "main") {
  const drift = [];
  const advisory = [];
  const active = rulesets.filter((r) => r.enforcement === "active");
  const sources = active.map((r) => `ruleset "${r.name}" (${r.id}, ${r.source})`);
  for (const [b, c] of classic) if (c) sources.push(`classic protection of ${b}`);
  for (const branch of p.branches) {
    const ref = `refs/heads/${branch}`;
    const e = { checks: /* @__PURE__ */ new Set(), strict: false, approvals: 0, codeOwners: false, dismissStale: false, noForcePush: false, noDeletion: false, bypass: [] };
    for (const rs of active.filter((r) => r.target === "branch" && rulesetCovers(r, ref, defaultBranch2))) {
      if (rs.bypassActors.length) e.bypass.push(`ruleset "${rs.name}" (${rs.bypassActors.map((a) => `${a["actor_type"]}${a["actor_id"] != null ? ` ${a["actor_id"]}` : ""}`).join(", ")})`);
      for (const rule of rs.rules) {
        const params = rule.parameters ?? {};
        if (rule.type === "deletion") e.noDeletion = true;
        if (rule.type === "non_fast_forward") e.noForcePush = true;
        if (rule.type === "pull_request") {
          e.approvals = Math.max(e.approvals, Number(params["required_approving_review_count"] ?? 0));
          e.codeOwners ||= params["require_code_owner_review"] === true;
          e.dismissStale ||= params["dismiss_stale_reviews_on_push"] === true;
        }
        if (rule.type === "required_status_checks") {
          e.strict ||= params["strict_required_status_checks_policy"] === true;
          const list = params["required_status_checks"];
          for (const c2 of Array.isArray(list) ? list : []) if (typeof c2.context === "string") e.checks.add(c2.context);
        }
      }
    }
    const c = classic.get(branch);
    if (c) {
      for (const k of c.checks) e.checks.add(k.context);
      e.strict ||= c.strict;
      e.approvals = Math.max(e.approvals, c.approvals);
      e.codeOwners ||= c.codeOwners;
      e.dismissStale ||= c.dismissStale;
      e.noForcePush ||= !c.allowForcePushes;
      e.noDeletion ||= !c.allowDeletions;
    }
    const miss = (setting, message) => void drift.push({ target: branch, setting, message });
    for (const check of p.blocking_checks) if (!e.checks.has(check)) miss("required_status_checks", `required status check "${check}" is not required on ${branch}`);
    if (p.strict_status_checks && !e.strict) miss("strict_required_status_checks_policy", `${branch} does not require branches to be up to date before merging`);
    if (e.approvals < p.required_approvals) miss("required_approving_review_count", `${branch} requires ${e.approvals} approving reviews; the policy requires ${p.required_approvals}`);
    if (p.require_code_owner_review && !e.codeOwners) miss("require_code_owner_review", `${branch} does not require a code-owner review`);
    if (p.dismiss_stale_reviews && !e.dismissStale) miss("dismiss_stale_reviews_on_push", `${branch} does not dismiss stale approvals on push`);
    if (!e.noForcePush) miss("non_fast_forward", `${branch} allows force pushes`);
    if (!e.noDeletion) miss("deletion", `${branch} can be deleted`);
    for (const b of e.bypass) miss("bypass_actors", `${branch}: ${b} has bypass actors; the policy allows none`);
    for (const a of p.advisory_checks) advisory.push(`${branch}: advisory check "${a}" is ${e.checks.has(a) ? "required (it should be advisory)" : "not required (as intended)"}`);
  }
  const tagRef = tagRulesetPattern(prefix);
  const probe = tagRef.replace(/\*$/, "0.0.0");
  const tagRules = new Set(active.filter((r) => r.target === "tag" && rulesetCovers(r, probe, defaultBranch2)).flatMap((r) => r.rules.map((x) => x.type)));
  for (const t of ["creation", "update", "deletion"]) {
    if (!tagRules.has(t)) drift.push({ target: tagRef, setting: t, message: `no active tag ruleset restricts ${t} of ${tagRef}` });
  }
  return { drift, advisory, sources };
}

// src/commands/protection.ts
var PROTECTION_HELP = `Usage:
  paperguard protection export [PATH] [--policy FILE] [--out DIR]
      writes DIR/branch-ruleset.json and DIR/tag-ruleset.json (default DIR: paperguard-rulesets)
  paperguard protection verify [PATH] [--policy FILE] --repo OWNER/NAME [--format text|json]
      token from GITHUB_TOKEN (administration: read for classic protection), API URL from GITHUB_API_URL`;
function policies(target, ctx, policyFile) {
  const root = path5.resolve(ctx.cwd, target);
  if (!existsSync4(root) || !statSync2(root).isDirectory()) throw new UsageError(`${target}: no such directory`);
  const loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, policyFile, ctx.cwd), gates: GATES, capabilities: CAPABILITIES, cwd: ctx.cwd });
  return {
    protection: loaded.policy.sections["protection"],
    prefix: loaded.policy.sections["signed-tag"].prefix
  };
}
async function protectionCommand(args, ctx) {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${PROTECTION_HELP}
`);
    return EXIT.pass;
  }
  subcommand("protection", sub, ["export", "verify"]);
  const { values, positionals } = parseFlags(
    {
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { policy: { type: "string" }, out: { type: "string" }, repo: { type: "string" }, format: { type: "string", default: "text" }, verbose: { type: "boolean" } }
    },
    PROTECTION_HELP
  );
  const [target = ".", ...extra] = positionals;
  if (extra.length) throw new UsageError(`protection ${sub} takes one PATH, got also: ${extra.join(" ")}`);
  const { protection, prefix } = policies(target, ctx, values.policy);
  if (sub === "export") {
    if (values.repo !== void 0) throw new UsageError("protection export takes no --repo");
    const out2 = path5.resolve(ctx.cwd, values.out ?? "paperguard-rulesets");
    const files = { "branch-ruleset.json": branchRuleset(protection), "tag-ruleset.json": tagRuleset(protection, prefix) };
    try {
      mkdirSync3(out2, { recursive: true });
      for (const [name, body] of Object.entries(files)) writeFileSync3(path5.join(out2, name), `${JSON.stringify(body, null, 2)}
`);
    } catch (err) {
      throw new UsageError(`--out ${out2}: cannot write: ${err.code ?? err.message}`);
    }
    process.stdout.write(`${Object.keys(files).map((f) => `wrote ${path5.join(out2, f)}`).join("\n")}
import them: Settings \u2192 Rules \u2192 Rulesets \u2192 New ruleset \u2192 Import a ruleset, or POST /repos/OWNER/NAME/rulesets
`);
    return EXIT.pass;
  }
  if (values.out !== void 0) throw new UsageError("protection verify takes no --out");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format ${values.format}: use text or json`);
  if (values.repo === void 0) throw new UsageError("protection verify needs --repo OWNER/NAME");
  const repo = parseRepo(values.repo, "--repo");
  const token = ctx.env.GITHUB_TOKEN;
  if (!token) throw new UsageError("protection verify needs a token in GITHUB_TOKEN (metadata: read; administration: read for classic protection)");
  const client = createGitHubClient({ token, apiUrl: ctx.env.GITHUB_API_URL || DEFAULT_API_URL });
  const mainBranch = await defaultBranch(client, repo);
  const rulesets = await listRulesets(client, repo);
  const classic = /* @__PURE__ */ new Map();
  for (const b of protection.branches.filter((x) => !/[*?[]/.test(x))) classic.set(b, await classicProtection(client, repo, b));
  const result = verifyProtection(protection, prefix, rulesets, classic, mainBranch);
  if (values.format === "json") {
    process.stdout.write(`${JSON.stringify({ repo: `${repo.owner}/${repo.repo}`, status: result.drift.length ? "fail" : "pass", ...result }, null, 2)}
`);
  } else {
    const lines = [`protection of ${repo.owner}/${repo.repo}: ${result.drift.length ? `${result.drift.length} missing or weaker settings` : "matches the policy"}`];
    lines.push(`read: ${result.sources.join("; ") || "no active ruleset and no classic protection"}`);
    for (const d of result.drift) lines.push(`  MISSING ${d.target} ${d.setting}: ${d.message}`);
    for (const a of result.advisory) lines.push(`  advisory ${a}`);
    process.stdout.write(`${lines.join("\n")}
`);
  }
  return result.drift.length ? EXIT.violations : EXIT.pass;
}

// src/break-glass/audit.ts
async function auditFollowUps(client, repo, label, now) {
  const issues = await listIssuesByLabel(client, repo, label, "open");
  const overdue = [];
  const unreadable = [];
  for (const issue of issues) {
    const marker = readMarker(issue.body);
    if (!marker) {
      unreadable.push(`#${issue.number} ${issue.title}: labelled ${label} but has no readable paperguard due marker ${issue.url}`.trim());
      continue;
    }
    if (Date.parse(marker.due) < now.getTime()) {
      const hours = Math.floor((now.getTime() - Date.parse(marker.due)) / 36e5);
      overdue.push(`#${issue.number} ${marker.incident} (PR #${marker.pr}): due ${marker.due}, overdue by ${hours} h ${issue.url}`.trim());
    }
  }
  return { open: issues.length, overdue, unreadable };
}

// src/commands/break-glass.ts
var BREAK_GLASS_HELP = `Usage: paperguard break-glass audit [--repo OWNER/NAME] [--policy FILE]

Lists open issues labelled with break-glass.follow_up.label and fails (exit 1) naming each one whose
due time has passed. Needs GITHUB_TOKEN (issues: read); --repo defaults to GITHUB_REPOSITORY.
An override itself runs in actions/break-glass (workflow .github/workflows/break-glass.yml).`;
async function breakGlassCommand(args, ctx) {
  const [sub, ...rest] = args;
  if (isHelpFlag(sub)) {
    process.stdout.write(`${BREAK_GLASS_HELP}
`);
    return EXIT.pass;
  }
  subcommand("break-glass", sub, ["audit"]);
  const { values } = parseFlags({ args: rest, strict: true, options: { repo: { type: "string" }, policy: { type: "string" }, verbose: { type: "boolean" } } }, BREAK_GLASS_HELP);
  const repoName = values.repo ?? ctx.env["GITHUB_REPOSITORY"] ?? "";
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repoName);
  if (!m) throw new UsageError(`--repo ${JSON.stringify(repoName)}: give OWNER/NAME (or set GITHUB_REPOSITORY)`);
  const token = ctx.env["GITHUB_TOKEN"];
  if (!token) throw new UsageError("break-glass audit needs GITHUB_TOKEN (issues: read) to read the follow-up issues");
  const policy = loadFor(ctx.cwd, values.policy, ctx.cwd).policy.sections["break-glass"];
  const client = createGitHubClient({ token, apiUrl: ctx.env["GITHUB_API_URL"] || DEFAULT_API_URL });
  const result = await auditFollowUps(client, { owner: m[1], repo: m[2] }, policy.follow_up.label, /* @__PURE__ */ new Date());
  const bad = [...result.overdue.map((o) => `OVERDUE ${o}`), ...result.unreadable.map((u) => `UNREADABLE ${u}`)];
  process.stdout.write(
    bad.length ? `${bad.join("\n")}
${bad.length} break-glass follow-up(s) need attention (${result.open} open)
` : `break-glass audit: ${result.open} open follow-up(s), none overdue
`
  );
  return bad.length ? EXIT.violations : EXIT.pass;
}

// src/cli.ts
var FORMATS = ["text", "json", "sarif", "github"];
var HELP = `paperguard ${TOOL_VERSION} \u2014 policy-as-code for trading-system repositories

Usage:
  paperguard check [PATH] [options]   run the policy's gates on PATH (default: .)
  paperguard init [PATH] [--force]    detect the trading frameworks, write .github/paperguard.yml with
                                      their presets, the workflow running every gate as its own job,
                                      and the script-risk manifest
  paperguard doctor [PATH] [--policy FILE]
                                      readiness of the repository's governance set-up:
                                      one [OK]/[WARN]/[ERR] line per check; exit 1 when not ready
  paperguard manifest sync [PATH] [--policy FILE] [--check]   sync the script-risk manifest with the tracked scripts
  paperguard tag verify TAG [PATH] [--policy FILE] [--format FMT] [--output FILE] [--remote NAME] [--repo OWNER/NAME]
                                      verify a release tag: name, signature by a trusted signer, source branch,
                                      green checks (with --repo and GITHUB_TOKEN), changelog, version order
  paperguard protection export [PATH] [--out DIR]
                                      write the branch and tag rulesets of the policy as rulesets-API JSON
  paperguard protection verify [PATH] --repo OWNER/NAME
                                      compare the live rulesets and classic protection with the policy
                                      (token from GITHUB_TOKEN); exit 1 on a missing or weaker setting
  paperguard evidence collect [PATH] --out DIR [--base REF] [--include FILE]... [--from DIR]
                                      seal this job's reports, test results, manifest, repo_state and
                                      provenance into an evidence bundle (DIR/evidence.json)
  paperguard evidence upload DIR [--artifact] [--s3 s3://bucket/prefix]
                                      upload a bundle: GitHub artifact and/or WORM store (S3 Object Lock)
  paperguard evidence verify DIR|ZIP|s3://bucket/key    re-hash a bundle; exit 1 naming each changed file
  paperguard evidence compare A B [--format text|json]  what changed between two bundles
  paperguard break-glass audit [--repo OWNER/NAME] [--policy FILE]
                                      exit 1 when a break-glass follow-up issue is open past its due time
  paperguard --help | --version

Options for check:
  --policy FILE     repository policy (default: PATH/.github/paperguard.yml if present);
                    it extends the built-in recommended policy
  --gates ID,ID     gates to run (default: the policy's "gates"); known: ${GATES.map((g) => g.id).join(", ")}
  --format FMT      text | json | sarif | github (default: text)
  --output FILE     write the report to FILE instead of standard output
  --base REF        compare against REF (e.g. origin/main): allowlist changes need review
  --jobs N          threads for scanning large trees (default: the machine's cores)
  --decision-log FILE
                    write config-bounds decision records (JSON Lines, schemas/decision.schema.json) to FILE

Exit codes: 0 pass, 1 policy violations, 2 usage or configuration error,
            3 internal error, unreadable or unparsable file, or nothing checked.
The format never changes the exit code.`;
var COMMANDS = {
  check: checkCommand,
  doctor: doctorCommand,
  init: initCommand,
  manifest: manifestCommand,
  tag: tagCommand,
  protection: protectionCommand,
  evidence: evidenceCommand,
  "break-glass": breakGlassCommand
};
async function main(argv, env, cwd) {
  const [first, ...rest] = argv;
  if (first === void 0) return fail(new UsageError(`no command given

${HELP}`));
  if (first === "--help" || first === "-h") return out(HELP);
  if (first === "--version" || first === "-v") return out(TOOL_VERSION);
  const command = COMMANDS[first];
  if (!command) return fail(new UsageError(`unknown command "${first}"; run "paperguard --help"`));
  try {
    return await command(rest, { cwd, env, logger: stderrLogger(rest.includes("--verbose")) });
  } catch (err) {
    return fail(err);
  }
}
async function checkCommand(args, ctx) {
  const parsed = usageOnError(
    () => parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: "string" },
        gates: { type: "string" },
        format: { type: "string", default: "text" },
        output: { type: "string", short: "o" },
        base: { type: "string" },
        jobs: { type: "string", short: "j" },
        "decision-log": { type: "string" },
        help: { type: "boolean", short: "h" },
        verbose: { type: "boolean" }
      }
    })
  );
  const { values, positionals } = parsed;
  if (values.help) return out(HELP);
  const [target = ".", ...rest] = positionals;
  if (rest.length) throw new UsageError(`check takes one PATH, got also: ${rest.join(" ")}`);
  const format = values.format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: use one of ${FORMATS.join(", ")}`);
  const gates = values.gates?.split(",").map((g) => g.trim()).filter(Boolean);
  if (values.gates !== void 0 && !gates?.length) throw new UsageError("--gates: give at least one gate id");
  const jobs = values.jobs === void 0 ? void 0 : Number(values.jobs);
  if (jobs !== void 0 && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs ${values.jobs}: give a whole number >= 1`);
  const { report, exitCode } = await runCheck({
    path: target,
    cwd: ctx.cwd,
    policy: values.policy,
    gates,
    base: values.base,
    review: () => new NoReviewContextOracle(),
    parallelism: jobs,
    logger: ctx.logger
  });
  if (values["decision-log"]) writeDecisionLog(path6.resolve(ctx.cwd, values["decision-log"]), decisionRecords(report));
  const rendered = render2(report, format, ctx.env);
  if (values.output) {
    writeOutput(path6.resolve(ctx.cwd, values.output), rendered);
    process.stderr.write(`paperguard: ${summaryLine(report)}; ${format} report written to ${values.output}
`);
  } else {
    process.stdout.write(rendered.endsWith("\n") ? rendered : `${rendered}
`);
  }
  return exitCode;
}
async function doctorCommand(args, ctx) {
  const { values, positionals } = usageOnError(
    () => parseArgs({ args, allowPositionals: true, strict: true, options: { policy: { type: "string" }, verbose: { type: "boolean" } } })
  );
  const [target = ".", ...rest] = positionals;
  if (rest.length) throw new UsageError(`doctor takes one PATH, got also: ${rest.join(" ")}`);
  const lines = await runDoctor({ path: target, cwd: ctx.cwd, policy: values.policy, gates: GATES, capabilities: CAPABILITIES, checks: DEFAULT_CHECKS });
  process.stdout.write(renderDoctor(lines));
  return lines.some((l) => l.level === "ERR") ? EXIT.violations : EXIT.pass;
}
async function initCommand(args, ctx) {
  const { values, positionals } = usageOnError(
    () => parseArgs({ args, allowPositionals: true, strict: true, options: { force: { type: "boolean" }, verbose: { type: "boolean" } } })
  );
  const [target = ".", ...rest] = positionals;
  if (rest.length) throw new UsageError(`init takes one PATH, got also: ${rest.join(" ")}`);
  const presetsAvailable = new Set(PRESET_IDS);
  const result = await runInit({ path: target, cwd: ctx.cwd, force: values.force === true, gates: GATES.filter((g) => !g.optIn).map((g) => g.id), presetsAvailable });
  const manifest = await syncManifest({ path: result.root, cwd: ctx.cwd, check: false });
  const found = result.frameworks.map((f) => `${f.preset} (${f.package} in ${f.file}${presetsAvailable.has(f.preset) ? "" : "; no preset yet, review by hand"})`).join(", ") || "none";
  process.stdout.write(
    [
      `frameworks: ${found}`,
      ...result.written.map((f) => `wrote ${f}`),
      manifest.plan.changed ? `wrote ${manifest.file} (${manifest.plan.added.length} scripts to classify)` : `${manifest.file}: up to date`,
      "next: classify the scripts in the manifest, add the guardrail test, then run `paperguard doctor`"
    ].join("\n") + "\n"
  );
  return EXIT.pass;
}
function usageOnError(parse2) {
  try {
    return parse2();
  } catch (err) {
    throw new UsageError(`${err.message}
Run "paperguard --help" for usage.`);
  }
}
function render2(report, format, env) {
  if (format === "github") {
    const { annotations, summary } = renderGithub(report);
    return [...annotations, "", summary].join("\n");
  }
  return renderReport(report, format, { color: useColor(env) });
}
function useColor(env) {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  return !!process.stdout.isTTY;
}
function writeOutput(file, content) {
  try {
    mkdirSync4(path6.dirname(file), { recursive: true });
    writeFileSync4(file, content.endsWith("\n") ? content : `${content}
`);
  } catch (err) {
    throw new UsageError(`--output ${file}: cannot write: ${err.code ?? err.message}`);
  }
}
function summaryLine(report) {
  const c = countFindings(allFindings(report));
  return `status ${report.status}: ${c.error} errors, ${c.warning} warnings, ${c.note} notes, ${c.suppressed} suppressed`;
}
function stderrLogger(verbose) {
  return {
    debug: (m) => verbose && process.stderr.write(`paperguard: debug: ${m}
`),
    info: (m) => process.stderr.write(`paperguard: ${m}
`),
    warn: (m) => process.stderr.write(`paperguard: warning: ${m}
`)
  };
}
function out(text) {
  process.stdout.write(`${text}
`);
  return EXIT.pass;
}
function fail(err) {
  const code = exitCodeOf(err);
  const kind = code === EXIT.usage ? "error" : "internal error";
  process.stderr.write(`paperguard: ${kind}: ${describeError(err)}
`);
  return code;
}
main(process.argv.slice(2), process.env, process.cwd()).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`paperguard: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
    process.exitCode = EXIT.internal;
  }
);
