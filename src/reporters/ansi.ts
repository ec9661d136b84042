/**
 * The few SGR styles the text report uses. Whether to colour is decided by the
 * caller (isTTY, NO_COLOR, FORCE_COLOR); with colour off every style is the
 * identity, so no escape code can leak into a log file or a pipe.
 */
export interface Styles {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

const ON: Styles = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};

const identity = (s: string): string => s;
const OFF: Styles = { bold: identity, dim: identity, red: identity, yellow: identity, cyan: identity, green: identity };

export function styles(color: boolean): Styles {
  return color ? ON : OFF;
}

/**
 * Messages quote text from the scanned repository. A committed escape sequence
 * must not be able to recolour, hide or rewrite the report in the reader's
 * terminal, so control characters (tab and newline aside) are shown, not sent.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    return `\\u{${c.charCodeAt(0).toString(16)}}`;
  });
}
