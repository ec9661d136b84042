import { existsSync } from 'node:fs';
import path from 'node:path';
import { CORE_RULES, coreRuleMeta } from '../../core/exceptions.js';
import type { RawFinding, Severity } from '../../core/finding.js';
import { extensionOf } from '../../core/inventory.js';
import { packageRoot } from '../../core/policy.js';
import { compileGlobs, compileScope } from '../../core/scope.js';
import type { Gate, GateContext, GateResult } from '../types.js';
import { Allowlist, allowlistOf, changedSince } from './allowlist.js';
import { EndpointCatalog } from './catalog.js';
import { classify } from './classify.js';
import { policySchema, type LiveEndpointsPolicy } from './policy.js';
import { GATE_ID, RULES } from './rules.js';
import { nonRuntimeRegions, pathLiterals, regionAt, type Region } from './regions.js';
import { scanFiles } from './scan-files.js';
import { LineIndex } from '../../core/lines.js';

/** Gate D: no live broker/exchange endpoint in runtime code or config. */
export const liveEndpointsGate: Gate<LiveEndpointsPolicy> = {
  id: GATE_ID,
  title: 'Live endpoints',
  docs: 'docs/rules/live-endpoints.md',
  rules: [...Object.values(RULES), coreRuleMeta(GATE_ID, CORE_RULES.expired)],
  policySchema,
  run: runLiveEndpoints,
};

async function runLiveEndpoints(ctx: GateContext<LiveEndpointsPolicy>): Promise<GateResult> {
  const policy = ctx.policy;
  const catalog = EndpointCatalog.load(packageRoot(), policy.extra_hosts);
  const inScope = compileScope(policy.scope);
  const nonRuntime = compileGlobs(policy.non_blocking);
  const spec = { topLevelLabels: catalog.topLevelLabels(), knownHosts: catalog.hostNames(), ports: policy.ib_ports ? catalog.ports : null };
  const allowlist = new Allowlist(policy.allowlist, ctx.now);
  const findings: RawFinding[] = [];
  let filesScanned = 0;

  const scoped = ctx.inventory.files.filter((f) => inScope(f.path)).map((f) => f.path);
  for (const file of await scanFiles(ctx.inventory, scoped, spec, scanWorkers(scoped.length, ctx.parallelism))) {
    if (file.binary) continue;
    filesScanned++;
    const { hosts, ports } = file;
    if (hosts.length === 0 && ports.length === 0) continue;
    const text = ctx.inventory.text(file.path) as string;

    const lines = new LineIndex(text);
    const ext = extensionOf(file.path) || basenameKind(file.path);
    const fileIsNonRuntime = nonRuntime(file.path);
    const at = (index: number, length: number) => {
      const start = lines.position(index);
      return { ...start, endLine: start.line, endColumn: start.column + length };
    };
    // Lexed only for files with a hit: most files have none.
    let regions: Region[] | undefined;
    const whereNot = (offset: number): string | null => {
      if (fileIsNonRuntime) return 'in docs or tests';
      const kind = regionAt((regions ??= nonRuntimeRegions(text, ext)), offset);
      return kind === 'a comment' ? 'in a comment' : kind;
    };
    let literals: string[] | undefined;
    const context = { get pathLiterals() { return (literals ??= pathLiterals(text)); } };

    for (const m of hosts) {
      const entry = catalog.get(m.host);
      if (!entry) continue;
      const verdict = classify(entry, m, context);
      if (verdict.kind === 'sandbox') continue;
      const pos = at(m.index, m.text.length);
      const outside = whereNot(m.index);
      const base = { path: file.path, ...pos, matched: m.text, suppressed: allowlist.match(m.host, m.path, file.path) };
      if (verdict.kind === 'trading' && outside) {
        findings.push({
          ...base,
          rule: RULES.nonRuntime.id,
          severity: policy.severity.non_runtime,
          message: `Live trading endpoint ${m.text} ${outside}: ${verdict.reason}.`,
          help: RULES.nonRuntime.help,
        });
      } else if (verdict.kind === 'trading') {
        findings.push({
          ...base,
          rule: RULES.trading.id,
          severity: 'error',
          message: `Live trading endpoint ${m.text}: ${verdict.reason}.`,
          help: RULES.trading.help,
        });
      } else if (verdict.kind === 'market-data') {
        findings.push({
          ...base,
          rule: RULES.marketData.id,
          severity: policy.severity.market_data,
          message: `Live market-data endpoint ${m.text}: ${verdict.reason}.`,
          help: RULES.marketData.help,
        });
      } else {
        findings.push({
          ...base,
          rule: RULES.shared.id,
          severity: policy.severity.shared,
          message: `Shared live/sandbox host ${m.text}: ${verdict.reason}.`,
          help: RULES.shared.help,
        });
      }
    }

    for (const p of ports) {
      const pos = at(p.index, String(p.port).length);
      const outside = whereNot(p.index);
      const what = `${p.entry.venue} ${p.entry.product} live port ${p.port} in a ${p.context}`;
      findings.push({
        path: file.path,
        ...pos,
        matched: p.text,
        rule: outside ? RULES.nonRuntime.id : RULES.ibPort.id,
        severity: outside ? policy.severity.non_runtime : 'error',
        message: outside ? `${what} ${outside}.` : `${what}: it connects to a live account.`,
        help: outside ? RULES.nonRuntime.help : RULES.ibPort.help,
      });
    }
  }

  findings.push(...expiredAllowlistFindings(ctx, allowlist));
  findings.push(...(await unreviewedAllowlistFindings(ctx)));
  return {
    findings,
    stats: { filesScanned, rulesRun: Object.keys(RULES).length - (policy.ib_ports ? 0 : 1), catalogHosts: catalog.size() },
  };
}

