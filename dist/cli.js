#!/usr/bin/env node
import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  GATES,
  NoReviewContextOracle,
  TOOL_VERSION,
  allFindings,
  countFindings,
  renderGithub,
  renderReport,
  runCheck
} from "./chunks/chunk-YYTZPZ42.js";
import {
  EXIT,
  UsageError,
  describeError,
  exitCodeOf
} from "./chunks/chunk-V5QZYIPG.js";

// src/cli.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
var FORMATS = ["text", "json", "sarif", "github"];
var HELP = `paperguard ${TOOL_VERSION} \u2014 policy-as-code for trading-system repositories

Usage:
  paperguard check [PATH] [options]   run the policy's gates on PATH (default: .)
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
  check: checkCommand
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
  let parsed;
  try {
    parsed = parseArgs({
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
    });
  } catch (err) {
    throw new UsageError(`${err.message}
Run "paperguard --help" for usage.`);
  }
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
  const rendered = render(report, format, ctx.env);
  if (values.output) {
    writeOutput(path.resolve(ctx.cwd, values.output), rendered);
    process.stderr.write(`paperguard: ${summaryLine(report)}; ${format} report written to ${values.output}
`);
  } else {
    process.stdout.write(rendered.endsWith("\n") ? rendered : `${rendered}
`);
  }
  return exitCode;
}
function render(report, format, env) {
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
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content.endsWith("\n") ? content : `${content}
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
