// Secrets never show: not in a signer's JSON, string or inspect output, not in any error's message,
// string or inspect output (including causes and stacks).

import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { type Credentials, createSigner, InvalidKeyError, InvalidParameterError } from '@binance-mcp/signing';
import { describe, expect, it } from 'vitest';
import { FIX_ED25519_PRIVATE_KEY, HMAC_API_KEY, HMAC_SECRET } from './fixtures/vectors.js';
import { BACKENDS } from './helpers.js';

const PASSPHRASE = 'hunter2-passphrase-Zq9';
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const encryptedPem = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

/** Every 12-character window of each secret: none may appear anywhere. */
function secretFragments(...secrets: string[]): string[] {
  const fragments: string[] = [];
  for (const secret of secrets) {
    const body = secret.replace(/-----[^-]+-----|\s/g, '');
    for (let i = 0; i + 12 <= body.length; i += 6) fragments.push(body.slice(i, i + 12));
  }
  return fragments;
}

function expectNoSecret(text: string, secrets: string[]): void {
  for (const fragment of secretFragments(...secrets)) expect(text).not.toContain(fragment);
}

function renderings(value: unknown): string[] {
  return [
    JSON.stringify(value),
    String(value),
    `${value}`,
    inspect(value),
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify({ ...(value as object) }),
    inspect(structuredClone({ ...(value as object) })),
    Object.prototype.toString.call(value),
  ];
}

const API_KEY = HMAC_API_KEY;
const CASES: [string, Credentials, string[]][] = [
  ['HMAC', { apiKey: API_KEY, apiSecret: HMAC_SECRET }, [HMAC_SECRET]],
  ['RSA', { apiKey: API_KEY, privateKey: rsaPem }, [rsaPem]],
  ['Ed25519', { apiKey: API_KEY, privateKey: FIX_ED25519_PRIVATE_KEY }, [FIX_ED25519_PRIVATE_KEY]],
  [
    'encrypted Ed25519',
    { apiKey: API_KEY, privateKey: encryptedPem, privateKeyPassphrase: PASSPHRASE },
    [encryptedPem, PASSPHRASE],
  ],
];

describe.each(BACKENDS)('no secret in a signer, %s backend', (backend) => {
  it.each(CASES)(
    '%s: JSON.stringify, toString and util.inspect show only the masked apiKey',
    async (_n, credentials, secrets) => {
      const signer = await createSigner(credentials, { backend });
      for (const text of renderings(signer)) expectNoSecret(text, [...secrets, API_KEY]);
      // Bypassing the custom inspection reaches the apiKey getter (the key is sent in clear in a header
      // anyway), but never the secret, the private key or the passphrase.
      const forced = inspect(signer, {
        customInspect: false,
        showHidden: true,
        depth: Number.POSITIVE_INFINITY,
        getters: true,
      });
      expectNoSecret(forced, secrets);
      expect(JSON.parse(JSON.stringify(signer))).toEqual({
        keyType: signer.keyType,
        backend,
        apiKey: 'vmPU…',
      });
      expect(String(signer)).toBe(`Signer(${signer.keyType}, apiKey vmPU…, ${backend})`);
      expect(inspect(signer)).toContain("apiKey: 'vmPU…'");
      expect(Object.keys(signer)).toEqual([]);
      // The API key itself is available to code that needs it, e.g. for the X-MBX-APIKEY header.
      expect(signer.apiKey).toBe(API_KEY);
    },
  );
});

describe.each(BACKENDS)('no secret in an error, %s backend', (backend) => {
  const failures: [string, Credentials, string[]][] = [
    [
      'truncated RSA key',
      { apiKey: 'k', privateKey: rsaPem.replace(/\n[^\n]+\n-----END/, '\n-----END') },
      [rsaPem],
    ],
    ['PKCS#1 key', { apiKey: 'k', privateKey: pkcs1() }, [pkcs1()]],
    ['EC key', { apiKey: 'k', privateKey: ecPem() }, [ecPem()]],
    ['encrypted key, no passphrase', { apiKey: 'k', privateKey: encryptedPem }, [encryptedPem]],
    [
      'encrypted key, wrong passphrase',
      { apiKey: 'k', privateKey: encryptedPem, privateKeyPassphrase: `${PASSPHRASE}-wrong` },
      [encryptedPem, `${PASSPHRASE}-wrong`],
    ],
    ['secret with a trailing newline', { apiKey: 'k', apiSecret: `${HMAC_SECRET}\n` }, [HMAC_SECRET]],
    [
      'apiKey with a trailing newline',
      { apiKey: `${API_KEY}\n`, apiSecret: HMAC_SECRET },
      [API_KEY, HMAC_SECRET],
    ],
    [
      'both secret and key',
      { apiKey: API_KEY, apiSecret: HMAC_SECRET, privateKey: rsaPem } as unknown as Credentials,
      [API_KEY, HMAC_SECRET, rsaPem],
    ],
  ];

  it.each(failures)(
    '%s: message, toString and inspect (with cause and stack) hold no key material',
    async (_n, credentials, secrets) => {
      const error = await createSigner(credentials, { backend }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error instanceof InvalidKeyError || error instanceof InvalidParameterError).toBe(true);
      const e = error as Error;
      for (const text of [
        e.message,
        String(e),
        inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        JSON.stringify(e),
      ]) {
        expectNoSecret(text, secrets);
      }
    },
  );
});

function pkcs1(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
}

function ecPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
