import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);
import {
  DECISION_LOG_NAME,
  DEFAULT_API_URL,
  allFindings,
  annotation,
  apiChecksSource,
  appendSummary,
  assertTeamReadable,
  collectEvidence,
  createGitHubClient,
  createIssue,
  decisionRecords,
  evidencePolicy,
  followUpIssue,
  getInput,
  getPullRequest,
  isTeamMember,
  isoSeconds,
  listApprovingReviewers,
  listIssuesByLabel,
  listRunApprovals,
  loadFor,
  parseRepo,
  planArtifact,
  readMarker,
  renderDecisionLog,
  renderGithub,
  renderJson,
  renderReport,
  renderSarif,
  reviewOracleFromEnvironment,
  runCheck,
  runTagVerify,
  schemaErrors,
  setOutput,
  uploadBundle,
  validator,
  wormTarget
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
import "./chunks/chunk-EWAE2EHG.js";

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
var LOG_FORMATS = ["text", "json", "sarif", "github"];
function logFormatInput(env) {
  const format = getInput("format", env) || "github";
  if (!LOG_FORMATS.includes(format)) throw new UsageError(`input format: ${format}: use one of ${LOG_FORMATS.join(", ")}`);
  return format;
}
function showReport(report, format, env) {
  const { annotations, summary } = renderGithub(report);
  if (format === "github") for (const line of annotations) process.stdout.write(`${line}
`);
  else process.stdout.write(`${renderReport(report, format, { color: false })}
`);
  appendSummary(summary, env);
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
  const format = logFormatInput(env);
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
  showReport(report, format, env);
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
  const format = logFormatInput(env);
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
  showReport(report, format, env);
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

// src/actions/break-glass.ts
import path4 from "node:path";
import { existsSync } from "node:fs";

// src/break-glass/approvers.ts
var ENVIRONMENT = "break-glass";
async function checkApprovers(client, repo, q, policy) {
  if (policy.approvers.users.length === 0 && policy.approvers.teams.length === 0) {
    throw new ConfigError("break-glass.approvers lists no users and no teams: nobody could approve an override; name the on-call approvers");
  }
  const candidates = /* @__PURE__ */ new Map();
  const rejected = [];
  for (const r of await listApprovingReviewers(client, { ...repo, pull: q.pull })) {
    if (r.commitId !== q.headSha) {
      rejected.push({ login: r.login, why: `approved ${r.commitId?.slice(0, 12) ?? "an unknown commit"}, not the head ${q.headSha.slice(0, 12)}` });
      continue;
    }
    candidates.set(r.login.toLowerCase(), { login: r.login, source: "pull_request_review", approved_at: r.submittedAt, commit_id: r.commitId });
  }
  if (q.runId !== null) {
    for (const a of await listRunApprovals(client, repo, q.runId)) {
      if (a.state !== "approved" || !a.environments.includes(ENVIRONMENT)) continue;
      if (!candidates.has(a.login.toLowerCase())) candidates.set(a.login.toLowerCase(), { login: a.login, source: "environment", approved_at: null, commit_id: null });
    }
  }
  const users = new Set(policy.approvers.users.map((u) => u.toLowerCase()));
  const teams = policy.approvers.teams.map((t) => {
    const [org = "", teamSlug = ""] = t.split("/");
    return { org, teamSlug };
  });
  for (const t of teams) await assertTeamReadable(client, t);
  const eligible = [];
  for (const [key, a] of candidates) {
    if (q.author && key === q.author.toLowerCase()) {
      rejected.push({ login: a.login, why: "is the pull request author" });
      continue;
    }
    if (key === q.actor.toLowerCase()) {
      rejected.push({ login: a.login, why: "dispatched this break-glass run" });
      continue;
    }
    let member = users.has(key);
    for (const t of teams) if (!member) member = await isTeamMember(client, { ...t, username: a.login });
    if (!member) {
      rejected.push({ login: a.login, why: "is not in break-glass.approvers (users or teams)" });
      continue;
    }
    eligible.push(a);
  }
  return { eligible, rejected };
}

// src/break-glass/inputs.ts
var MAX_TEXT = 4e3;
var CHECK_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:/()@+-]{0,99}$/;
function incidentRegExp(pattern) {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (err) {
    throw new ConfigError(`break-glass.incident_pattern ${JSON.stringify(pattern)} is not a regular expression: ${err.message}`);
  }
}
var show = (v) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}\u2026` : v);
function validateInputs(raw2, incidentPattern) {
  const incidentId = raw2.incidentId.trim();
  if (!incidentRegExp(incidentPattern).test(incidentId) || /[\r\n]/.test(incidentId)) {
    throw new UsageError(`incident_id ${show(incidentId)} does not match the policy pattern ${incidentPattern} (break-glass.incident_pattern)`);
  }
  const prText = raw2.pr.trim();
  if (!/^[1-9][0-9]{0,9}$/.test(prText)) throw new UsageError(`pr_number ${show(prText)} is not a pull request number`);
  const justification = text("justification", raw2.justification);
  const rollbackPlan = text("rollback_plan", raw2.rollbackPlan);
  const checksBypassed = raw2.checksBypassed.split(/[,\n]/).map((c) => c.trim()).filter(Boolean);
  if (checksBypassed.length === 0) throw new UsageError("checks_bypassed is empty: name the required checks this override bypasses (comma-separated)");
  for (const c of checksBypassed) {
    if (!CHECK_NAME.test(c)) throw new UsageError(`checks_bypassed entry ${show(c)} is not a check name (letters, digits, space and ._:/()@+- only, at most 100)`);
  }
  return { incidentId, pr: Number(prText), justification, checksBypassed: [...new Set(checksBypassed)], rollbackPlan };
}
function text(name, value) {
  const v = value.trim();
  if (!v) throw new UsageError(`${name} is empty: a break-glass override needs one`);
  if (v.length > MAX_TEXT) throw new UsageError(`${name} is ${v.length} characters; at most ${MAX_TEXT} (link a document for more)`);
  return v;
}

// src/break-glass/record.ts
var OVERRIDE_SCHEMA = "override.schema.json";
var OVERRIDE_PATH = "override/override.json";
function buildRecord(r) {
  const record = { version: 1, ...r };
  const validate = validator(OVERRIDE_SCHEMA);
  if (!validate(record)) throw new ScanError(`override record does not match schemas/${OVERRIDE_SCHEMA}: ${schemaErrors(validate).join("; ")}`);
  return record;
}
function trailers(record) {
  return [`Break-Glass: ${record.incident_id}`, ...record.approvers.map((a) => `Approved-By: ${a.login}`)];
}

// src/break-glass/run.ts
async function runBreakGlass(req) {
  const policy = req.loaded.policy.sections["break-glass"];
  const evidence = req.loaded.policy.sections["evidence"];
  const inputs = validateInputs(req.raw, policy.incident_pattern);
  if (!wormTarget(req.s3, evidence)) {
    throw new ConfigError("break-glass evidence is kept 7 years, longer than GitHub artifacts can: set evidence.store.bucket in the policy (or the s3 input) to a WORM bucket");
  }
  const pr = await getPullRequest(req.client, req.repo, inputs.pr);
  if (pr.state !== "open") throw new UsageError(`pull request #${inputs.pr} is ${pr.merged ? "already merged" : pr.state}; break-glass is for an open pull request`);
  const check = await checkApprovers(req.client, req.repo, { pull: inputs.pr, headSha: pr.headSha, author: pr.author, actor: req.actor, runId: req.runId }, policy);
  if (check.eligible.length < 2) return { approved: false, check };
  const now = req.now ?? /* @__PURE__ */ new Date();
  const record = buildRecord({
    incident_id: inputs.incidentId,
    repository: `${req.repo.owner}/${req.repo.repo}`,
    pull_request: { number: inputs.pr, head_sha: pr.headSha, author: pr.author },
    approvers: check.eligible,
    checks_bypassed: inputs.checksBypassed,
    justification: inputs.justification,
    rollback_plan: inputs.rollbackPlan,
    actor: req.actor,
    created_at: isoSeconds(now),
    run: { id: req.env["GITHUB_RUN_ID"] ?? null, attempt: req.env["GITHUB_RUN_ATTEMPT"] ?? null, workflow_ref: req.env["GITHUB_WORKFLOW_REF"] ?? null },
    follow_up: { label: policy.follow_up.label, due_at: isoSeconds(new Date(now.getTime() + policy.follow_up.due_hours * 36e5)) }
  });
  const { dir } = await collectEvidence({
    root: req.root,
    out: req.out,
    from: req.from,
    includes: [],
    loaded: req.loaded,
    env: req.env,
    retentionClass: "break_glass",
    extra: [{ path: OVERRIDE_PATH, content: `${JSON.stringify(record, null, 2)}
`, kind: "override" }],
    now,
    logger: req.logger
  });
  const uploaded = await uploadBundle({ dir, artifact: false, ...req.s3 ? { s3: req.s3 } : {}, policy: evidence, env: req.env, logger: req.logger });
  const evidenceUrl = uploaded.worm.url;
  const open = await listIssuesByLabel(req.client, req.repo, policy.follow_up.label, "open");
  const existing = open.find((i) => {
    const m = readMarker(i.body);
    return m?.incident === record.incident_id && m.pr === record.pull_request.number;
  });
  if (existing) req.logger.info(`break-glass: follow-up #${existing.number} for ${record.incident_id} is already open; not opening another`);
  const issue = existing ?? await createIssue(req.client, req.repo, followUpIssue(record, evidenceUrl));
  return { approved: true, record, evidenceUrl, digest: uploaded.digest, issue, trailers: trailers(record) };
}

