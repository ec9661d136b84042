import type { Finding, RawFinding } from '../../core/finding.js';
import { ScanError } from '../../core/errors.js';
import { withPythonTree } from '../../core/python.js';
import { compileScope } from '../../core/scope.js';
import type { Gate, GateContext, GateResult } from '../types.js';
import { callSatisfies, importSatisfies, type FileFacts } from './facts.js';
import { javascriptFacts, parseJavaScript } from './javascript.js';
import { nameMatcher } from './names.js';
import { policySchema, type HardcodedValuesPolicy, type ValueRule } from './policy.js';
import { pythonFacts } from './python.js';
import { GATE_ID, RULES } from './rules.js';

/** Trading decisions come from a policy source and fail closed: proven rule by rule over the files in scope. */
export const hardcodedValuesGate: Gate<HardcodedValuesPolicy> = {
  id: GATE_ID,
  title: 'Hardcoded values',
  docs: 'docs/rules/hardcoded-values.md',
  rules: Object.values(RULES),
  policySchema,
  optIn: true,
  run: runHardcodedValues,
};

const PY = /\.pyw?$/;
const JS = /\.(?:[cm]?[jt]sx?)$/;
const isCode = (p: string) => PY.test(p) || (JS.test(p) && !/\.d\.[cm]?ts$/.test(p));

