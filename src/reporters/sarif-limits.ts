/**
 * Limits GitHub code scanning applies to rule metadata on upload. Past them the
 * upload is rejected or GitHub cuts the text itself, so we cut it first, with a
 * visible ellipsis, and only here: results are never truncated (fail closed).
 */
export const GITHUB_LIMITS = {
  ruleName: 255,
  ruleDescription: 1024,
} as const;

const ELLIPSIS = '…';

/** Cuts at a code-point boundary so a surrogate pair is never split in half. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ELLIPSIS.length) break;
    out += ch;
  }
  return out + ELLIPSIS;
}
