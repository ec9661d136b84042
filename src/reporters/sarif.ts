import { REPOSITORY_URL, ruleDocsUrl } from '../core/docs.js';
import type { Finding, RuleMeta, Severity, Suppression } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { GITHUB_LIMITS, capText } from './sarif-limits.js';
import { toArtifactUri } from './sarif-uri.js';

/** The schema GitHub's own examples and CodeQL reference. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * One run, one fixed category for every gate. GitHub overwrites earlier results
 * per (tool, category) and rejects several runs sharing a category in one file,
 * so per-gate runs would either collide or, with per-gate categories, leave stale
 * alerts behind for a gate that was not run this time. Gates are told apart by
 * rule id instead.
 */
export const SARIF_CATEGORY = 'paperguard/';

/**
 * Our line-independent fingerprint, under our own key. GitHub only reads
 * `primaryLocationLineHash` and warns when a supplied one differs from what it
 * computes from the file, so we leave that key to upload-sarif.
 */
export const FINGERPRINT_KEY = 'paperguard/v1';

const SRCROOT = '%SRCROOT%';

/** Stable across runs: GitHub tracks alerts by rule id and path. */
export function sarifRuleId(gate: string, rule: string): string {
  return `${gate}/${rule}`;
}

type Level = 'error' | 'warning' | 'note';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { tags: string[] };
}

interface SarifSuppression {
  kind: 'inSource' | 'external';
  status: 'accepted';
  justification: string;
  properties: { source: Suppression['kind']; owner?: string; expires?: string };
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: [
    {
      physicalLocation: {
        artifactLocation: { uri: string; uriBaseId: string };
        region: SarifRegion;
      };
    },
  ];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
}

interface SarifNotification {
  level: 'error';
  message: { text: string };
  properties?: { gate: string };
}

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', note: 'note' };

export function renderSarif(report: Report): string {
  const rules = collectRules(report);
  const results = report.gates.flatMap((g) => g.findings.map((f) => toResult(f, rules)));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'paperguard',
            version: report.tool.version,
            informationUri: REPOSITORY_URL,
            rules: rules.descriptors,
          },
        },
        automationDetails: { id: SARIF_CATEGORY },
        // Matches Finding.column; stated because consumers may otherwise guess code points.
        columnKind: 'utf16CodeUnits',
        // No absolute `uri`: the checkout path differs per machine, would make the
        // file undiffable between a laptop and CI, and GitHub resolves against the
        // checkout anyway.
        originalUriBaseIds: {
          [SRCROOT]: { description: { text: 'The root of the scanned repository.' } },
        },
        invocations: [invocation(report)],
        results,
        properties: {
          status: report.status,
          policySha256: report.policy.sha256,
          commit: report.repo.commit,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

interface RuleTable {
  descriptors: SarifRule[];
  indexById: Map<string, number>;
}

/**
 * Every declared rule, not only those that fired, so GitHub can tell "ran and
 * found nothing" (close the alert) from "rule unknown". A finding whose rule its
 * gate did not declare (e.g. an engine-level finding) still needs a descriptor
 * for `ruleIndex`, so one is derived from the finding itself.
 */
function collectRules(report: Report): RuleTable {
  const table: RuleTable = { descriptors: [], indexById: new Map() };
  const add = (gate: string, meta: RuleMeta): void => {
    const id = sarifRuleId(gate, meta.id);
    if (table.indexById.has(id)) return;
    table.indexById.set(id, table.descriptors.length);
    table.descriptors.push(toRule(id, gate, meta));
  };
  for (const gate of report.gates) for (const meta of gate.rules) add(gate.id, meta);
  for (const gate of report.gates) for (const f of gate.findings) add(f.gate, undeclaredRule(f));
  return table;
}

function undeclaredRule(f: Finding): RuleMeta {
  return {
    id: f.rule,
    title: sarifRuleId(f.gate, f.rule),
    description: `Rule ${f.rule} of gate ${f.gate}.`,
    defaultSeverity: f.severity,
    help: f.help,
    helpUri: ruleDocsUrl(f.gate, f.rule),
  };
}

function toRule(id: string, gate: string, meta: RuleMeta): SarifRule {
  // GitHub rejects empty texts; fall back along title → id so none is ever blank.
  const title = orElse(meta.title, id);
  const description = orElse(meta.description, title);
  const help = orElse(meta.help, description);
  return {
    id,
    name: capText(id, GITHUB_LIMITS.ruleName),
    shortDescription: { text: capText(title, GITHUB_LIMITS.ruleDescription) },
    fullDescription: { text: capText(description, GITHUB_LIMITS.ruleDescription) },
    help: { text: help, markdown: `${help}\n\n[Documentation](${meta.helpUri})` },
    helpUri: meta.helpUri,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { tags: ['paperguard', gate] },
  };
}

function orElse(text: string, fallback: string): string {
  return text.trim() === '' ? fallback : text;
}

function toResult(f: Finding, rules: RuleTable): SarifResult {
  const ruleId = sarifRuleId(f.gate, f.rule);
  const ruleIndex = rules.indexById.get(ruleId);
  // collectRules added a descriptor for every finding; reaching this is a bug.
  if (ruleIndex === undefined) throw new Error(`no SARIF rule descriptor for ${ruleId}`);
  const result: SarifResult = {
    ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    // The finding's own help is specific (which host to use instead); the rule's
    // help in the descriptor is generic. GitHub shows only message.text inline.
    message: { text: `${f.message}\n${f.help}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toArtifactUri(f.path), uriBaseId: SRCROOT },
          region: region(f),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (f.suppressed) result.suppressions = [toSuppression(f.suppressed)];
  return result;
}

function region(f: Finding): SarifRegion {
  const r: SarifRegion = { startLine: f.line, startColumn: f.column };
  if (f.endLine !== undefined) r.endLine = f.endLine;
  if (f.endColumn !== undefined) r.endColumn = f.endColumn;
  return r;
}

function toSuppression(s: Suppression): SarifSuppression {
  const properties: SarifSuppression['properties'] = { source: s.kind };
  if (s.owner !== undefined) properties.owner = s.owner;
  if (s.expires !== undefined) properties.expires = s.expires;
  return {
    // An inline comment lives in the scanned file; policy exceptions and gate
    // allowlists live elsewhere, which is what SARIF's `external` means.
    kind: s.kind === 'inline' ? 'inSource' : 'external',
    status: 'accepted',
    justification: s.reason,
    properties,
  };
}

function invocation(report: Report): { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotification[] } {
  const notifications: SarifNotification[] = report.gates
    .filter((g) => g.status === 'error')
    .map((g) => ({
      level: 'error',
      message: { text: `${g.id}: ${g.error ?? 'the gate ended in error without saying why'}` },
      properties: { gate: g.id },
    }));
  const executionSuccessful = report.status !== 'error';
  if (!executionSuccessful && notifications.length === 0) {
    // The status alone must not be the only trace of a failed run in the log.
    notifications.push({
      level: 'error',
      message: { text: 'paperguard: the run ended in error without a gate error' },
    });
  }
  return notifications.length > 0
    ? { executionSuccessful, toolExecutionNotifications: notifications }
    : { executionSuccessful };
}
