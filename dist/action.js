import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DECISION_LOG_NAME,
  DEFAULT_API_URL,
  allFindings,
  annotation,
  apiChecksSource,
  appendSummary,
  createGitHubClient,
  decisionRecords,
  getInput,
  parseRepo,
  renderDecisionLog,
  renderGithub,
  renderJson,
  renderReport,
  renderSarif,
  reviewOracleFromEnvironment,
  runCheck,
  runTagVerify,
  setOutput
} from "./chunks/chunk-MPTPLNWS.js";
import {
  EXIT,
  ScanError,
  UsageError,
  describeError,
  exitCodeOf
} from "./chunks/chunk-Y2SKABPK.js";

// src/actions/check.ts
import { appendFileSync, mkdirSync as mkdirSync2 } from "node:fs";
import path2 from "node:path";

// src/actions/common.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
function insideWorkspace(workspace, input, name) {
  const abs = path.resolve(workspace, input);
  const rel = path.relative(workspace, abs);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new UsageError(`input ${name}: ${input} resolves outside the workspace ${workspace}`);
  }
  return abs;
}
function workspaceOf(env) {
  return path.resolve(env.GITHUB_WORKSPACE || process.cwd());
}
function jobOutputDir(env) {
  return path.join(env.RUNNER_TEMP || workspaceOf(env), "paperguard");
}
function writeFile(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content.endsWith("\n") ? content : `${content}
`);
}
function actionLogger() {
  const line = (prefix, m) => process.stdout.write(`${prefix}${m.replace(/\r?\n/g, " \u23CE ")}
`);
  return {
    debug: (m) => process.stdout.write(`${annotation("debug", m, {})}
`),
    info: (m) => line("paperguard: ", m),
    warn: (m) => line("paperguard: warning: ", m)
  };
}

// src/actions/check.ts
async function checkAction(env) {
  const workspace = workspaceOf(env);
  const target = insideWorkspace(workspace, getInput("path", env) || ".", "path");
  const policyInput = getInput("policy", env);
  const policy = policyInput ? insideWorkspace(workspace, policyInput, "policy") : void 0;
  const gatesInput = getInput("gates", env);
  const gates = gatesInput ? gatesInput.split(",").map((g) => g.trim()).filter(Boolean) : void 0;
  const base = getInput("base", env) || void 0;
  const format = getInput("format", env) || "github";
  if (!["text", "json", "sarif", "github"].includes(format)) {
    throw new UsageError(`input format: ${format}: use one of text, json, sarif, github`);
  }
  const sarifFile = insideWorkspace(workspace, getInput("sarif-file", env) || "paperguard.sarif", "sarif-file");
  const token = getInput("github-token", env) || void 0;
  const { report, exitCode } = await runCheck({
    path: target,
    cwd: workspace,
    policy,
    gates,
    base,
    review: (reviewers) => reviewOracleFromEnvironment(env, reviewers, token),
    logger: actionLogger()
  });
  const reportFile = path2.join(env.RUNNER_TEMP || workspace, "paperguard-report.json");
  const json = renderJson(report);
  writeFile(reportFile, json);
  writeFile(path2.join(jobOutputDir(env), `report-${report.gates.map((g) => g.id).join("+") || "none"}.json`), json);
  writeFile(sarifFile, renderSarif(report));
  const decisions = decisionRecords(report);
  if (decisions.length) appendFile(path2.join(jobOutputDir(env), DECISION_LOG_NAME), renderDecisionLog(decisions));
  const { annotations, summary } = renderGithub(report);
  if (format === "github") for (const line of annotations) process.stdout.write(`${line}
`);
  else process.stdout.write(`${renderReport(report, format, { color: false })}
`);
  appendSummary(summary, env);
  setOutput("status", report.status, env);
  setOutput("findings", String(unsuppressed(report)), env);
  setOutput("report", reportFile, env);
  setOutput("sarif", sarifFile, env);
  return exitCode;
}
function unsuppressed(report) {
  return allFindings(report).filter((f) => !f.suppressed).length;
}
function appendFile(file, content) {
  mkdirSync2(path2.dirname(file), { recursive: true });
  appendFileSync(file, content);
}

