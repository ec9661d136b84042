/**
 * GitHub code-scanning upload rules the JSON Schema cannot express (see
 * ../shared/notes/anchors-scanners.md §4). Returns every problem found, so a
 * failing test says all that is wrong at once.
 */

type Json = Record<string, unknown>;

const LIMITS = { runs: 1, rules: 25_000, results: 25_000, ruleName: 255, description: 1024, tags: 20 };

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
const posInt = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1;

export function githubSarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const p = (where: string, what: string): void => {
    problems.push(`${where}: ${what}`);
  };
  const root = obj(log);
  if (!nonEmpty(root.$schema)) p('$', '$schema missing');
  if (root.version !== '2.1.0') p('$', `version is ${String(root.version)}, not 2.1.0`);
  const runs = arr(root.runs);
  if (runs.length !== LIMITS.runs) p('$.runs', `${runs.length} runs; paperguard emits exactly one`);

  runs.forEach((runValue, r) => {
    const run = obj(runValue);
    const driver = obj(obj(run.tool).driver);
    if (!nonEmpty(driver.name)) p(`runs[${r}].tool.driver`, 'name missing');
    if (!nonEmpty(obj(run.automationDetails).id)) p(`runs[${r}]`, 'automationDetails.id (category) missing');
    const rules = arr(driver.rules);
    if (!Array.isArray(driver.rules)) p(`runs[${r}].tool.driver`, 'rules[] missing');
    if (rules.length > LIMITS.rules) p(`runs[${r}]`, `${rules.length} rules > ${LIMITS.rules}`);
    const ids = new Set<string>();
    rules.forEach((ruleValue, i) => checkRule(obj(ruleValue), `runs[${r}].rules[${i}]`, ids, p));

    const results = arr(run.results);
    if (!Array.isArray(run.results)) p(`runs[${r}]`, 'results[] missing');
    if (results.length > LIMITS.results) p(`runs[${r}]`, `${results.length} results > ${LIMITS.results}`);
    results.forEach((resultValue, i) => checkResult(obj(resultValue), rules, `runs[${r}].results[${i}]`, p));
  });
  return problems;
}

function checkRule(rule: Json, where: string, ids: Set<string>, p: (w: string, m: string) => void): void {
  const id = text(rule.id);
  if (!nonEmpty(id)) p(where, 'id missing');
  else if (ids.has(id!)) p(where, `duplicate rule id ${id}`);
  else ids.add(id!);
  if (rule.name !== undefined && (!nonEmpty(rule.name) || text(rule.name)!.length > LIMITS.ruleName)) {
    p(where, 'name empty or longer than 255');
  }
  for (const field of ['shortDescription', 'fullDescription'] as const) {
    const t = text(obj(rule[field]).text);
    if (!nonEmpty(t)) p(where, `${field}.text missing or empty`);
    else if (t!.length > LIMITS.description) p(where, `${field}.text is ${t!.length} > ${LIMITS.description}`);
  }
  if (!nonEmpty(obj(rule.help).text)) p(where, 'help.text missing or empty');
  if (rule.helpUri !== undefined && !/^https:\/\//.test(String(rule.helpUri))) p(where, 'helpUri is not https');
  const tags = arr(obj(rule.properties).tags);
  if (tags.length > LIMITS.tags) p(where, `${tags.length} tags > ${LIMITS.tags}`);
  if (tags.some((t) => !nonEmpty(t))) p(where, 'empty tag');
}

function checkResult(result: Json, rules: unknown[], where: string, p: (w: string, m: string) => void): void {
  const ruleId = text(result.ruleId);
  if (!nonEmpty(ruleId)) p(where, 'ruleId missing');
  if (!Number.isInteger(result.ruleIndex)) p(where, 'ruleIndex missing');
  else if (obj(rules[result.ruleIndex as number]).id !== ruleId) {
    p(where, `ruleIndex ${String(result.ruleIndex)} does not point at rule ${ruleId}`);
  }
  if (!['error', 'warning', 'note'].includes(String(result.level))) p(where, `level ${String(result.level)}`);
  if (!nonEmpty(obj(result.message).text)) p(where, 'message.text missing or empty');

  const locations = arr(result.locations);
  if (locations.length !== 1) p(where, `${locations.length} locations; paperguard emits exactly one`);
  const physical = obj(obj(locations[0]).physicalLocation);
  const uri = text(obj(physical.artifactLocation).uri);
  if (!nonEmpty(uri)) p(where, 'artifactLocation.uri missing');
  else {
    if (uri!.startsWith('/')) p(where, `uri ${uri} is absolute`);
    if (uri!.includes('\\')) p(where, `uri ${uri} has a backslash`);
    if (uri!.split('/').some((s) => s === '..' || s === '.')) p(where, `uri ${uri} has a dot segment`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri!)) p(where, `uri ${uri} has a scheme; it must be repo-relative`);
  }
  const region = obj(physical.region);
  if (!posInt(region.startLine)) p(where, 'region.startLine missing or < 1');
  if (!posInt(region.startColumn)) p(where, 'region.startColumn missing or < 1');

  const fingerprints = obj(result.partialFingerprints);
  if (Object.keys(fingerprints).length === 0) p(where, 'partialFingerprints missing');
  if ('primaryLocationLineHash' in fingerprints) {
    p(where, 'primaryLocationLineHash supplied; upload-sarif computes it and warns on mismatch');
  }
  arr(result.suppressions).forEach((s, i) => {
    const sup = obj(s);
    if (!nonEmpty(sup.justification)) p(`${where}.suppressions[${i}]`, 'justification missing');
    if (sup.kind !== 'inSource' && sup.kind !== 'external') p(`${where}.suppressions[${i}]`, `kind ${String(sup.kind)}`);
  });
}
