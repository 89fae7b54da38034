// A small reader for the DER subset that PKCS#8 keys use: definite lengths, universal and
// context-specific tags, no high-tag-number form. Enough to tell key types apart and to read PBES2
// parameters without a crypto library, so the Node and Web Crypto paths parse keys identically.

export const Tag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** A structural problem in DER input. Callers turn it into an `InvalidKeyError`. */
export class DerError extends Error {}

export interface DerElement {
  /** The identifier octet (class, constructed bit and tag number). */
  readonly tag: number;
  /** The value octets. */
  readonly value: Uint8Array;
}

/** Reads one element at `offset`; returns it and the offset just past it. */
function readElement(bytes: Uint8Array, offset: number): { element: DerElement; end: number } {
  if (offset + 2 > bytes.length) throw new DerError('truncated element header');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used in keys');
  let length = bytes[offset + 1]!;
  let cursor = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite lengths are not DER');
    if (count > 4) throw new DerError('element too long');
    if (cursor + count > bytes.length) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[cursor + i]!;
    cursor += count;
  }
  const end = cursor + length;
  if (end > bytes.length) throw new DerError('element runs past the end of its container');
  return { element: { tag, value: bytes.subarray(cursor, end) }, end };
}

/** Reads the single element that spans all of `bytes` (no trailing data allowed). */
export function readDer(bytes: Uint8Array): DerElement {
  const { element, end } = readElement(bytes, 0);
  if (end !== bytes.length) throw new DerError('trailing data after the outer element');
  return element;
}

/** The children of a constructed element. */
export function children(element: DerElement): DerElement[] {
  if ((element.tag & 0x20) === 0) throw new DerError('expected a constructed element');
  const out: DerElement[] = [];
  for (let offset = 0; offset < element.value.length; ) {
    const read = readElement(element.value, offset);
    out.push(read.element);
    offset = read.end;
  }
  return out;
}

export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (element === undefined) throw new DerError(`missing ${what}`);
  if (element.tag !== tag) throw new DerError(`${what} has the wrong type`);
  return element;
}

/** The dotted form of an OBJECT IDENTIFIER, e.g. `1.3.101.112`. */
export function decodeOid(element: DerElement): string {
  const { value } = expectTag(element, Tag.OID, 'algorithm identifier');
  if (value.length === 0) throw new DerError('empty object identifier');
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i]!;
    if (arc === 0 && byte === 0x80) throw new DerError('object identifier is not minimally encoded');
    arc = arc * 128 + (byte & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new DerError('object identifier arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    } else if (i === value.length - 1) {
      throw new DerError('truncated object identifier');
    }
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** A non-negative INTEGER that fits a JavaScript number (versions, iteration counts, key lengths). */
export function decodeSmallInteger(element: DerElement | undefined, what: string): number {
  const { value } = expectTag(element, Tag.INTEGER, what);
  if (value.length === 0) throw new DerError(`${what} is empty`);
  if (value[0]! & 0x80) throw new DerError(`${what} is negative`);
  if (value.length > 7) throw new DerError(`${what} is too large`);
  let n = 0;
  for (const byte of value) n = n * 256 + byte;
  if (!Number.isSafeInteger(n)) throw new DerError(`${what} is too large`);
  return n;
}

/** The number of significant bits of a non-negative INTEGER (e.g. an RSA modulus). */
export function integerBitLength(element: DerElement | undefined, what: string): number {
  const { value } = expectTag(element, Tag.INTEGER, what);
  let i = 0;
  while (i < value.length && value[i] === 0) i++;
  if (i === value.length) return 0;
  return (value.length - i - 1) * 8 + (32 - Math.clz32(value[i]!));
}
