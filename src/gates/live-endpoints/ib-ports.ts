import type { PortEntry } from './catalog-types.js';

export interface PortMatch {
  port: number;
  entry: PortEntry;
  /** Offset of the port number in the text. */
  index: number;
  text: string;
  context: 'connect call' | 'config key';
}

/** Files that talk to TWS/IB Gateway: only there is a bare `port = 7496` an IB port. */
const IB_LIBRARY = /\b(?:ib_insync|ib_async|ibapi|ib_client|ibkr|IBApi|EClient|@stoqey\/ib|ib-tws-api|IBGateway)\b/;
/** A key that names IB/TWS itself may carry a live port in any file (e.g. `IB_PORT=7496` in .env). */
const IB_KEY = String.raw`(?:[\w.-]*[_.-])?(?:ib|ibkr|ibg|tws|ibgateway)(?:[_.-][\w.-]*)?[_.-]?port`;
const ANY_PORT_KEY = String.raw`(?:[\w.-]*[_.-])?port`;

function keyValue(key: string, ports: string): RegExp {
  return new RegExp(String.raw`(?<![\w.-])["']?(${key})["']?\s*[:=]\s*["']?(${ports})(?!\d)`, 'gi');
}

/** Finds live TWS/IB Gateway ports in connect calls and config keys. Paper ports are never reported. */
export function portMatcher(entries: PortEntry[]): (text: string) => PortMatch[] {
  const live = entries.filter((e) => e.env === 'live');
  if (live.length === 0) return () => [];
  const byPort = new Map(live.map((e) => [e.port, e]));
  const alternation = [...byPort.keys()].join('|');
  const ibKey = keyValue(IB_KEY, alternation);
  const anyKey = keyValue(ANY_PORT_KEY, alternation);
  const connect = /\.connect(?:Async)?\s*\(/g;
  const livePortInArgs = new RegExp(String.raw`(?<![\w.])(${alternation})(?![\w.])`);

  const portLiterals = [...byPort.keys()].map(String);

  return (text) => {
    // Every match below contains a live port's digits: most files have none, and a substring search is
    // far cheaper than the key/value regex, whose leading optional groups are tried at every offset.
    if (!portLiterals.some((p) => text.includes(p))) return [];
    const out: PortMatch[] = [];
    const seen = new Set<number>();
    const push = (index: number, port: number, matched: string, context: PortMatch['context']) => {
      const entry = byPort.get(port);
      if (!entry || seen.has(index)) return;
      seen.add(index);
      out.push({ port, entry, index, text: matched, context });
    };
    const isIbFile = IB_LIBRARY.test(text);
    for (const re of isIbFile ? [ibKey, anyKey] : [ibKey]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const value = m[2] ?? '';
        push(m.index + m[0].length - value.length, Number(value), m[0], 'config key');
      }
    }
    if (isIbFile) {
      connect.lastIndex = 0;
      for (let m = connect.exec(text); m; m = connect.exec(text)) {
        const open = m.index + m[0].length;
        const close = closingParen(text, open);
        const args = text.slice(open, close);
        const p = livePortInArgs.exec(args);
        if (p) push(open + p.index, Number(p[1]), text.slice(m.index, close + 1), 'connect call');
      }
    }
    return out.sort((a, b) => a.index - b.index);
  };
}

/** The offset of the parenthesis closing the call opened just before `from` (bounded, nesting-aware). */
function closingParen(text: string, from: number): number {
  let depth = 1;
  const limit = Math.min(text.length, from + 2000);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return limit;
}
