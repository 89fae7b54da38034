// Client order ids, as the client makes them when the caller gives none: 22 letters and digits, like
// the ids Binance generates, drawn uniformly from a cryptographic source.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 22-character client order id of letters and digits, like the ones Binance generates. */
export function generateClientOrderId(): string {
  const bytes = new Uint8Array(22);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 62 letters and digits: 248 = 4 × 62, so bytes from 248 up are skipped to keep the draw uniform.
  for (let i = 0; id.length < 22; i++) {
    if (i === bytes.length) {
      globalThis.crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i] as number;
    if (b < 248) id += ALPHABET[b % 62];
  }
  return id;
}
