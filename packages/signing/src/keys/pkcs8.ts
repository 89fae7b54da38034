// PKCS#8 (RFC 5208 / RFC 5958): `PrivateKeyInfo` and `EncryptedPrivateKeyInfo`. The key type comes from
// the AlgorithmIdentifier's OID, never from the key's length.

import type { AsymmetricKeyType } from '../crypto/backend.js';
import { InvalidKeyError } from '../errors.js';
import {
  children,
  type DerElement,
  DerError,
  decodeOid,
  decodeSmallInteger,
  expectTag,
  integerBitLength,
  readDer,
  Tag,
} from './der.js';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const ED25519 = '1.3.101.112';

/** Key algorithms Binance does not accept, by OID: how to name them in a message. */
const UNSUPPORTED_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.10':
    'an RSASSA-PSS key (Binance verifies RSA signatures with PKCS#1 v1.5, so the key must be rsaEncryption)',
  '1.2.840.10045.2.1': 'an EC (ECDSA) key',
  '1.3.101.110': 'an X25519 key',
  '1.3.101.111': 'an X448 key',
  '1.3.101.113': 'an Ed448 key',
  '1.2.840.10040.4.1': 'a DSA key',
  '1.2.840.113549.1.3.1': 'a DH key',
  '1.2.156.10197.1.301': 'an SM2 key',
};

const SUPPORTED = 'Binance accepts RSA (rsaEncryption, 2048 to 4096 bits) and Ed25519 keys';

/** An unencrypted PKCS#8 key of a type Binance accepts, ready to hand to a crypto backend. */
export interface PrivateKeyInfo {
  readonly type: AsymmetricKeyType;
  /** DER of a `PrivateKeyInfo` the backends import (Ed25519 keys are normalised to version 0). */
  readonly pkcs8: Uint8Array;
}

/** What a DER blob of unknown kind turned out to be. */
export type DerKind =
  | 'private-key-info'
  | 'encrypted-private-key-info'
  | 'public-key'
  | 'pkcs1'
  | 'sec1'
  | 'unknown';

function malformed(what: string, cause?: unknown): InvalidKeyError {
  return new InvalidKeyError('MALFORMED', `privateKey is not a valid PKCS#8 key: ${what}`, { cause });
}

export function classifyDer(der: Uint8Array): DerKind {
  let items: DerElement[];
  try {
    const outer = readDer(der);
    if (outer.tag !== Tag.SEQUENCE) return 'unknown';
    items = children(outer);
  } catch {
    return 'unknown';
  }
  const [a, b, c] = items;
  if (a?.tag === Tag.INTEGER && b?.tag === Tag.SEQUENCE && c?.tag === Tag.OCTET_STRING)
    return 'private-key-info';
  if (a?.tag === Tag.SEQUENCE && b?.tag === Tag.OCTET_STRING && items.length === 2)
    return 'encrypted-private-key-info';
  if (a?.tag === Tag.SEQUENCE && b?.tag === Tag.BIT_STRING && items.length === 2) return 'public-key';
  // X.509 certificate: TBSCertificate, signatureAlgorithm, signatureValue.
  if (a?.tag === Tag.SEQUENCE && b?.tag === Tag.SEQUENCE && c?.tag === Tag.BIT_STRING) return 'public-key';
  if (a?.tag === Tag.INTEGER && b?.tag === Tag.INTEGER && items.length >= 9) return 'pkcs1';
  if (a?.tag === Tag.INTEGER && b?.tag === Tag.OCTET_STRING) return 'sec1';
  return 'unknown';
}

// Ed25519 PrivateKeyInfo, version 0, without parameters: 30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20.
const ED25519_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);

/**
 * Parses a `PrivateKeyInfo`, identifies its algorithm and checks the inner key's shape. Throws
 * `InvalidKeyError` (`MALFORMED` or `UNSUPPORTED_KEY_TYPE`).
 */
export function parsePrivateKeyInfo(der: Uint8Array): PrivateKeyInfo {
  try {
    const [version, algorithm, privateKey] = children(
      expectTag(readDer(der), Tag.SEQUENCE, 'PrivateKeyInfo'),
    );
    const v = decodeSmallInteger(version, 'version');
    if (v !== 0 && v !== 1) throw new DerError(`unknown PrivateKeyInfo version ${v}`);
    const [oid, parameters] = children(expectTag(algorithm, Tag.SEQUENCE, 'AlgorithmIdentifier'));
    const algorithmOid = decodeOid(expectTag(oid, Tag.OID, 'algorithm'));
    const inner = expectTag(privateKey, Tag.OCTET_STRING, 'privateKey').value;

    if (algorithmOid === ED25519) {
      if (parameters !== undefined)
        throw new DerError('Ed25519 AlgorithmIdentifier must not have parameters');
      const seed = expectTag(readDer(inner), Tag.OCTET_STRING, 'Ed25519 private key');
      if (seed.value.length !== 32) throw new DerError('an Ed25519 private key is 32 bytes');
      const pkcs8 = new Uint8Array(ED25519_PREFIX.length + 32);
      pkcs8.set(ED25519_PREFIX);
      pkcs8.set(seed.value, ED25519_PREFIX.length);
      return { type: 'ED25519', pkcs8 };
    }

    if (algorithmOid === RSA_ENCRYPTION) {
      const fields = children(expectTag(readDer(inner), Tag.SEQUENCE, 'RSAPrivateKey'));
      if (fields.length < 9) throw new DerError('RSAPrivateKey is missing fields');
      if (integerBitLength(fields[1], 'modulus') < 512)
        throw new DerError('RSA modulus is implausibly small');
      return { type: 'RSA', pkcs8: der };
    }

    const what = UNSUPPORTED_ALGORITHMS[algorithmOid] ?? `a key of algorithm ${algorithmOid}`;
    throw new InvalidKeyError('UNSUPPORTED_KEY_TYPE', `privateKey is ${what}; ${SUPPORTED}`);
  } catch (error) {
    if (error instanceof DerError) throw malformed(error.message, error);
    throw error;
  }
}