// src/actions/signed-tag.ts
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path3 from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var ZERO = /^0+$/;
async function signedTagAction(env) {
  const workspace = workspaceOf(env);
  const target = insideWorkspace(workspace, getInput("path", env) || ".", "path");
  const policyInput = getInput("policy", env);
  const policy = policyInput ? insideWorkspace(workspace, policyInput, "policy") : void 0;
  const format = getInput("format", env) || "github";
  if (!["text", "json", "sarif", "github"].includes(format)) throw new UsageError(`input format: ${format}: use one of text, json, sarif, github`);
  const classicInput = (getInput("classic-protection", env) || "true").toLowerCase();
  if (classicInput !== "true" && classicInput !== "false") throw new UsageError(`input classic-protection: ${classicInput}: use true or false`);
  let tag = getInput("tag", env);
  if (!tag) {
    const ref = env.GITHUB_REF ?? "";
    if (!ref.startsWith("refs/tags/")) throw new UsageError(`input tag is empty and GITHUB_REF (${JSON.stringify(ref)}) is not a tag ref: give the tag input`);
    tag = ref.slice("refs/tags/".length);
  }
  if (tag.startsWith("-") || /[\s~^:?*[\\]|\.\.|@\{/.test(tag)) throw new UsageError(`input tag: "${tag}" is not a valid tag name`);
  const token = getInput("github-token", env);
  if (!token) throw new UsageError("input github-token is empty: the required checks are read through the API (checks: read, statuses: read)");
  const repo = parseRepo(env.GITHUB_REPOSITORY ?? "", "GITHUB_REPOSITORY");
  try {
    await run("git", ["fetch", "--no-tags", "--force", "origin", `refs/tags/${tag}:refs/tags/${tag}`], { cwd: target });
  } catch (err) {
    throw new ScanError(`git fetch of refs/tags/${tag} from origin failed: ${String(err.stderr ?? err).trim()}`, target);
  }
  const client = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL });
  const { report, exitCode } = await runTagVerify({
    tag,
    path: target,
    cwd: workspace,
    policy,
    remote: "origin",
    compareRemote: false,
    // the tag was just fetched from origin
    checks: apiChecksSource(client, repo, { branchRules: true, classic: classicInput === "true" }),
    movedFrom: movedFrom(env, tag),
    logger: actionLogger()
  });
  const reportFile = path3.join(jobOutputDir(env), "tag-verify.json");
  writeFile(reportFile, renderJson(report));
  const { annotations, summary } = renderGithub(report);
  if (format === "github") for (const line of annotations) process.stdout.write(`${line}
`);
  else process.stdout.write(`${renderReport(report, format, { color: false })}
`);
  appendSummary(summary, env);
  if (report.status === "error") process.stdout.write(`paperguard: tag ${tag} could not be verified: ${report.gates[0]?.error ?? ""}
`);
  setOutput("status", report.status, env);
  setOutput("report", reportFile, env);
  return exitCode;
}
function movedFrom(env, tag) {
  if (env.GITHUB_EVENT_NAME !== "push" || env.GITHUB_REF !== `refs/tags/${tag}` || !env.GITHUB_EVENT_PATH) return null;
  let event;
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch (err) {
    throw new ScanError(`cannot read the workflow event payload: ${err.message}`, env.GITHUB_EVENT_PATH);
  }
  const before = event.before;
  return typeof before === "string" && !ZERO.test(before) ? before : null;
}

// src/actions/registry.ts
var ACTION_HANDLERS = {
  check: checkAction,
  "signed-tag": signedTagAction
};

// src/action.ts
async function run2(env = process.env) {
  try {
    const name = env.PAPERGUARD_ACTION || "check";
    const handler = Object.hasOwn(ACTION_HANDLERS, name) ? ACTION_HANDLERS[name] : void 0;
    if (!handler) throw new UsageError(`PAPERGUARD_ACTION=${JSON.stringify(name)} is not an action; known: ${Object.keys(ACTION_HANDLERS).join(", ")}`);
    return await handler(env);
  } catch (err) {
    const code = exitCodeOf(err);
    process.stdout.write(`${annotation("error", `paperguard: ${describeError(err)}`, { title: "paperguard could not run" })}
`);
    if (env.GITHUB_OUTPUT) setOutput("status", "error", env);
    return code === EXIT.pass ? EXIT.internal : code;
  }
}
run2().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stdout.write(`::error::paperguard internal error
`);
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
    process.exitCode = EXIT.internal;
  }
);
export {
  run2 as run
};
