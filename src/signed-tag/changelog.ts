/**
 * The changelog rule: a heading for the version, and under it the subsections the policy requires.
 * Headings are Markdown ATX headings; a section ends at the next heading of the same or a higher level.
 */
export interface ChangelogResult {
  /** 1-based line of the version's heading, or null when there is none. */
  line: number | null;
  missing: string[];
}

interface Heading {
  line: number;
  level: number;
  text: string;
}

function headings(text: string): Heading[] {
  const out: Heading[] = [];
  let fence = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s{0,3}(```|~~~)/.test(raw)) fence = !fence;
    if (fence) return;
    const m = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (m) out.push({ line: i + 1, level: (m[1] ?? '').length, text: m[2] ?? '' });
  });
  return out;
}

const norm = (s: string): string => s.replace(/[`*_[\]]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Does the heading name exactly this version (`1.2.0`, `v1.2.0`, `[1.2.0]`, `risk/v1.2.0 - 2026-01-01`)? */
function namesVersion(text: string, version: string): boolean {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s[/(])v?${escaped}($|[\\s\\])])`).test(text);
}

/** `versions` in order of preference (an rc may be described under its own version or the final one). */
export function checkChangelog(text: string, versions: string[], required: string[]): ChangelogResult {
  const hs = headings(text);
  let at = -1;
  for (const v of versions) {
    at = hs.findIndex((h) => namesVersion(h.text, v));
    if (at !== -1) break;
  }
  if (at === -1) return { line: null, missing: required };
  const head = hs[at] as Heading;
  const inside: Heading[] = [];
  for (const h of hs.slice(at + 1)) {
    if (h.level <= head.level) break;
    inside.push(h);
  }
  const names = new Set(inside.map((h) => norm(h.text)));
  return { line: head.line, missing: required.filter((r) => !names.has(norm(r))) };
}
