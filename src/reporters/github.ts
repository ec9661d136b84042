/**
 * Renders a Report for a GitHub Actions step: annotation command lines for stdout
 * and a Markdown job summary. It only renders; printing, the summary file and the
 * exit code belong to `src/action.ts`.
 *
 * Everything taken from findings (messages, paths, reasons) is data: annotation
 * lines escape it through runner-io, and the summary escapes it for Markdown,
 * so no finding can forge a workflow command or reshape the summary.
 */
import { SEVERITY_ORDER, type Finding, type Severity } from '../core/finding.js';
import { allFindings, countFindings, type GateReport, type Report, type Status } from '../core/report.js';
import { annotation, SUMMARY_LIMIT_BYTES, type AnnotationLevel } from '../core/runner-io.js';

export interface AnnotationLimits {
  error: number;
  warning: number;
  notice: number;
}

export interface GithubRenderOptions {
  /**
   * Per-step annotation limits. The runner keeps the first 10 of each type per
   * step and silently drops the rest; lower these if the caller emits its own
   * annotations in the same step.
   */
  limits?: AnnotationLimits;
  /** Byte budget for the summary; the default leaves room under the 1 MiB file limit for a caller's own lines. */
  summaryBudgetBytes?: number;
}

export interface GithubOutput {
  annotations: string[];
  summary: string;
}

export const RUNNER_ANNOTATION_LIMITS: AnnotationLimits = { error: 10, warning: 10, notice: 10 };
const DEFAULT_SUMMARY_BUDGET = SUMMARY_LIMIT_BYTES - 32 * 1024;
/** Gate errors and gate summary lines are capped each, so one runaway text cannot crowd out the findings. */
const MAX_TEXT_CHARS = 2000;

const LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', note: 'notice' };

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

export function renderGithub(report: Report, options: GithubRenderOptions = {}): GithubOutput {
  const findings = allFindings(report);
  const active = findings.filter((f) => !f.suppressed).sort(compareFindings);
  const annotations = renderAnnotations(active, options.limits ?? RUNNER_ANNOTATION_LIMITS);
  const summary = renderSummary(report, findings, active.length - annotations.shown, options.summaryBudgetBytes ?? DEFAULT_SUMMARY_BUDGET);
  return { annotations: annotations.lines, summary };
}

function annotationMessage(f: Finding): string {
  return f.help ? `${f.message}\n\nHow to fix: ${f.help}` : f.message;
}

function renderAnnotations(active: Finding[], limits: AnnotationLimits): { lines: string[]; shown: number } {
  const total = { error: 0, warning: 0, notice: 0 };
  for (const f of active) total[LEVEL[f.severity]]++;
  const overflows = total.error > limits.error || total.warning > limits.warning || total.notice > limits.notice;
  // The overflow line is itself a notice and counts against the notice limit;
  // reserve its slot, or the runner would drop exactly the line that explains the gap.
  const cap: AnnotationLimits = overflows ? { ...limits, notice: Math.max(0, limits.notice - 1) } : limits;

  const used = { error: 0, warning: 0, notice: 0 };
  const lines: string[] = [];
  for (const f of active) {
    const level = LEVEL[f.severity];
    if (used[level] >= cap[level]) continue;
    used[level]++;
    lines.push(
      annotation(level, annotationMessage(f), {
        file: f.path,
        line: f.line,
        col: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        title: `paperguard ${f.gate}/${f.rule}`,
      }),
    );
  }
  const hidden = active.length - lines.length;
  if (hidden > 0) {
    const noun = hidden === 1 ? 'finding' : 'findings';
    lines.push(annotation('notice', `${hidden} more ${noun} not shown as annotations; see the job summary`, { title: 'paperguard' }));
  }
  return { lines, shown: active.length - hidden };
}

/**
 * Escapes text for a GFM table cell or list item: backslash-escapes the
 * punctuation that could open emphasis, links, code, HTML or end the cell, and
 * turns line breaks into `<br>` (a raw newline would end the table row).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

function clip(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}

const STATUS_LABEL: Record<Status, string> = { pass: '✅ pass', fail: '❌ fail', error: '⚠️ error' };

/** Accumulates Markdown lines while tracking their UTF-8 size against a budget. */
class Budget {
  readonly lines: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}

  /** Adds the line if it fits with `reserve` bytes still free after it. */
  tryAdd(line: string, reserve = 0): boolean {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (this.used + size + reserve > this.limit) return false;
    this.lines.push(line);
    this.used += size;
    return true;
  }

  text(): string {
    return this.lines.length > 0 ? `${this.lines.join('\n')}\n` : '';
  }
}

// Room kept for the closing "rows omitted" line of each section.
const TRAILER_RESERVE = 256;

