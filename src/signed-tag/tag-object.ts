/**
 * A git tag object, parsed from `git cat-file tag` bytes. The signature is split off at the LAST
 * armor line, as git does, so that a message quoting an armor block cannot move the boundary.
 */
export type SignatureKind = 'openpgp' | 'ssh' | 'x509';

export interface TagObject {
  object: string;
  type: string;
  tag: string;
  tagger: { name: string; email: string; timestamp: number } | null;
  /** The signed bytes: everything before the signature's armor line. */
  payload: Buffer;
  signature: { kind: SignatureKind; armored: string } | null;
}

const ARMORS: { line: string; kind: SignatureKind }[] = [
  { line: '-----BEGIN PGP SIGNATURE-----', kind: 'openpgp' },
  { line: '-----BEGIN PGP MESSAGE-----', kind: 'openpgp' },
  { line: '-----BEGIN SIGNED MESSAGE-----', kind: 'x509' },
  { line: '-----BEGIN SSH SIGNATURE-----', kind: 'ssh' },
];

/** Returns null when the bytes are not a tag object (missing object/type/tag headers). */
export function parseTagObject(raw: Buffer): TagObject | null {
  const text = raw.toString('latin1'); // byte offsets must stay byte offsets
  const headerEnd = text.indexOf('\n\n');
  const headerText = headerEnd === -1 ? text : text.slice(0, headerEnd);
  const headers = new Map<string, string>();
  for (const line of headerText.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0 && !headers.has(line.slice(0, sp))) headers.set(line.slice(0, sp), line.slice(sp + 1));
  }
  const object = headers.get('object');
  const type = headers.get('type');
  const tag = headers.get('tag');
  if (!object || !type || tag === undefined) return null;

  let cut = -1;
  let kind: SignatureKind | null = null;
  const bodyStart = headerEnd === -1 ? text.length : headerEnd + 2;
  for (const a of ARMORS) {
    // An armor line starts a line: at the body start or after a newline.
    let at = text.lastIndexOf(`\n${a.line}`);
    at = at === -1 ? -1 : at + 1;
    if (at === -1 && text.startsWith(a.line, bodyStart)) at = bodyStart;
    if (at >= bodyStart && at > cut) {
      cut = at;
      kind = a.kind;
    }
  }
  const payload = cut === -1 ? raw : raw.subarray(0, cut);
  const signature = cut === -1 || !kind ? null : { kind, armored: Buffer.from(text.slice(cut), 'latin1').toString('utf8') };
  return {
    object,
    type,
    tag: Buffer.from(tag, 'latin1').toString('utf8'),
    tagger: parseTagger(headers.get('tagger')),
    payload,
    signature,
  };
}

function parseTagger(value: string | undefined): TagObject['tagger'] {
  if (!value) return null;
  const m = /^(.*) <([^<>]*)> (\d+) [+-]\d{4}$/.exec(Buffer.from(value, 'latin1').toString('utf8'));
  if (!m) return null;
  return { name: m[1] ?? '', email: m[2] ?? '', timestamp: Number(m[3]) };
}
