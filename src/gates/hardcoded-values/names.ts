/** Decision-name matching: `*` and `?` wildcards, `[1-3]` classes, case-insensitive, whole name. */
export type NameMatcher = (name: string) => boolean;

export function nameMatcher(patterns: string[]): NameMatcher {
  if (patterns.length === 0) return () => false;
  const source = patterns
    .map((p) =>
      p
        .split('')
        .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch === '[' || ch === ']' || ch === '-' ? ch : ch.replace(/[.+^${}()|\\/]/g, '\\$&')))
        .join(''),
    )
    .join('|');
  const re = new RegExp(`^(?:${source})$`, 'i');
  return (name) => re.test(name);
}

/** The number a literal's text denotes, or null: `5`, `-0.5`, `1e3`, `1_000`, and the same inside quotes. */
export function numericValue(text: string): number | null {
  const t = text.trim().replace(/_/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?0[xXoObB][0-9a-fA-F]+$/.test(t)) return null;
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  const n = /^0[xXoObB]/.test(body) ? Number(body) : Number.parseFloat(body);
  return Number.isFinite(n) ? sign * n : null;
}
