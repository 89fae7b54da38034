// Generated RSA and Ed25519 keys: detection from the key, the accepted input forms, and signatures that
// node:crypto verifies (and, both schemes being deterministic, equals byte for byte).

import {
  createPrivateKey,
  generateKeyPair,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';
import { createSigner, InvalidKeyError, type KeyType } from '@binance-mcp/signing';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './helpers.js';

const generate = promisify(generateKeyPair);

interface TestKey {
  readonly name: string;
  readonly keyType: Exclude<KeyType, 'HMAC'>;
  readonly pem: string;
  readonly der: Uint8Array;
  readonly publicKey: KeyObject;
  readonly signatureLength: number;
}

const keys: TestKey[] = [];

async function rsa(bits: number): Promise<TestKey> {
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: bits });
  return {
    name: `RSA-${bits}`,
    keyType: 'RSA',
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    der: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
    publicKey,
    signatureLength: Math.ceil(bits / 8 / 3) * 4, // base64 of bits/8 bytes: 344 for 2048, 684 for 4096
  };
}

beforeAll(async () => {
  const [rsa2048, rsa4096] = await Promise.all([rsa(2048), rsa(4096)]);
  const ed = generateKeyPairSync('ed25519');
  keys.push(rsa2048, rsa4096, {
    name: 'Ed25519',
    keyType: 'ED25519',
    pem: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    der: new Uint8Array(ed.privateKey.export({ type: 'pkcs8', format: 'der' })),
    publicKey: ed.publicKey,
    signatureLength: 88,
  });
}, 60_000);

const PAYLOADS = [
  'symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000',
  'apiKey=abc&symbol=１２３４５６&timestamp=1645423376532',
  '',
];

function nodeSignature(key: TestKey, payload: string): string {
  const privateKey = createPrivateKey(key.pem);
  return sign(key.keyType === 'RSA' ? 'sha256' : null, Buffer.from(payload), privateKey).toString('base64');
}

describe.each(BACKENDS)('generated keys, %s backend', (backend) => {
  it('detects each key type and signs what node:crypto verifies, byte-identical to crypto.sign', async () => {
    for (const key of keys) {
      const signer = await createSigner({ apiKey: 'test-api-key', privateKey: key.pem }, { backend });
      expect(signer.keyType, key.name).toBe(key.keyType);
      for (const payload of PAYLOADS) {
        const signature = await signer.sign(payload);
        expect(signature, key.name).toHaveLength(key.signatureLength);
        const bytes = Buffer.from(signature, 'base64');
        const algorithm = key.keyType === 'RSA' ? 'sha256' : null;
        expect(verify(algorithm, Buffer.from(payload), key.publicKey, bytes), key.name).toBe(true);
        expect(signature, key.name).toBe(nodeSignature(key, payload));
      }
    }
  });

  it('accepts PEM bytes (readFileSync without an encoding), DER bytes, CRLF and surrounding text', async () => {
    for (const key of keys) {
      const expected = nodeSignature(key, 'a=1');
      const forms: (string | Uint8Array)[] = [
        Buffer.from(key.pem),
        key.der,
        key.pem.replaceAll('\n', '\r\n'),
        `# my trading key\n${key.pem}\n# end\n`,
        // An environment variable holding the PEM with literal "\n" sequences.
        key.pem.trimEnd().replaceAll('\n', '\\n'),
      ];
      for (const privateKey of forms) {
        const signer = await createSigner({ apiKey: 'k', privateKey }, { backend });
        expect(signer.keyType).toBe(key.keyType);
        expect(await signer.sign('a=1')).toBe(expected);
      }
    }
  });

  it('reads the type from the key, not its length: a 2048-bit RSA key is not mistaken by size', async () => {
    // Both keys' PEM are given the same length by padding with comments: detection must not care.
    const [rsaKey, edKey] = [keys[0]!, keys[2]!];
    const padded = `${'#'.repeat(rsaKey.pem.length - edKey.pem.length)}\n${edKey.pem}`;
    const signer = await createSigner({ apiKey: 'k', privateKey: padded }, { backend });
    expect(signer.keyType).toBe('ED25519');
  });

  it('accepts an Ed25519 OneAsymmetricKey (PKCS#8 v2) with its public key attached', async () => {
    const ed = keys[2]!;
    const seed = ed.der.subarray(ed.der.length - 32);
    const publicRaw = ed.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    // SEQUENCE { INTEGER 1, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING seed }, [1] BIT STRING pub }
    const v2 = Buffer.concat([
      Buffer.from([
        0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
      ]),
      seed,
      Buffer.from([0x81, 0x21, 0x00]),
      publicRaw,
    ]);
    const signer = await createSigner({ apiKey: 'k', privateKey: new Uint8Array(v2) }, { backend });
    expect(await signer.sign('a=1')).toBe(nodeSignature(ed, 'a=1'));
  });
});

