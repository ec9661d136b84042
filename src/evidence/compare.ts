/**
 * `evidence compare A B`: what changed between two bundles: gate statuses, findings added and removed
 * (by fingerprint), exceptions (suppressed findings), script-risk manifest entries, and repo_state.
 */
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { EvidenceDocument } from './bundle.js';
import type { BundleSource } from './sources.js';

export interface BundleContent {
  doc: EvidenceDocument;
  reports: Report[];
  manifest: { path: string; category?: string; requires_exec_guard?: boolean; owner?: string }[] | null;
}

export async function loadContent(src: BundleSource, doc: EvidenceDocument): Promise<BundleContent> {
  const reports: Report[] = [];
  let manifest: BundleContent['manifest'] = null;
  for (const f of doc.files) {
    if (f.kind !== 'report' && f.kind !== 'tag-checks' && f.kind !== 'manifest') continue;
    const data = await src.read(f.path);
    if (!data) continue; // verify has named it already
    try {
      const json = JSON.parse(data.toString('utf8')) as unknown;
      if (f.kind === 'manifest') manifest = ((json as { scripts?: BundleContent['manifest'] }).scripts ?? []) as NonNullable<BundleContent['manifest']>;
      else reports.push(json as Report);
    } catch {
      /* verified bundles hold only files that parsed when sealed */
    }
  }
  return { doc, reports, manifest };
}

interface FindingRef {
  gate: string;
  rule: string;
  path: string;
  line: number;
  fingerprint: string;
  message: string;
}

export interface Comparison {
  a: { source: string; digest: string };
  b: { source: string; digest: string };
  gates: { id: string; a: string | null; b: string | null }[];
  findings: { added: FindingRef[]; removed: FindingRef[] };
  exceptions: { added: FindingRef[]; removed: FindingRef[] };
  manifest: { added: string[]; removed: string[]; changed: { path: string; a: string; b: string }[] };
  repo_state: { field: string; a: unknown; b: unknown }[];
}

const ref = (f: Finding): FindingRef => ({ gate: f.gate, rule: f.rule, path: f.path, line: f.line, fingerprint: f.fingerprint, message: f.message });

function gateStatuses(c: BundleContent): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of c.reports) for (const g of r.gates) m.set(g.id, g.status);
  return m;
}

function findingsOf(c: BundleContent, suppressed: boolean): Map<string, FindingRef> {
  const m = new Map<string, FindingRef>();
  for (const r of c.reports) for (const g of r.gates) for (const f of g.findings) if (!!f.suppressed === suppressed) m.set(`${f.gate}/${f.fingerprint}`, ref(f));
  return m;
}

function diffMaps<T>(a: Map<string, T>, b: Map<string, T>): { added: T[]; removed: T[] } {
  return { added: [...b].filter(([k]) => !a.has(k)).map(([, v]) => v), removed: [...a].filter(([k]) => !b.has(k)).map(([, v]) => v) };
}

export function compareBundles(a: BundleContent, b: BundleContent, labels: { a: string; b: string }): Comparison {
  const ga = gateStatuses(a);
  const gb = gateStatuses(b);
  const gateIds = [...new Set([...ga.keys(), ...gb.keys()])].sort();
  const ma = new Map((a.manifest ?? []).map((e) => [e.path, e]));
  const mb = new Map((b.manifest ?? []).map((e) => [e.path, e]));
  const describe = (e: { category?: string; requires_exec_guard?: boolean; owner?: string }) =>
    `${e.category ?? '?'}${e.requires_exec_guard ? ', guarded' : ''}${e.owner ? `, ${e.owner}` : ''}`;
  const changed = [...ma].filter(([p, e]) => mb.has(p) && describe(e) !== describe(mb.get(p)!)).map(([p, e]) => ({ path: p, a: describe(e), b: describe(mb.get(p)!) }));

  const sa = a.doc.repo_state;
  const sb = b.doc.repo_state;
  const fields: [string, (s: EvidenceDocument['repo_state']) => unknown][] = [
    ['branch', (s) => s?.branch ?? null],
    ['head', (s) => s?.head ?? null],
    ['base', (s) => (s?.base ? `${s.base.ref} (ahead ${s.base.ahead}, behind ${s.base.behind})` : null)],
    ['modified', (s) => (s?.modified ?? []).map((p) => p.path).join(', ')],
    ['untracked', (s) => (s?.untracked ?? []).map((p) => p.path).join(', ')],
  ];
  return {
    a: { source: labels.a, digest: a.doc.digest },
    b: { source: labels.b, digest: b.doc.digest },
    gates: gateIds.map((id) => ({ id, a: ga.get(id) ?? null, b: gb.get(id) ?? null })).filter((g) => g.a !== g.b),
    findings: diffMaps(findingsOf(a, false), findingsOf(b, false)),
    exceptions: diffMaps(findingsOf(a, true), findingsOf(b, true)),
    manifest: { added: [...mb.keys()].filter((p) => !ma.has(p)).sort(), removed: [...ma.keys()].filter((p) => !mb.has(p)).sort(), changed },
    repo_state: fields.map(([field, get]) => ({ field, a: get(sa), b: get(sb) })).filter((d) => JSON.stringify(d.a) !== JSON.stringify(d.b)),
  };
}

export function renderComparison(c: Comparison): string {
  const lines = [`A: ${c.a.source} (digest ${c.a.digest})`, `B: ${c.b.source} (digest ${c.b.digest})`];
  const f = (x: FindingRef) => `${x.gate}/${x.rule} ${x.path}:${x.line} [${x.fingerprint}] ${x.message}`;
  lines.push(`gate statuses: ${c.gates.length ? '' : 'unchanged'}`, ...c.gates.map((g) => `  ${g.id}: ${g.a ?? '(not run)'} -> ${g.b ?? '(not run)'}`));
  lines.push(`findings: ${c.findings.added.length} added, ${c.findings.removed.length} removed`);
  lines.push(...c.findings.added.map((x) => `  + ${f(x)}`), ...c.findings.removed.map((x) => `  - ${f(x)}`));
  lines.push(`exceptions (suppressed findings): ${c.exceptions.added.length} added, ${c.exceptions.removed.length} removed`);
  lines.push(...c.exceptions.added.map((x) => `  + ${f(x)}`), ...c.exceptions.removed.map((x) => `  - ${f(x)}`));
  const m = c.manifest;
  lines.push(`script-risk manifest: ${m.added.length} added, ${m.removed.length} removed, ${m.changed.length} changed`);
  lines.push(...m.added.map((p) => `  + ${p}`), ...m.removed.map((p) => `  - ${p}`), ...m.changed.map((x) => `  ~ ${x.path}: ${x.a} -> ${x.b}`));
  lines.push(`repo_state: ${c.repo_state.length ? '' : 'unchanged'}`, ...c.repo_state.map((d) => `  ${d.field}: ${JSON.stringify(d.a)} -> ${JSON.stringify(d.b)}`));
  return lines.map((l) => l.trimEnd()).join('\n');
}