async function runHardcodedValues(ctx: GateContext<HardcodedValuesPolicy>): Promise<GateResult> {
  const rules = ctx.policy.rules;
  // Checked again here: a policy that reaches the gate without rules proves nothing.
  if (!rules?.length) throw new ScanError(`hardcoded-values: the policy has no rules for this gate (${where(ctx, ['hardcoded-values'])})`);

  const scopes = rules.map((rule, i) => {
    const inScope = compileScope({ include: rule.scope.include, exclude: rule.scope.exclude ?? [] });
    // The inventory leaves out files over inventory.max_file_size; a proof that skipped one would claim too much.
    const unread = ctx.inventory.tooLarge.filter((f) => isCode(f.path) && inScope(f.path));
    if (unread.length) {
      throw new ScanError(
        `hardcoded-values rule "${rule.id}": ${unread.map((f) => `${f.path} (${f.size} bytes)`).join(', ')} ` +
          `${unread.length === 1 ? 'is' : 'are'} in scope but over inventory.max_file_size, so unread; ` +
          'raise inventory.max_file_size in the policy or exclude the file from the rule scope',
        unread[0]!.path,
      );
    }
    const files = ctx.inventory.files.map((f) => f.path).filter((p) => isCode(p) && inScope(p));
    if (files.length === 0) {
      throw new ScanError(
        `hardcoded-values rule "${rule.id}" (${where(ctx, ['hardcoded-values', 'rules', i, 'scope'])}): its scope matches no Python/TS/JS file ` +
          `(include: ${rule.scope.include.join(', ')}); a proof over zero files proves nothing: fix the scope globs`,
      );
    }
    return files;
  });

  // Each file is parsed once, whatever the number of rules that read it.
  const facts = new Map<string, FileFacts>();
  for (const file of [...new Set(scopes.flat())].sort()) {
    const text = ctx.inventory.text(file);
    if (text === null) throw new ScanError(`${file}: binary content in a code file in scope of hardcoded-values; exclude it from the scope`, file);
    facts.set(file, PY.test(file) ? await withPythonTree(file, text, pythonFacts) : javascriptFacts(parseJavaScript(file, text)));
  }

  const findings: RawFinding[] = [];
  // Which policy rule produced each finding, so the proof can be counted after exceptions apply.
  const owner = new Map<string, string>();
  rules.forEach((rule, i) => {
    for (const f of scopes[i]!.flatMap((file) => ruleFindings(rule, file, facts.get(file)!))) {
      findings.push(f);
      owner.set(findingKey(f), rule.id);
    }
  });
  const summarize = (final: Finding[]): string[] => {
    const blocking = new Map<string, number>();
    const suppressed = new Map<string, number>();
    for (const f of final) {
      const id = owner.get(findingKey(f));
      if (!id) continue;
      const counts = f.suppressed ? suppressed : blocking;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const lines = rules.map((rule, i) => {
      const n = blocking.get(rule.id) ?? 0;
      const s = suppressed.get(rule.id) ?? 0;
      return `${n === 0 ? 'PASS' : 'FAIL'} ${rule.id} (${plural(scopes[i]!.length, 'file')}, ${plural(n, 'finding')}${s ? `, ${s} suppressed` : ''})`;
    });
    const failed = lines.filter((l) => l.startsWith('FAIL')).length;
    return [...lines, `PASSED: ${rules.length - failed}  FAILED: ${failed}`];
  };
  const stats = { filesScanned: facts.size, rulesRun: rules.length, candidates: [...facts.values()].reduce((n, f) => n + f.candidates.length, 0) };
  return { findings, stats, summarize };
}

function findingKey(f: { rule: string; path: string; line: number; column: number; message: string }): string {
  return `${f.rule}|${f.path}|${f.line}|${f.column}|${f.message}`;
}

function ruleFindings(rule: ValueRule, file: string, facts: FileFacts): RawFinding[] {
  const meta = RULES[rule.pattern];
  if (rule.pattern === 'required-structure') return structureFindings(rule, file, facts);
  const isDecision = nameMatcher(rule.names ?? []);
  const ignored = new Set(rule.ignore_values ?? []);
  const out: RawFinding[] = [];
  for (const c of facts.candidates) {
    if (c.pattern !== rule.pattern || ignored.has(c.value)) continue;
    const name = c.names.find(isDecision);
    if (!name) continue;
    out.push({
      rule: meta.id,
      severity: 'error',
      path: file,
      line: c.line,
      column: c.column,
      endLine: c.endLine,
      endColumn: c.endColumn,
      matched: `${rule.id}:${name}=${c.literal}`,
      message: `${tag(rule, meta.id)}${c.literal} is a literal ${message(rule.pattern)} for the decision "${name}" (${c.use}).`,
      help: meta.help,
    });
  }
  return out;
}

function message(pattern: ValueRule['pattern']): string {
  switch (pattern) {
    case 'decision-literal':
      return 'value';
    case 'silent-fallback':
      return 'fallback';
    default:
      return 'threshold';
  }
}

function structureFindings(rule: ValueRule, file: string, facts: FileFacts): RawFinding[] {
  const meta = RULES['required-structure'];
  const req = rule.require ?? {};
  const missing: string[] = [];
  for (const m of req.imports ?? []) if (!importSatisfies(facts.imports, m)) missing.push(`an import of ${m}`);
  for (const c of req.calls ?? []) if (!callSatisfies(facts.calls, c)) missing.push(`a call to ${c}`);
  for (const n of req.none_guards ?? []) {
    const isName = nameMatcher([n]);
    if (!facts.noneGuards.some((g) => g.failsClosed && isName(g.name))) missing.push(`a branch that returns or raises when ${n} is None (null in TS/JS)`);
  }
  return missing.map((what) => ({
    rule: meta.id,
    severity: 'error' as const,
    path: file,
    line: 1,
    column: 1,
    matched: `${rule.id}:${what}`,
    message: `${tag(rule, meta.id)}${file} lacks ${what}.`,
    help: meta.help,
  }));
}

/** The policy rule's id, when it is not already the finding's rule id. */
function tag(rule: ValueRule, findingRule: string): string {
  return rule.id === findingRule ? '' : `[${rule.id}] `;
}

function where(ctx: GateContext<HardcodedValuesPolicy>, keyPath: (string | number)[]): string {
  const at = ctx.policyLocation(keyPath);
  return `${at.path}:${at.line}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
