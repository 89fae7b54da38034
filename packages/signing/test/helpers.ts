import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CryptoBackendName } from '@binance-mcp/signing';

/** Every test that signs runs once per crypto backend. */
export const BACKENDS: readonly CryptoBackendName[] = ['node', 'webcrypto'];

export const FIXTURE_PASSPHRASE = 'binance-mcp test passphrase ✓';

export function fixtureKey(name: string): string {
  return readFileSync(fileURLToPath(new URL(`fixtures/keys/${name}`, import.meta.url)), 'utf8');
}

/** Decodes a query string or form body the way a server does: split on `&`, then on the first `=`. */
export function decodePairs(text: string): [string, string][] {
  if (text === '') return [];
  return text.split('&').map((pair) => {
    const i = pair.indexOf('=');
    return [decodeURIComponent(pair.slice(0, i)), decodeURIComponent(pair.slice(i + 1))];
  });
}