// src/actions/break-glass.ts
var raw = (name, env) => env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] ?? "";
async function breakGlassAction(env) {
  const workspace = workspaceOf(env);
  const policyInput = getInput("policy", env);
  const policyFile = policyInput ? insideWorkspace(workspace, policyInput, "policy") : void 0;
  const token = getInput("github-token", env);
  if (!token) throw new UsageError("input github-token is empty: the break-glass action reads the PR, its reviews and approvals, and opens an issue");
  const [owner, repo, ...more] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || more.length) throw new UsageError(`GITHUB_REPOSITORY must be owner/repo, got ${JSON.stringify(env.GITHUB_REPOSITORY ?? "")}`);
  const actor = env.GITHUB_ACTOR;
  if (!actor) throw new UsageError("GITHUB_ACTOR is not set: the dispatching actor must be known (not running in a workflow?)");
  const runId = env.GITHUB_RUN_ID && /^[0-9]+$/.test(env.GITHUB_RUN_ID) ? Number(env.GITHUB_RUN_ID) : null;
  const from = jobOutputDir(env);
  const s3 = getInput("s3", env);
  const storeEnv = {
    ...env,
    ...getInput("s3-endpoint", env) ? { AWS_ENDPOINT_URL_S3: getInput("s3-endpoint", env) } : {},
    ...getInput("s3-region", env) ? { AWS_REGION: getInput("s3-region", env) } : {}
  };
  const logger = actionLogger();
  const client = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL });
  const outcome = await runBreakGlass({
    raw: {
      incidentId: raw("incident-id", env),
      pr: raw("pr-number", env),
      justification: raw("justification", env),
      checksBypassed: raw("checks-bypassed", env),
      rollbackPlan: raw("rollback-plan", env)
    },
    repo: { owner, repo },
    actor,
    runId,
    root: workspace,
    out: path4.join(env.RUNNER_TEMP || workspace, "paperguard-evidence", `break-glass-${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`),
    from: existsSync(from) ? from : null,
    ...s3 ? { s3 } : {},
    loaded: loadFor(workspace, policyFile, workspace),
    client,
    env: storeEnv,
    logger
  });
  if (!outcome.approved) {
    const why = outcome.check.rejected.map((r) => `${r.login} ${r.why}`).join("; ") || "no approvals found";
    logger.warn(`break-glass refused: ${outcome.check.eligible.length} eligible approver(s) (${outcome.check.eligible.map((a) => a.login).join(", ") || "none"}), two distinct are needed; ${why}`);
    setOutput("status", "refused", env);
    return EXIT.violations;
  }
  const { record, trailers: trailers2 } = outcome;
  logger.info(`break-glass ${record.incident_id} recorded; evidence ${outcome.evidenceUrl}; follow-up ${outcome.issue.url || `#${outcome.issue.number}`} due ${record.follow_up.due_at}`);
  process.stdout.write(`Use these trailers in the merge commit:
${trailers2.join("\n")}
`);
  setOutput("status", "approved", env);
  setOutput("trailers", trailers2.join("\n"), env);
  setOutput("evidence-url", outcome.evidenceUrl, env);
  setOutput("digest", outcome.digest, env);
  setOutput("issue-url", outcome.issue.url, env);
  appendSummary(
    [
      `### paperguard break-glass ${record.incident_id}`,
      "",
      `- PR #${record.pull_request.number} at \`${record.pull_request.head_sha}\``,
      `- approved by ${record.approvers.map((a) => `${a.login} (${a.source})`).join(", ")}`,
      `- evidence: \`${outcome.evidenceUrl}\` (7 years, WORM)`,
      `- follow-up: ${outcome.issue.url || `#${outcome.issue.number}`}, due ${record.follow_up.due_at}`,
      "",
      "Merge commit trailers:",
      "",
      "```",
      ...trailers2,
      "```",
      ""
    ].join("\n"),
    env
  );
  return EXIT.pass;
}