describe.each(BACKENDS)('keys Binance does not accept, %s backend', (backend) => {
  const reject = async (privateKey: string | Uint8Array) => {
    const error = await createSigner({ apiKey: 'k', privateKey }, { backend }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidKeyError);
    return error as InvalidKeyError;
  };

  it.each([
    ['EC P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, /EC \(ECDSA\)/],
    ['RSA-PSS', () => generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey, /RSASSA-PSS/],
    ['X25519', () => generateKeyPairSync('x25519').privateKey, /X25519/],
    ['Ed448', () => generateKeyPairSync('ed448').privateKey, /Ed448/],
  ] as const)('rejects a PKCS#8 %s key as UNSUPPORTED_KEY_TYPE', async (_name, make, message) => {
    const pem = make().export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await reject(pem);
    expect(error.reason).toBe('UNSUPPORTED_KEY_TYPE');
    expect(error.message).toMatch(message);
    const der = await reject(new Uint8Array(make().export({ type: 'pkcs8', format: 'der' })));
    expect(der.reason).toBe('UNSUPPORTED_KEY_TYPE');
  });

  it('explains how to convert a PKCS#1 RSA key (PEM and DER)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = await reject(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    expect(pem.reason).toBe('NOT_PKCS8');
    expect(pem.message).toContain('openssl pkcs8 -topk8');
    const der = await reject(new Uint8Array(privateKey.export({ type: 'pkcs1', format: 'der' })));
    expect(der.reason).toBe('NOT_PKCS8');
  });

  it('rejects SEC1 EC keys, public keys and certificates-by-mistake clearly', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect((await reject(ec.export({ type: 'sec1', format: 'pem' }).toString())).reason).toBe(
      'UNSUPPORTED_KEY_TYPE',
    );
    expect((await reject(new Uint8Array(ec.export({ type: 'sec1', format: 'der' })))).reason).toBe(
      'UNSUPPORTED_KEY_TYPE',
    );
    const pub = generateKeyPairSync('ed25519').publicKey;
    expect((await reject(pub.export({ type: 'spki', format: 'pem' }).toString())).reason).toBe('PUBLIC_KEY');
    expect((await reject(new Uint8Array(pub.export({ type: 'spki', format: 'der' })))).reason).toBe(
      'PUBLIC_KEY',
    );
  });

  it('rejects text that is not a PEM key, with a hint for file paths', async () => {
    const path = await reject('./test-prv-key.pem');
    expect(path.reason).toBe('MALFORMED');
    expect(path.message).toContain('readFileSync');
    expect(
      (await reject('-----BEGIN PRIVATE KEY-----\n!!!notbase64!!!\n-----END PRIVATE KEY-----')).reason,
    ).toBe('MALFORMED');
    expect((await reject('-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----')).reason).toBe(
      'MALFORMED',
    );
    expect((await reject(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).reason).toBe('MALFORMED');
    expect((await reject(new Uint8Array([0xff, 0xfe, 0x00]))).reason).toBe('MALFORMED');
    const two = keys[2]!.pem + keys[0]!.pem;
    expect((await reject(two)).message).toContain('2 private keys');
  });

  it('rejects a truncated or corrupted key as MALFORMED', async () => {
    const der = keys[0]!.der;
    expect((await reject(der.subarray(0, der.length - 10))).reason).toBe('MALFORMED');
    const ed = Uint8Array.from(keys[2]!.der);
    ed[ed.length - 33] = 0x21; // inner OCTET STRING claims 33 bytes
    expect((await reject(ed)).reason).toBe('MALFORMED');
  });
});