/** Worker threads pay off on large trees only: each costs a thread start and a module load (~30 ms). */
const WORKER_MIN_FILES = 4000;

/** Scan workers besides the main thread, up to the parallelism the command layer allows. */
function scanWorkers(files: number, parallelism: number): { count: number; script: string | null } {
  const count = files >= WORKER_MIN_FILES ? Math.max(0, Math.min(parallelism - 1, 3)) : 0;
  const script = path.join(packageRoot(), 'dist', 'scan-worker.js');
  return { count, script: count > 0 && existsSync(script) ? script : null };
}

/** Dockerfile, Makefile, .env and friends carry their kind in the name, not an extension. */
function basenameKind(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  if (base.startsWith('dockerfile')) return 'dockerfile';
  if (base === 'makefile') return 'makefile';
  if (base.startsWith('.env')) return 'env';
  return '';
}

function expiredAllowlistFindings(ctx: GateContext<LiveEndpointsPolicy>, allowlist: Allowlist): RawFinding[] {
  return allowlist.expired.map(({ entry, index }) => {
    const where = ctx.policyLocation([GATE_ID, 'allowlist', index]);
    return {
      rule: CORE_RULES.expired,
      severity: 'error' as Severity,
      ...where,
      column: 1,
      matched: `allowlist ${entry.host} ${entry.expires}`,
      message: `Allowlist entry for ${entry.host} expired on ${entry.expires} (owner ${entry.owner}); its uses are findings again.`,
      help: 'Remove the use of the live host, or renew the entry with a new expiry after a security review.',
    };
  });
}

async function unreviewedAllowlistFindings(ctx: GateContext<LiveEndpointsPolicy>): Promise<RawFinding[]> {
  const baseSection = await ctx.baseSection();
  if (baseSection === null) return [];
  const changes = changedSince(ctx.policy.allowlist, allowlistOf(baseSection));
  if (changes.length === 0) return [];
  // Only ask when there is something to review: the API is not touched on ordinary PRs.
  if (await ctx.review.securityReviewApproved()) return [];
  return changes.map(({ entry, index, change }) => {
    const where = ctx.policyLocation([GATE_ID, 'allowlist', index]);
    return {
      rule: RULES.allowlistUnreviewed.id,
      severity: 'error' as Severity,
      ...where,
      column: 1,
      matched: `allowlist ${JSON.stringify(entry)}`,
      message: `Allowlist entry for ${entry.host} was ${change} since ${ctx.base?.ref} without an approving review by a security reviewer (${ctx.review.source}).`,
      help: RULES.allowlistUnreviewed.help,
    };
  });
}