// src/actions/evidence.ts
import path5 from "node:path";
import { existsSync as existsSync2 } from "node:fs";
var UPLOADS = ["none", "artifact", "s3", "both"];
async function evidenceAction(env) {
  const workspace = workspaceOf(env);
  const policyInput = getInput("policy", env);
  const policyFile = policyInput ? insideWorkspace(workspace, policyInput, "policy") : void 0;
  const upload = getInput("upload", env) || "both";
  if (!UPLOADS.includes(upload)) throw new UsageError(`input upload: ${upload}: use one of ${UPLOADS.join(", ")}`);
  const includes = getInput("include", env).split("\n").map((l) => l.trim()).filter(Boolean).map((f) => insideWorkspace(workspace, f, "include"));
  const base = getInput("base", env) || void 0;
  const out = getInput("out", env) ? insideWorkspace(workspace, getInput("out", env), "out") : path5.join(env.RUNNER_TEMP || workspace, "paperguard-evidence", `${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}-${env.GITHUB_JOB ?? "job"}`);
  const from = jobOutputDir(env);
  const logger = actionLogger();
  const loaded = loadFor(workspace, policyFile, workspace);
  const token = getInput("github-token", env);
  const runEnv = token ? { ...env, GITHUB_TOKEN: token } : env;
  const { dir, doc } = await collectEvidence({ root: workspace, out, from: existsSync2(from) ? from : null, includes, ...base ? { base } : {}, loaded, env: runEnv, logger });
  setOutput("dir", dir, env);
  setOutput("digest", doc.digest, env);
  setOutput("retention-class", doc.retention.class, env);
  setOutput("retain-until", doc.retention.retain_until, env);
  const lines = [`### paperguard evidence`, "", `- bundle: ${doc.files.length} files, digest \`${doc.digest}\``, `- class: ${doc.retention.class}, keep until ${doc.retention.retain_until}`];
  if (upload !== "none") {
    const policy = evidencePolicy(loaded);
    if (upload === "s3" && !policy.store.bucket) throw new ConfigError("input upload is s3 but the policy sets no evidence.store.bucket");
    const useStore = upload !== "artifact" && policy.store.bucket !== "";
    if (upload !== "s3") {
      const plan = await planArtifact(doc, runEnv, useStore);
      setOutput("artifact-name", `paperguard-evidence-${doc.digest.slice(0, 16)}`, env);
      setOutput("artifact-retention-days", String(plan.retentionDays), env);
      lines.push(`- artifact: ${plan.retentionDays} days${plan.short ? " (shorter than the class; the WORM copy is the evidence)" : ""}`);
    }
    if (useStore) {
      const res = await uploadBundle({ dir, artifact: false, policy, env: runEnv, logger });
      setOutput("store-url", res.worm.url, env);
      lines.push(`- WORM store: \`${res.worm.url}\` (${policy.store.mode})`);
    }
  }
  appendSummary(`${lines.join("\n")}
`, env);
  return EXIT.pass;
}

// src/actions/registry.ts
var ACTION_HANDLERS = {
  check: checkAction,
  "signed-tag": signedTagAction,
  evidence: evidenceAction,
  "break-glass": breakGlassAction
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
