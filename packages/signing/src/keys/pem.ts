// PEM armour (RFC 7468): `-----BEGIN LABEL-----`, base64 body, `-----END LABEL-----`. Text around the
// blocks (comments, a certificate chain) is allowed and ignored, as OpenSSL does.

import { decodeBase64 } from '../encoding/base64.js';

export interface PemBlock {
  readonly label: string;
  /** The decoded body, or `undefined` when it is not valid base64. */
  readonly der: Uint8Array | undefined;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` (legacy OpenSSL encryption). */
  readonly hasHeaders: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

export function parsePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label, body, endLabel] = match as unknown as [string, string, string, string];
    if (label !== endLabel) continue;
    const hasHeaders = body.includes(':');
    // Keys pasted into environment variables often carry literal "\n" sequences instead of newlines.
    const base64 = hasHeaders ? '' : body.replace(/\\[rn]|\s+/g, '');
    blocks.push({ label, der: hasHeaders ? undefined : decodeBase64(base64), hasHeaders });
  }
  return blocks;
}