function renderSummary(report: Report, findings: Finding[], notAnnotated: number, budgetBytes: number): string {
  const out = new Budget(budgetBytes);
  const counts = countFindings(findings);
  const unsuppressed = counts.error + counts.warning + counts.note;

  out.tryAdd(`## paperguard: ${STATUS_LABEL[report.status]}`);
  out.tryAdd('');
  out.tryAdd(
    `${unsuppressed} unsuppressed ${unsuppressed === 1 ? 'finding' : 'findings'} ` +
      `(${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes) and ${counts.suppressed} suppressed, ` +
      `across ${report.gates.length} ${report.gates.length === 1 ? 'gate' : 'gates'}.`,
  );
  const context: string[] = [];
  if (report.repo.commit) context.push(`commit ${escapeMarkdown(report.repo.commit)}`);
  if (report.base) context.push(`base ${escapeMarkdown(report.base.ref)} (${escapeMarkdown(report.base.commit)})`);
  if (report.policy.sources.length > 0) context.push(`policy ${report.policy.sources.map(escapeMarkdown).join(', ')}`);
  if (context.length > 0) {
    out.tryAdd('');
    out.tryAdd(`Checked ${context.join('; ')}.`);
  }
  if (notAnnotated > 0) {
    out.tryAdd('');
    out.tryAdd(
      `> The runner keeps only a few annotations of each kind per step: ${notAnnotated} ` +
        `unsuppressed ${notAnnotated === 1 ? 'finding is' : 'findings are'} listed only below.`,
    );
  }

  renderGateTable(out, report.gates);
  renderGateErrors(out, report.gates);
  renderGateNotes(out, report.gates);
  // Findings last: it is the one section that can be huge, so the budget cuts there.
  renderFindingsTable(out, report.gates, findings);
  return out.text();
}

function renderGateTable(out: Budget, gates: GateReport[]): void {
  if (gates.length === 0) return;
  out.tryAdd('');
  out.tryAdd('### Gates');
  out.tryAdd('');
  out.tryAdd('| Gate | Status | Files scanned | Errors | Warnings | Notes | Suppressed |');
  out.tryAdd('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (let i = 0; i < gates.length; i++) {
    const g = gates[i] as GateReport;
    const c = countFindings(g.findings);
    const row = `| ${escapeMarkdown(g.id)} | ${STATUS_LABEL[g.status]} | ${g.stats.filesScanned} | ${c.error} | ${c.warning} | ${c.note} | ${c.suppressed} |`;
    if (!out.tryAdd(row, TRAILER_RESERVE)) {
      out.tryAdd(`| … ${gates.length - i} more rows omitted | | | | | | |`);
      return;
    }
  }
}

function renderGateErrors(out: Budget, gates: GateReport[]): void {
  const failed = gates.filter((g) => g.error);
  if (failed.length === 0) return;
  out.tryAdd('');
  out.tryAdd('### Gate errors');
  out.tryAdd('');
  for (const g of failed) {
    out.tryAdd(`- **${escapeMarkdown(g.id)}**: ${escapeMarkdown(clip(g.error ?? ''))}`, TRAILER_RESERVE);
  }
}

function renderGateNotes(out: Budget, gates: GateReport[]): void {
  const withNotes = gates.filter((g) => g.summary && g.summary.length > 0);
  for (const g of withNotes) {
    out.tryAdd('');
    out.tryAdd(`### ${escapeMarkdown(g.title)} (${escapeMarkdown(g.id)})`);
    out.tryAdd('');
    for (const line of g.summary ?? []) {
      if (!out.tryAdd(`- ${escapeMarkdown(clip(line))}`, TRAILER_RESERVE)) break;
    }
  }
}

function describeSuppression(f: Finding): string {
  const s = f.suppressed;
  if (!s) return '';
  const who = [s.kind === 'inline' ? 'inline exception' : s.kind === 'policy' ? 'policy exception' : 'gate allowlist'];
  if (s.owner) who.push(`owner ${s.owner}`);
  if (s.expires) who.push(`expires ${s.expires}`);
  return `Suppressed (${who.join(', ')}): ${s.reason}`;
}

function ruleCell(f: Finding, helpUris: Map<string, string>): string {
  const label = escapeMarkdown(`${f.gate}/${f.rule}`);
  const uri = helpUris.get(`${f.gate}\0${f.rule}`);
  // Only our own https documentation links; a URI with `)` or spaces would break the link syntax.
  return uri && /^https:\/\/[^\s()<>]+$/.test(uri) ? `[${label}](${uri})` : label;
}

function renderFindingsTable(out: Budget, gates: GateReport[], findings: Finding[]): void {
  if (findings.length === 0) return;
  const helpUris = new Map<string, string>();
  for (const g of gates) for (const r of g.rules) helpUris.set(`${g.id}\0${r.id}`, r.helpUri);

  // Unsuppressed first, most severe first: what must be fixed is never the part that gets cut.
  const ordered = [...findings].sort((a, b) => Number(!!a.suppressed) - Number(!!b.suppressed) || compareFindings(a, b));

  out.tryAdd('');
  out.tryAdd('### Findings');
  out.tryAdd('');
  out.tryAdd('| Severity | Rule | Location | Message |');
  out.tryAdd('| --- | --- | --- | --- |');
  for (let i = 0; i < ordered.length; i++) {
    const f = ordered[i] as Finding;
    const severity = f.suppressed ? `${f.severity} (suppressed)` : f.severity;
    const message = f.suppressed ? `${clip(f.message)}\n${describeSuppression(f)}` : clip(f.message);
    const row = `| ${severity} | ${ruleCell(f, helpUris)} | ${escapeMarkdown(`${f.path}:${f.line}:${f.column}`)} | ${escapeMarkdown(message)} |`;
    if (!out.tryAdd(row, TRAILER_RESERVE)) {
      const omitted = ordered.length - i;
      out.tryAdd(`| … | ${omitted} more ${omitted === 1 ? 'row' : 'rows'} omitted to keep the summary under 1 MiB; see the JSON report or SARIF | | |`);
      return;
    }
  }
}
