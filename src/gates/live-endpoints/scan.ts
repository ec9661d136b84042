/**
 * Finds URLs and bare hostnames in text, with exact positions. Host matching is exact on label
 * boundaries: the whole DNS name must be a catalog host, so `paper-api.alpaca.markets` is never
 * `api.alpaca.markets` and `api.binance.com.example.org` is nothing.
 */

export interface HostMatch {
  host: string;
  scheme: string | null;
  port: number | null;
  path: string;
  /** The full matched text (URL or hostname). */
  text: string;
  /** Offset of the match in the file. */
  index: number;
}

/** Builds the matcher once per run: candidates must end in a top-level label some catalog host has. */
export function hostMatcher(topLevelLabels: string[]): (text: string) => HostMatch[] {
  const tlds = topLevelLabels.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // scheme? host port? path? — the host may not continue into another label or a name character.
  const re = new RegExp(
    String.raw`(?<![\w.@-])(?:(https?|wss?)://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${tlds}))(?![\w-]|\.[a-z0-9])(?::(\d{1,5}))?(/[^\s'"\x60<>()\[\]{},;\\|^]*)?`,
    'gi',
  );
  return (text) => {
    const out: HostMatch[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [full, scheme, host = '', port, rawPath] = m;
      out.push({
        host: host.toLowerCase(),
        scheme: scheme ? scheme.toLowerCase() : null,
        port: port ? Number(port) : null,
        path: (rawPath ?? '').replace(/[?#].*$/, '').replace(/[.:]+$/, ''),
        text: full.replace(/[.:]+$/, ''),
        index: m.index,
      });
    }
    return out;
  };
}

/** 1-based line and column of offsets in one text, computed once per file that has a finding. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}
