/**
 * The analyzers on snippets taken from real trading repositories (hummingbot, freqtrade, jesse,
 * freqtrade-strategies): what a reviewer called a hardcoded decision is found, what they did not is not.
 */
import { describe, expect, it } from 'vitest';
import { withPythonTree } from '../../../src/core/python.js';
import type { Candidate } from '../../../src/gates/hardcoded-values/facts.js';
import { javascriptFacts, parseJavaScript } from '../../../src/gates/hardcoded-values/javascript.js';
import { nameMatcher, numericValue } from '../../../src/gates/hardcoded-values/names.js';
import { pythonFacts } from '../../../src/gates/hardcoded-values/python.js';

const DECISIONS = nameMatcher(['leverage', 'max_leverage', 'position_size', 'notional', 'stop_loss*', 'stoploss*', 'take_profit*', 'T1_R', 'kill_threshold', 'kill_score']);

/** `pattern name=literal@line:col` for every candidate whose names include a decision. */
function hits(cands: Candidate[], ignore: number[] = [0]): string[] {
  return cands
    .filter((c) => !ignore.includes(c.value) && c.names.some(DECISIONS))
    .map((c) => `${c.pattern} ${c.names.find(DECISIONS)}=${c.literal}@${c.line}:${c.column}`);
}
const py = (text: string) => withPythonTree('x.py', text, (t) => hits(pythonFacts(t).candidates));
const js = (text: string, file = 'x.ts') => hits(javascriptFacts(parseJavaScript(file, text)).candidates);

describe('Python', () => {
  it('freqtrade strategy class attribute (stoploss) and hyperopt getattr fallback', async () => {
    expect(await py('class S(IStrategy):\n    stoploss = -0.10\n    minimal_roi = {"0": 0.04}\n')).toEqual(['decision-literal stoploss=-0.10@2:16']);
    expect(await py('x = params.get("stoploss", {}).get(\n    "stoploss", getattr(self, "stoploss", -0.1)\n)\n')).toEqual(['silent-fallback stoploss=-0.1@2:43']);
  });
  it('hummingbot config fields: Decimal() and Field(default=Decimal()) wrap the literal', async () => {
    const text = 'class C(BaseModel):\n    leverage: int = 20\n    stop_loss: Decimal = Decimal("0.03")\n    take_profit: Decimal = Field(default=Decimal("0.0001"))\n';
    expect(await py(text)).toEqual(['decision-literal leverage=20@2:21', 'decision-literal stop_loss="0.03"@3:34', 'decision-literal take_profit="0.0001"@4:50']);
  });
  it('jesse test strategies: an equality assertion is not a threshold', async () => {
    expect(await py('def before(self):\n    assert self.leverage == 2\n    if self.leverage >= 3:\n        pass\n')).toEqual(['literal-threshold leverage=3@3:25']);
  });
  it('exchange payload parsing with a 0 fallback fails closed and is ignored; the numeric string "1" is not', async () => {
    expect(await py('size = Decimal(pos.get("position_size", "0"))\nlev = Decimal(pos.get("leverage", "1"))\n')).toEqual(['silent-fallback leverage="1"@2:35']);
  });
  it('non-decisions stay quiet: None, config reads, retries, f-strings, comments, docstrings', async () => {
    const text = '"""leverage = 5"""\n# leverage = 5\nleverage = None\nMAX_RETRIES = 10\ntimeout = cfg.get("timeout_s", 30)\nmsg = f"leverage = {5}"\nleverage = cfg["leverage"]\n';
    expect(await py(text)).toEqual([]);
  });
  it('chained comparisons check each pair', async () => {
    expect(await py('if 1 < leverage <= 10:\n    pass\n')).toEqual(['literal-threshold leverage=1@1:4', 'literal-threshold leverage=10@1:20']);
  });
});

describe('TS/JS', () => {
  it('const, property, default parameter, class field, fallbacks and wrappers', () => {
    const text = [
      'const leverage = 5;',
      'const cfg = { stop_loss: -0.02, leverage: env.LEVERAGE ?? 3 };',
      'function open(notional = 1000) {}',
      'class A { max_leverage = new Decimal("4"); }',
      'const lev = Number(process.env.LEVERAGE || "2");',
      'if (s.kill_score > 0.6) {}',
      'if (s.leverage === 2) {}',
    ].join('\n');
    expect(js(text)).toEqual([
      'decision-literal leverage=5@1:18',
      'decision-literal stop_loss=-0.02@2:26',
      'silent-fallback LEVERAGE=3@2:59',
      'decision-literal notional=1000@3:26',
      'decision-literal max_leverage="4"@4:38',
      'silent-fallback LEVERAGE="2"@5:44',
      'literal-threshold kill_score=0.6@6:20',
    ]);
  });
  it('JSX in .js and TS types in .tsx parse; comments and strings never match', () => {
    expect(js('// const leverage = 5\nconst s = "leverage = 5";\nexport const A = () => <div leverage={5} />;\n', 'a.js')).toEqual([]);
    expect(js('type P = { leverage: 5 };\nconst x: P = { leverage: 5 } as P;\n', 'a.tsx')).toEqual(['decision-literal leverage=5@2:26']);
  });
});

describe('names and numbers', () => {
  it('matches whole names, case-insensitively, with wildcards and classes', () => {
    const m = nameMatcher(['stop_loss*', 'T[1-3]_R', 'leverage']);
    expect(['STOP_LOSS_PCT', 't2_r', 'Leverage'].map(m)).toEqual([true, true, true]);
    expect(['max_leverage_note', 'T4_R', 'leverage_type_x'].map(m)).toEqual([false, false, false]);
  });
  it('reads numeric literals and numeric strings, nothing else', () => {
    expect(['5', '-0.5', '1e3', '1_000', ' 0.02 ', '0x10'].map(numericValue)).toEqual([5, -0.5, 1000, 1000, 0.02, 16]);
    expect(['', 'abc', '5%', '1.2.3', 'NaN'].map(numericValue)).toEqual([null, null, null, null, null]);
  });
});
