import type { Finding, Severity, Suppression } from '../core/finding.js';
import type { GateReport, Report, Status } from '../core/report.js';
import { allFindings, countFindings } from '../core/report.js';
import { type Styles, styles, visible } from './ansi.js';

export interface TextOptions {
  /** Decided by the caller from isTTY and NO_COLOR/FORCE_COLOR; never guessed here. */
  color: boolean;
}

const INDENT = '  ';
const DETAIL_INDENT = '      ';

export function renderText(report: Report, opts: TextOptions): string {
  const st = styles(opts.color);
  const lines: string[] = [header(report, st), ''];
  if (report.gates.length === 0) lines.push(st.dim('no gates ran'), '');
  for (const gate of report.gates) lines.push(...renderGate(gate, st), '');
  lines.push(total(report, st));
  return `${lines.join('\n')}\n`;
}

/**
 * The inventory is shared by every gate, so its skip counts are shown once here
 * rather than repeated under each gate as if each had skipped its own files.
 */
function header(report: Report, st: Styles): string {
  const { files, skipped } = report.inventory;
  const inventory =
    `${plural(files, 'file')} in inventory, skipped: ${skipped.binary} binary, ` +
    `${skipped.tooLarge} too large, ${skipped.outsideRepo} outside repo`;
  return `${st.bold(`paperguard ${visible(report.tool.version)}`)}  ${st.dim(inventory)}`;
}

function renderGate(gate: GateReport, st: Styles): string[] {
  const lines = [`${st.bold(visible(gate.id))}  ${visible(gate.title)}  ${statusLabel(gate.status, st)}`];
  lines.push(INDENT + st.dim(statsLine(gate)));
  if (gate.status === 'error') {
    const why = gate.error ?? 'the gate ended in error without saying why';
    lines.push(INDENT + st.bold(st.red(`ERROR: ${indentRest(visible(why), INDENT + '       ')}`)));
  }
  const findings = sortByLocation(gate.findings);
  if (findings.length === 0 && gate.status !== 'error') lines.push(INDENT + st.dim('no findings'));
  for (const f of findings) lines.push(...renderFinding(f, st));
  for (const line of gate.summary ?? []) lines.push(`${INDENT}${visible(line)}`);
  return lines;
}

/** filesScanned and rulesRun first, then the gate's own counters in its order. */
function statsLine(gate: GateReport): string {
  const { filesScanned, rulesRun, ...rest } = gate.stats;
  const parts = [`${plural(filesScanned, 'file')} scanned`, `${plural(rulesRun, 'rule')} run`];
  for (const [key, value] of Object.entries(rest)) parts.push(`${humanize(visible(key))}: ${value}`);
  return parts.join(', ');
}

function renderFinding(f: Finding, st: Styles): string[] {
  const where = `${visible(f.path)}:${f.line}:${f.column}`;
  const sev = f.severity.padEnd(7);
  const marker = f.suppressed ? '  [suppressed]' : '';
  const head = `${INDENT}${where}  ${f.suppressed ? sev : severityStyle(f.severity, st)(sev)}  ${visible(f.rule)}  ${indentRest(visible(f.message), DETAIL_INDENT)}${marker}`;
  const lines = [f.suppressed ? st.dim(head) : head];
  if (f.suppressed) lines.push(DETAIL_INDENT + st.dim(suppressionLine(f.suppressed)));
  lines.push(DETAIL_INDENT + st.dim(`help: ${indentRest(visible(f.help), DETAIL_INDENT + '      ')}`));
  return lines;
}

const SUPPRESSION_SOURCE: Record<Suppression['kind'], string> = {
  policy: 'policy exception',
  inline: 'inline exception',
  allowlist: 'allowlist',
};

function suppressionLine(s: Suppression): string {
  const extra = [s.owner && `owner ${s.owner}`, s.expires && `expires ${s.expires}`].filter(Boolean);
  const tail = extra.length > 0 ? ` (${extra.join(', ')})` : '';
  return visible(`suppressed by ${SUPPRESSION_SOURCE[s.kind]}: ${s.reason}${tail}`);
}

function total(report: Report, st: Styles): string {
  const c = countFindings(allFindings(report));
  const counts = [
    plural(c.error, 'error'),
    plural(c.warning, 'warning'),
    plural(c.note, 'note'),
    `${c.suppressed} suppressed`,
  ].join(', ');
  const errored = report.gates.filter((g) => g.status === 'error').map((g) => visible(g.id));
  const inError = errored.length > 0 ? `  (${plural(errored.length, 'gate')} in error: ${errored.join(', ')})` : '';
  return `${st.bold(counts)}  ${statusLabel(report.status, st)}${inError}`;
}

function statusLabel(status: Status, st: Styles): string {
  switch (status) {
    case 'pass':
      return st.bold(st.green('PASS'));
    case 'fail':
      return st.bold(st.red('FAIL'));
    case 'error':
      return st.bold(st.red('ERROR'));
  }
}

function severityStyle(severity: Severity, st: Styles): (s: string) => string {
  switch (severity) {
    case 'error':
      return st.red;
    case 'warning':
      return st.yellow;
    case 'note':
      return st.cyan;
  }
}

/** Reading order for a person: by file, then position. Gates' own order may not be. */
function sortByLocation(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule),
  );
}

/** Code-unit order, not locale order, so the output is the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Multi-line messages keep their continuation lines under the text they continue. */
function indentRest(text: string, indent: string): string {
  return text.replace(/\n/g, `\n${indent}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `hostsChecked` → `hosts checked`: gates name counters for code, people read them here. */
function humanize(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
