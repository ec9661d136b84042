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

/**
 * Builds the matcher once per run: candidates must end in a top-level label some catalog host has.
 * With `isKnown`, a text in which no match can be a known host gives no matches at all (see mayHaveKnownHost):
 * callers that drop unknown hosts anyway get the same result, most files without running the full pattern.
 */
export function hostMatcher(topLevelLabels: string[], isKnown?: (host: string) => boolean): (text: string) => HostMatch[] {
  const tlds = topLevelLabels.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // scheme? host port? path? — the host may not continue into another label or a name character.
  const re = new RegExp(
    String.raw`(?<![\w.@-])(?:(https?|wss?)://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${tlds}))(?![\w-]|\.[a-z0-9])(?::(\d{1,5}))?(/[^\s'"\x60<>()\[\]{},;\\|^]*)?`,
    'gi',
  );
  const mayHaveKnown = isKnown ? knownHostPrefilter(tlds, isKnown) : null;
  return (text) => {
    const out: HostMatch[] = [];
    if (mayHaveKnown && !mayHaveKnown(text)) return out;
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

/**
 * A cheap exact prefilter for hostMatcher. A match's host ends in `.<tld>` followed by neither a word
 * character nor `-`, and it cannot start inside a run of host characters (the pattern's look-behind), so
 * the host is the whole run of `[A-Za-z0-9.-]` that ends there. Finding each `.<tld>` end is a short
 * pattern V8 scans quickly; only there do we look back for the run and test it (and, to stay a superset,
 * each shorter name in it) against the catalog. No known run: no match of the full pattern can be known.
 */
function knownHostPrefilter(tlds: string, isKnown: (host: string) => boolean): (text: string) => boolean {
  const ends = new RegExp(String.raw`\.(?:${tlds})(?![\w-])`, 'gi');
  return (text) => {
    ends.lastIndex = 0;
    for (let m = ends.exec(text); m; m = ends.exec(text)) {
      let start = m.index;
      while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
      let name = text.slice(start, m.index + m[0].length).toLowerCase();
      for (;;) {
        if (isKnown(name)) return true;
        const dot = name.indexOf('.');
        if (dot === -1) break;
        name = name.slice(dot + 1);
      }
    }
    return false;
  };
}

/** [A-Za-z0-9.-] */
function isHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}
