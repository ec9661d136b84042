#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  GATES,
  GATE_ID,
  GitRepo,
  Inventory,
  NoReviewContextOracle,
  REPOSITORY_URL,
  TOOL_VERSION,
  allFindings,
  countFindings,
  executablePaths,
  isExpired,
  loadPolicy,
  locateRepoPolicy,
  readManifest,
  renderGithub,
  renderReport,
  require_dist,
  runCheck,
  trackedScripts
} from "./chunks/chunk-GMA2URLE.js";
import {
  ConfigError,
  EXIT,
  ScanError,
  UsageError,
  __toESM,
  describeError,
  exitCodeOf
} from "./chunks/chunk-V5QZYIPG.js";

// src/cli.ts
import { mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path3 from "node:path";
import { parseArgs as parseArgs2 } from "node:util";

// src/commands/doctor.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
var EXPIRY_WARNING_DAYS = 14;
var ACTION_REPO = new URL(REPOSITORY_URL).pathname.slice(1);
function workflowSteps(root) {
  const dir = path.join(root, ".github", "workflows");
  if (!existsSync(dir)) return [];
  const out2 = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = `.github/workflows/${name}`;
    let wf;
    try {
      wf = (0, import_yaml.parse)(readFileSync(path.join(dir, name), "utf8")) ?? {};
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
var DEFAULT_CHECKS = [workflowsRunGates, exceptionsExpiry];
function runDoctor(opts) {
  const root = path.resolve(opts.cwd, opts.path);
  if (!existsSync(root)) throw new UsageError(`${opts.path}: no such directory`);
  let loaded;
  try {
    loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: opts.gates, cwd: opts.cwd });
  } catch (err) {
    return [{ level: "ERR", check: "policy", message: `policy does not load: ${describeError(err)}` }];
  }
  const lines = [
    loaded.repoFile ? { level: "OK", check: "policy", message: `${loaded.repoFile} is valid (${loaded.sources.length} sources, sha256 ${loaded.sha256.slice(0, 12)})` } : { level: "WARN", check: "policy", message: "no .github/paperguard.yml: only the built-in policy applies (run `paperguard init`)" }
  ];
  const ctx = { root, loaded, now: opts.now ?? /* @__PURE__ */ new Date() };
  for (const check of opts.checks) {
    try {
      lines.push(...check(ctx));
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

// src/commands/manifest.ts
import { existsSync as existsSync2, mkdirSync, readFileSync as readFileSync2, statSync, writeFileSync } from "node:fs";
import path2 from "node:path";
import { parseArgs } from "node:util";

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
  const root = path2.resolve(opts.cwd, opts.path);
  if (!existsSync2(root)) throw new UsageError(`${opts.path}: no such directory`);
  if (!statSync(root).isDirectory()) throw new UsageError(`${opts.path}: not a directory`);
  const git = await GitRepo.open(root);
  const loaded = loadPolicy({ root, repoPolicy: locateRepoPolicy(root, opts.policy, opts.cwd), gates: GATES, cwd: opts.cwd });
  const policy = loaded.policy.sections[GATE_ID];
  const inventory = await Inventory.build(root, git, { maxFileSize: loaded.policy.inventory.max_file_size });
  const scripts = trackedScripts(policy, inventory, await executablePaths(inventory.root, git, inventory)).map((s) => s.path);
  const file = path2.join(inventory.root, policy.manifest);
  let original = null;
  if (existsSync2(file)) {
    try {
      original = readFileSync2(file, "utf8");
    } catch (err) {
      throw new ScanError(`cannot read ${policy.manifest}: ${err.code ?? err.message}`, policy.manifest);
    }
  }
  const plan = syncManifestText(policy.manifest, original, scripts, (p) => inventory.has(p));
  if (!plan.changed || opts.check) return { file: policy.manifest, plan, written: false };
  try {
    mkdirSync(path2.dirname(file), { recursive: true });
    writeFileSync(file, plan.text);
  } catch (err) {
    throw new ScanError(`cannot write ${policy.manifest}: ${err.code ?? err.message}`, policy.manifest);
  }
  return { file: policy.manifest, plan, written: true };
}
async function manifestCommand(args, ctx) {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h") {
    process.stdout.write(`${MANIFEST_HELP}
`);
    return EXIT.pass;
  }
  if (sub !== "sync") throw new UsageError(`manifest: ${sub === void 0 ? "no subcommand given" : `unknown subcommand "${sub}"`}; use "paperguard manifest sync"`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { policy: { type: "string" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" }, verbose: { type: "boolean" } }
    });
  } catch (err) {
    throw new UsageError(`${err.message}
${MANIFEST_HELP}`);
  }
  const { values, positionals } = parsed;
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

// src/cli.ts
var FORMATS = ["text", "json", "sarif", "github"];
var HELP = `paperguard ${TOOL_VERSION} \u2014 policy-as-code for trading-system repositories

Usage:
  paperguard check [PATH] [options]   run the policy's gates on PATH (default: .)
  paperguard doctor [PATH] [--policy FILE]
                                      readiness of the repository's governance set-up:
                                      one [OK]/[WARN]/[ERR] line per check; exit 1 when not ready
  paperguard manifest sync [PATH] [--policy FILE] [--check]   sync the script-risk manifest with the tracked scripts
  paperguard --help | --version

Options for check:
  --policy FILE     repository policy (default: PATH/.github/paperguard.yml if present);
                    it extends the built-in recommended policy
  --gates ID,ID     gates to run (default: the policy's "gates"); known: ${GATES.map((g) => g.id).join(", ")}
  --format FMT      text | json | sarif | github (default: text)
  --output FILE     write the report to FILE instead of standard output
  --base REF        compare against REF (e.g. origin/main): allowlist changes need review
  --jobs N          threads for scanning large trees (default: the machine's cores)

Exit codes: 0 pass, 1 policy violations, 2 usage or configuration error,
            3 internal error, unreadable or unparsable file, or nothing checked.
The format never changes the exit code.`;
var COMMANDS = {
  check: checkCommand,
  doctor: doctorCommand,
  manifest: manifestCommand
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
    () => parseArgs2({
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
  const rendered = render2(report, format, ctx.env);
  if (values.output) {
    writeOutput(path3.resolve(ctx.cwd, values.output), rendered);
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
    () => parseArgs2({ args, allowPositionals: true, strict: true, options: { policy: { type: "string" }, verbose: { type: "boolean" } } })
  );
  const [target = ".", ...rest] = positionals;
  if (rest.length) throw new UsageError(`doctor takes one PATH, got also: ${rest.join(" ")}`);
  const lines = runDoctor({ path: target, cwd: ctx.cwd, policy: values.policy, gates: GATES, checks: DEFAULT_CHECKS });
  process.stdout.write(renderDoctor(lines));
  return lines.some((l) => l.level === "ERR") ? EXIT.violations : EXIT.pass;
}
function usageOnError(parse) {
  try {
    return parse();
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
    mkdirSync2(path3.dirname(file), { recursive: true });
    writeFileSync2(file, content.endsWith("\n") ? content : `${content}
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
