/**
 * `manifest sync` as a pure text transformation: entries of files no longer tracked go, new scripts
 * are appended (sorted among themselves) as unclassified. Everything outside the `scripts` array is
 * kept byte for byte, and so is every kept entry; separators and the layout of new entries copy
 * what the file already uses, so a sync diff shows only the entries that changed.
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { ConfigError } from '../../core/errors.js';
import { readManifest } from './manifest.js';

export const UNCLASSIFIED = 'unclassified';

export interface SyncPlan {
  text: string;
  added: string[];
  removed: string[];
  changed: boolean;
  created: boolean;
}

interface EntryStyle {
  open: string;
  colon: string;
  sep: string;
  close: string;
}

/** `original` is null when the manifest does not exist yet. Throws ConfigError (file, line) on an invalid manifest. */
export function syncManifestText(file: string, original: string | null, scripts: string[], isTracked: (p: string) => boolean): SyncPlan {
  const created = original === null;
  const base = original ?? '{\n  "version": 1,\n  "scripts": []\n}\n';
  const read = readManifest(base);
  if (!read.ok) {
    const p = read.problems[0] as { line: number; message: string };
    throw new ConfigError(`cannot sync an invalid manifest: ${p.message}`, file, p.line);
  }
  const removedEntries = read.entries.filter((e) => !isTracked(e.path));
  const kept = read.entries.filter((e) => isTracked(e.path));
  const listed = new Set(kept.map((e) => e.path));
  const added = [...new Set(scripts.filter((s) => !listed.has(s)))].sort();
  const removed = [...new Set(removedEntries.map((e) => e.path))];
  if (!created && added.length === 0 && removed.length === 0) return { text: base, added, removed, changed: false, created };

  const eol = base.includes('\r\n') ? '\r\n' : '\n';
  const array = read.scripts;
  const children = array.children ?? [];
  const slice = (from: number, to: number) => base.slice(from, to);
  const endOf = (n: JsonNode) => n.offset + n.length;
  const arrayEnd = endOf(array);

  let leading: string;
  let between: string;
  let trailing: string;
  let style: EntryStyle;
  const first = children[0];
  const last = children[children.length - 1];
  if (first && last) {
    leading = slice(array.offset + 1, first.offset);
    trailing = slice(endOf(last), arrayEnd - 1);
    between = children[1] ? slice(endOf(first), children[1].offset) : `,${leading}`;
    style = styleOf(base, first);
  } else {
    const unit = indentUnit(base);
    const keyIndent = lineIndent(base, array.parent?.offset ?? array.offset);
    const elementIndent = keyIndent + unit;
    leading = eol + elementIndent;
    between = `,${leading}`;
    trailing = eol + keyIndent;
    style = { open: eol + elementIndent + unit, colon: ': ', sep: `,${eol}${elementIndent}${unit}`, close: eol + elementIndent };
  }

  const entryTexts = [
    ...kept.map((e) => slice(e.offset, e.offset + e.length)),
    ...added.map((p) => render(style, [['path', p], ['category', UNCLASSIFIED], ['requires_exec_guard', false]])),
  ];
  const arrayText = entryTexts.length ? `[${leading}${entryTexts.join(between)}${trailing}]` : '[]';
  let text = base.slice(0, array.offset) + arrayText + base.slice(arrayEnd);
  if (!text.endsWith('\n')) text += eol;
  return { text, added, removed, changed: text !== original, created };
}

function render(style: EntryStyle, fields: [string, string | boolean][]): string {
  return `{${style.open}${fields.map(([k, v]) => `${JSON.stringify(k)}${style.colon}${JSON.stringify(v)}`).join(style.sep)}${style.close}}`;
}

/** The separators of an existing entry, so new entries look like their neighbours. */
function styleOf(text: string, entry: JsonNode): EntryStyle {
  const props = entry.children ?? [];
  const p0 = props[0] as JsonNode;
  const p1 = props[1];
  const pn = props[props.length - 1] as JsonNode;
  const [k0, v0] = p0.children as [JsonNode, JsonNode];
  return {
    open: text.slice(entry.offset + 1, p0.offset),
    colon: text.slice(k0.offset + k0.length, v0.offset),
    sep: p1 ? text.slice(p0.offset + p0.length, p1.offset) : ', ',
    close: text.slice(pn.offset + pn.length, entry.offset + entry.length - 1),
  };
}

/** The file's indentation step: the leading whitespace of its first indented line. */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? (m[1] as string) : '  ';
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Re-exported for tests that compare the parsed result. */
export function manifestPaths(text: string): string[] {
  const root = parseTree(text);
  const arr = root ? findNodeAtLocation(root, ['scripts']) : undefined;
  return (arr?.children ?? []).map((c) => String(findNodeAtLocation(c, ['path'])?.value));
}
